"""Deadline sweeps: recompute from the ledger what is overdue or late, record it once.

A sweep holds no state and takes no lock. The read models say where to look; the
ledger decides; each result is a :class:`~safeledger.tenants.findings.Finding`
(and, where the rules say so, an accountability case) whose id derives from what
was found, so running a sweep twice, or two at once, records each thing once.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa

from safeledger.platform.background.notices import issue_notice
from safeledger.platform.background.runner import current_runtime, job
from safeledger.platform.runtime import Runtime
from safeledger.projections.directory.tables import directory_tenants as d
from safeledger.projections.hazard_board.tables import hazard_board as hb
from safeledger.projections.incident_register.tables import incident_register as ir
from safeledger.projections.rulesets.queries import RuleBook, rule_book
from safeledger.projections.scope import Scope
from safeledger.projections.versioned import valid_at
from safeledger.tenants import context
from safeledger.tenants.accountability import CaseReason
from safeledger.tenants.findings import FindingRule, finding_id
from safeledger.tenants.hazards import Hazard
from safeledger.tenants.incidents import Incident

log = logging.getLogger(__name__)

SWEEP_ACTOR = "system:sweep"
DUE_SOON = timedelta(days=3)
# Days an overdue hazard may stay open before a case is opened, unless the rules
# in force say otherwise (``accountability.hazard_grace_days``).
DEFAULT_GRACE_DAYS = 7


def iso(moment: datetime) -> str:
    """A deadline as the stable text a finding is keyed by."""
    return moment.astimezone(UTC).isoformat()


@job(SWEEP_ACTOR)
def sweep_hazards() -> dict[str, int]:
    """Record hazards that became overdue (or are due soon); open cases past grace."""
    runtime, now = current_runtime(), context.now()
    with runtime.engine.connect() as conn:
        book = rule_book(conn, Scope.everything(), None)
        rows = conn.execute(
            sa.select(hb.c.hazard_id, hb.c.tenant_id, d.c.path)
            .join(d, d.c.tenant_id == hb.c.tenant_id)
            .where(
                valid_at(hb, None),
                hb.c.state.in_(("assigned", "rectifying")),
                hb.c.deadline < now + DUE_SOON,
            )
        ).all()
    counts = {"overdue": 0, "due_soon": 0, "cases": 0}
    for row in rows:
        found = _judge_hazard(runtime, book, row, now)
        for key in found:
            counts[key] += 1
    log.info("hazard sweep at %s: %s", iso(now), counts)
    return counts


def _judge_hazard(
    runtime: Runtime, book: RuleBook, row: Any, now: datetime
) -> list[str]:
    ledger = runtime.store.for_tenant(row.tenant_id)
    hazard = ledger.load(Hazard, row.tenant_id, row.hazard_id)
    if hazard.deadline is None or hazard.state.value not in ("assigned", "rectifying"):
        return []
    due = iso(hazard.deadline)
    subject = {"subject_kind": "hazard", "subject_id": hazard.id, "due": due}
    detail = {"description": hazard.description, "owner": hazard.owner}
    if not hazard.is_overdue(now):
        rule = FindingRule.HAZARD_DUE_SOON
        recorded = ledger.record_finding(
            row.tenant_id, rule=rule, detail=detail, **subject
        )
        return ["due_soon"] if recorded else []
    found = []
    rule = FindingRule.HAZARD_OVERDUE
    rules = book.rules_for(row.path, now)
    grace = rules.get("accountability", {}).get("hazard_grace_days", DEFAULT_GRACE_DAYS)
    if not ledger.exists(finding_id(row.tenant_id, hazard.id, rule, due)):
        detail["notice_sha256"] = _notice(runtime, row.tenant_id, hazard, rules, grace)
    if ledger.record_finding(row.tenant_id, rule=rule, detail=detail, **subject):
        found.append("overdue")
    if now > hazard.deadline + timedelta(days=grace):
        opened = ledger.open_case_once(
            row.tenant_id,
            subject_kind="hazard",
            subject_id=hazard.id,
            reason=CaseReason.HAZARD_OVERDUE,
            summary=f"隐患逾期未整改超过{grace}天: {hazard.description}"[:2000],
            finding_id=finding_id(row.tenant_id, hazard.id, rule, due),
        )
        if opened:
            found.append("cases")
    return found


def _notice(runtime: Runtime, tenant_id: Any, hazard: Hazard, rules: Any, grace: int):
    # A notice that cannot be written must not hold the finding back.
    try:
        return issue_notice(runtime, tenant_id, hazard, rules, grace)
    except Exception:
        log.exception("no warning notice for hazard %s", hazard.id)
        return None


@job(SWEEP_ACTOR)
def sweep_incidents() -> dict[str, int]:
    """Record late verbal or written incident reports (迟报) and open their cases."""
    runtime, now = current_runtime(), context.now()
    with runtime.engine.connect() as conn:
        book = rule_book(conn, Scope.everything(), None)
        rows = conn.execute(
            sa.select(ir.c.incident_id, ir.c.tenant_id, d.c.path)
            .join(d, d.c.tenant_id == ir.c.tenant_id)
            .where(valid_at(ir, None))
        ).all()
    counts = {"late": 0, "cases": 0}
    for row in rows:
        late, opened = _judge_incident(runtime, book, row, now)
        counts["late"] += late
        counts["cases"] += opened
    log.info("incident sweep at %s: %s", iso(now), counts)
    return counts


def _judge_incident(
    runtime: Runtime, book: RuleBook, row: Any, now: datetime
) -> tuple[int, int]:
    ledger = runtime.store.for_tenant(row.tenant_id)
    incident = ledger.load(Incident, row.tenant_id, row.incident_id)
    occurred = incident.occurred_at
    rules = book.rules_for(row.path, occurred)["incidents"]["report_within_minutes"]
    limits = rules[incident.severity.value]
    verbal_due = occurred + timedelta(minutes=limits["verbal"])
    written_due = occurred + timedelta(minutes=limits["written"])
    written_at = incident.written_report_at
    late: list[tuple[FindingRule, datetime, datetime | None]] = []
    if incident.reported_at > verbal_due:
        late.append((FindingRule.INCIDENT_VERBAL_REPORT_LATE, verbal_due, None))
    if (written_at or now) > written_due:
        late.append((FindingRule.INCIDENT_WRITTEN_REPORT_LATE, written_due, written_at))
    recorded = opened = 0
    for rule, due, at in late:
        kind = (
            "verbal" if rule is FindingRule.INCIDENT_VERBAL_REPORT_LATE else "written"
        )
        detail = {
            "occurred_at": iso(occurred),
            "reported_at": iso(at or incident.reported_at)
            if kind == "verbal" or at
            else None,
            "limit_minutes": limits[kind],
        }
        subject = {"subject_kind": "incident", "subject_id": incident.id}
        if ledger.record_finding(
            row.tenant_id, rule=rule, due=iso(due), detail=detail, **subject
        ):
            recorded += 1
        case = ledger.open_case_once(
            row.tenant_id,
            reason=CaseReason.LATE_INCIDENT_REPORT,
            summary=f"事故迟报: {incident.description}"[:2000],
            finding_id=finding_id(row.tenant_id, incident.id, rule, iso(due)),
            **subject,
        )
        opened += case is not None
    return recorded, opened
