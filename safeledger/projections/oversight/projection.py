"""Projects findings and accountability cases into cases and notifications."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from eventsourcing.dispatch import singledispatchmethod
from eventsourcing.persistence import Tracking
from eventsourcing.projection import Projection
from eventsourcing.utils import get_topic

from safeledger.projections.oversight.tables import accountability_cases as c
from safeledger.projections.oversight.tables import notifications as n
from safeledger.projections.tracking import SQLTrackingRecorder
from safeledger.tenants.accountability import AccountabilityCase
from safeledger.tenants.findings import Finding

EVENTS = (
    Finding.Recorded,
    AccountabilityCase.Opened,
    AccountabilityCase.Decided,
    AccountabilityCase.Closed,
)

TITLES = {
    "hazard_due_soon": "隐患整改即将到期 / hazard rectification due soon",
    "hazard_overdue": "风险预警：隐患逾期未整改 / hazard overdue",
    "incident_verbal_report_late": "事故口头报告迟报 / verbal incident report late",
    "incident_written_report_late": "事故书面报告迟报 / written incident report late",
    "drill_requirement_missed": "应急演练未按要求开展 / required drill missed",
    "monthly_report_missed": "安全月报表未报 / monthly report missing",
    "case_opened": "问责立案 / accountability case opened",
    "case_decided": "问责决定 / accountability case decided",
    "case_closed": "问责结案 / accountability case closed",
}


class OversightProjection(Projection[SQLTrackingRecorder]):
    """Open and closed accountability cases; a notification per finding and step."""

    name = "oversight"
    topics = tuple(get_topic(cls) for cls in EVENTS)
    tables = (c, n)

    @singledispatchmethod
    def process_event(self, domain_event: Any, tracking: Tracking) -> None:
        """Record the position of an event this projection has no use for."""
        self.view.insert_tracking(tracking)

    @process_event.register
    def _(self, event: Finding.Recorded, tracking: Tracking) -> None:
        detail = {**event.detail, "due": event.due, "subject_kind": event.subject_kind}
        note = _notification(event, tracking, event.rule, event.subject_id, detail)
        self.view.record(tracking, lambda conn: conn.execute(note))

    @process_event.register
    def _(self, event: AccountabilityCase.Opened, tracking: Tracking) -> None:
        row = {
            "case_id": event.originator_id,
            "tenant_id": event.tenant_id,
            "subject_kind": event.subject_kind,
            "subject_id": event.subject_id,
            "reason": event.reason,
            "summary": event.summary,
            "automatic": event.automatic,
            "state": "open",
            "opened_at": event.timestamp,
            "opened_by": event.actor,
            "version": event.originator_version,
        }
        detail = {"reason": event.reason, "summary": event.summary}
        note = _notification(event, tracking, "case_opened", event.subject_id, detail)

        def write(conn: sa.Connection) -> None:
            conn.execute(sa.insert(c).values(row))
            conn.execute(note)

        self.view.record(tracking, write)

    @process_event.register
    def _(self, event: AccountabilityCase.Decided, tracking: Tracking) -> None:
        values = {"state": "decided", "decision": event.decision}
        values |= {"decided_at": event.timestamp, "decided_by": event.actor}
        detail = {"decision": event.decision, "note": event.note}
        self._step(event, tracking, "case_decided", values, detail)

    @process_event.register
    def _(self, event: AccountabilityCase.Closed, tracking: Tracking) -> None:
        values = {"state": "closed", "closed_at": event.timestamp}
        values["closed_by"] = event.actor
        detail = {"conclusion": event.conclusion}
        self._step(event, tracking, "case_closed", values, detail)

    def _step(
        self,
        event: Any,
        tracking: Tracking,
        kind: str,
        values: dict[str, Any],
        detail: dict[str, Any],
    ) -> None:
        values["version"] = event.originator_version

        def write(conn: sa.Connection) -> None:
            case = conn.execute(
                sa.update(c)
                .where(c.c.case_id == event.originator_id)
                .values(values)
                .returning(c.c.subject_id)
            ).scalar_one()
            conn.execute(_notification(event, tracking, kind, case, detail))

        self.view.record(tracking, write)


def _notification(
    event: Any, tracking: Tracking, kind: str, subject_id: Any, detail: dict[str, Any]
) -> sa.Insert:
    return sa.insert(n).values(
        notification_key=f"{tracking.application_name}:{tracking.notification_id}",
        tenant_id=event.tenant_id,
        kind=kind,
        subject_id=subject_id,
        aggregate_id=event.originator_id,
        title=TITLES[kind],
        detail=detail,
        created_at=event.timestamp,
    )
