"""Projects drill events into ``drill_log``, one version per event."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from eventsourcing.dispatch import singledispatchmethod
from eventsourcing.persistence import Tracking
from eventsourcing.projection import Projection
from eventsourcing.utils import get_topic

from safeledger.projections.drill_log.tables import drill_log as t
from safeledger.projections.tracking import SQLTrackingRecorder
from safeledger.projections.versioned import current, revise, start
from safeledger.tenants.drills import Drill

EVENTS = (
    Drill.Planned,
    Drill.Held,
    Drill.Rescheduled,
    Drill.Cancelled,
    Drill.FindingRecorded,
)


class DrillLogProjection(Projection[SQLTrackingRecorder]):
    """The drill log, as of any moment."""

    name = "drill_log"
    topics = tuple(get_topic(cls) for cls in EVENTS)
    tables = (t,)

    @singledispatchmethod
    def process_event(self, domain_event: Any, tracking: Tracking) -> None:
        """Record the position of an event this projection has no use for."""
        self.view.insert_tracking(tracking)

    @process_event.register
    def _(self, event: Drill.Planned, tracking: Tracking) -> None:
        def write(conn: sa.Connection) -> None:
            start(
                conn,
                t,
                event,
                drill_id=event.originator_id,
                tenant_id=event.tenant_id,
                kind=event.kind,
                state="planned",
                planned_on=event.planned_on,
                planned_at=event.timestamp,
                photo_digests=[],
                findings=0,
            )

        self.view.record(tracking, write)

    @process_event.register
    def _(self, event: Drill.Held, tracking: Tracking) -> None:
        self._revise(
            event,
            tracking,
            state="held",
            held_at=event.held_at,
            held_recorded_at=event.timestamp,
            participants=event.participants,
            duration_minutes=event.duration_minutes,
            evacuation_seconds=event.evacuation_seconds,
            summary_digest=event.summary_digest,
            photo_digests=list(event.photo_digests),
        )

    @process_event.register
    def _(self, event: Drill.Rescheduled, tracking: Tracking) -> None:
        self._revise(event, tracking, planned_on=event.planned_on)

    @process_event.register
    def _(self, event: Drill.Cancelled, tracking: Tracking) -> None:
        self._revise(event, tracking, state="cancelled", cancel_reason=event.reason)

    @process_event.register
    def _(self, event: Drill.FindingRecorded, tracking: Tracking) -> None:
        def write(conn: sa.Connection) -> None:
            key = ("drill_id", event.originator_id)
            revise(conn, t, key, event, findings=current(conn, t, key).findings + 1)

        self.view.record(tracking, write)

    def _revise(self, event: Any, tracking: Tracking, **changes: Any) -> None:
        key = ("drill_id", event.originator_id)
        self.view.record(tracking, lambda conn: revise(conn, t, key, event, **changes))
