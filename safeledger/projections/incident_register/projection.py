"""Projects incident events into ``incident_register``, one version per event."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from eventsourcing.dispatch import singledispatchmethod
from eventsourcing.persistence import Tracking
from eventsourcing.projection import Projection
from eventsourcing.utils import get_topic

from safeledger.projections.incident_register.tables import incident_register as t
from safeledger.projections.tracking import SQLTrackingRecorder
from safeledger.projections.versioned import revise, start
from safeledger.tenants.incidents import Incident

EVENTS = (
    Incident.Reported,
    Incident.WrittenReportFiled,
    Incident.CasualtiesUpdated,
    Incident.Closed,
)


class IncidentRegisterProjection(Projection[SQLTrackingRecorder]):
    """The incident register, as of any moment."""

    name = "incident_register"
    topics = tuple(get_topic(cls) for cls in EVENTS)
    tables = (t,)

    @singledispatchmethod
    def process_event(self, domain_event: Any, tracking: Tracking) -> None:
        """Record the position of an event this projection has no use for."""
        self.view.insert_tracking(tracking)

    @process_event.register
    def _(self, event: Incident.Reported, tracking: Tracking) -> None:
        written = event.channel == "written"

        def write(conn: sa.Connection) -> None:
            start(
                conn,
                t,
                event,
                incident_id=event.originator_id,
                tenant_id=event.tenant_id,
                category=event.category,
                severity=event.severity,
                description=event.description,
                occurred_at=event.occurred_at,
                reported_at=event.timestamp,
                channel=event.channel,
                written_report_at=event.timestamp if written else None,
                deaths=event.deaths,
                injuries=event.injuries,
            )

        self.view.record(tracking, write)

    @process_event.register
    def _(self, event: Incident.WrittenReportFiled, tracking: Tracking) -> None:
        self._revise(event, tracking, written_report_at=event.timestamp)

    @process_event.register
    def _(self, event: Incident.CasualtiesUpdated, tracking: Tracking) -> None:
        self._revise(event, tracking, deaths=event.deaths, injuries=event.injuries)

    @process_event.register
    def _(self, event: Incident.Closed, tracking: Tracking) -> None:
        self._revise(event, tracking, closed_at=event.timestamp)

    def _revise(self, event: Any, tracking: Tracking, **changes: Any) -> None:
        key = ("incident_id", event.originator_id)
        self.view.record(tracking, lambda conn: revise(conn, t, key, event, **changes))
