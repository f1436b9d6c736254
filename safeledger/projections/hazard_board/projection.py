"""Projects hazard events into ``hazard_board``, one version per event."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from eventsourcing.dispatch import singledispatchmethod
from eventsourcing.persistence import Tracking
from eventsourcing.projection import Projection
from eventsourcing.utils import get_topic

from safeledger.projections.hazard_board.tables import hazard_board as t
from safeledger.projections.tracking import SQLTrackingRecorder
from safeledger.projections.versioned import current, revise, start
from safeledger.tenants.hazards import Hazard

EVENTS = (
    Hazard.Logged,
    Hazard.Assigned,
    Hazard.InterimMeasureTaken,
    Hazard.DeadlineExtended,
    Hazard.RectificationReported,
    Hazard.Verified,
    Hazard.Rejected,
    Hazard.Closed,
    Hazard.Escalated,
)


class HazardBoardProjection(Projection[SQLTrackingRecorder]):
    """The hazard board, as of any moment."""

    name = "hazard_board"
    topics = tuple(get_topic(cls) for cls in EVENTS)
    tables = (t,)

    @singledispatchmethod
    def process_event(self, domain_event: Any, tracking: Tracking) -> None:
        """Record the position of an event this projection has no use for."""
        self.view.insert_tracking(tracking)

    @process_event.register
    def _(self, event: Hazard.Logged, tracking: Tracking) -> None:
        def write(conn: sa.Connection) -> None:
            start(
                conn,
                t,
                event,
                hazard_id=event.originator_id,
                tenant_id=event.tenant_id,
                category=event.category,
                severity=event.severity,
                description=event.description,
                place=event.place,
                state="logged",
                logged_at=event.timestamp,
                deadline_extensions=0,
                photo_digests=list(event.photo_digests),
            )

        self.view.record(tracking, write)

    @process_event.register
    def _(self, event: Hazard.Assigned, tracking: Tracking) -> None:
        self._revise(
            event,
            tracking,
            state="assigned",
            owner=event.owner,
            supervisor=event.supervisor,
            deadline=event.deadline,
        )

    @process_event.register
    def _(self, event: Hazard.InterimMeasureTaken, tracking: Tracking) -> None:
        self._revise(event, tracking, state="rectifying")

    @process_event.register
    def _(self, event: Hazard.DeadlineExtended, tracking: Tracking) -> None:
        def write(conn: sa.Connection) -> None:
            row = current(conn, t, ("hazard_id", event.originator_id))
            revise(
                conn,
                t,
                ("hazard_id", event.originator_id),
                event,
                deadline=event.deadline,
                deadline_extensions=row.deadline_extensions + 1,
            )

        self.view.record(tracking, write)

    @process_event.register
    def _(self, event: Hazard.RectificationReported, tracking: Tracking) -> None:
        self._revise(event, tracking, state="reported", reported_at=event.timestamp)

    @process_event.register
    def _(self, event: Hazard.Verified, tracking: Tracking) -> None:
        self._revise(event, tracking, state="verified", verified_at=event.timestamp)

    @process_event.register
    def _(self, event: Hazard.Rejected, tracking: Tracking) -> None:
        self._revise(event, tracking, state="assigned", reported_at=None)

    @process_event.register
    def _(self, event: Hazard.Closed, tracking: Tracking) -> None:
        self._revise(event, tracking, state="closed", closed_at=event.timestamp)

    @process_event.register
    def _(self, event: Hazard.Escalated, tracking: Tracking) -> None:
        self._revise(
            event,
            tracking,
            escalated_to=event.upper_tenant_id,
            escalated_at=event.timestamp,
        )

    def _revise(self, event: Any, tracking: Tracking, **changes: Any) -> None:
        key = ("hazard_id", event.originator_id)
        self.view.record(tracking, lambda conn: revise(conn, t, key, event, **changes))
