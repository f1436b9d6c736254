"""Projects monthly report events into ``monthly_reports``."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from eventsourcing.dispatch import singledispatchmethod
from eventsourcing.persistence import Tracking
from eventsourcing.projection import Projection
from eventsourcing.utils import get_topic

from safeledger.projections.monthly_reports.tables import monthly_reports as t
from safeledger.projections.tracking import SQLTrackingRecorder
from safeledger.projections.versioned import current, revise, start
from safeledger.tenants.reports import MonthlyReport


class MonthlyReportsProjection(Projection[SQLTrackingRecorder]):
    """Submitted monthly reports, as of any moment."""

    name = "monthly_reports"
    topics = (get_topic(MonthlyReport.Submitted), get_topic(MonthlyReport.Amended))
    tables = (t,)

    @singledispatchmethod
    def process_event(self, domain_event: Any, tracking: Tracking) -> None:
        """Record the position of an event this projection has no use for."""
        self.view.insert_tracking(tracking)

    @process_event.register
    def _(self, event: MonthlyReport.Submitted, tracking: Tracking) -> None:
        values = {
            "report_id": event.originator_id,
            "tenant_id": event.tenant_id,
            "month": event.month,
            "digest": event.digest,
            "submitted_by": event.submitted_by,
            "submitted_at": event.timestamp,
            "amendments": 0,
            "figures": event.figures,
        }
        self.view.record(tracking, lambda conn: start(conn, t, event, **values))

    @process_event.register
    def _(self, event: MonthlyReport.Amended, tracking: Tracking) -> None:
        def write(conn: sa.Connection) -> None:
            key = ("report_id", event.originator_id)
            revise(
                conn,
                t,
                key,
                event,
                digest=event.digest,
                figures=event.figures,
                amended_at=event.timestamp,
                amendments=current(conn, t, key).amendments + 1,
            )

        self.view.record(tracking, write)
