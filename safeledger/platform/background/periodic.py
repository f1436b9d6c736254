"""Period-end sweeps and upkeep: missed drills and reports, checkpoints, recovery."""

from __future__ import annotations

import logging
from datetime import datetime

import sqlalchemy as sa

from safeledger.platform.background.queues import flush_outbox
from safeledger.platform.background.runner import current_runtime, job
from safeledger.platform.background.sweeps import SWEEP_ACTOR
from safeledger.projections.compliance.periods import Period, add_months
from safeledger.projections.compliance.queries import judge_schools
from safeledger.projections.directory.tables import directory_tenants as d
from safeledger.projections.scope import Scope
from safeledger.tenants import context
from safeledger.tenants.findings import FindingRule

log = logging.getLogger(__name__)

# Compliance metric → what a red one at period end is recorded as.
MISSED = {
    "drills": FindingRule.DRILL_REQUIREMENT_MISSED,
    "reports": FindingRule.MONTHLY_REPORT_MISSED,
}


def last_month(now: datetime) -> str:
    """The label (YYYY-MM) of the month before ``now``'s."""
    start = add_months(
        now.replace(day=1, hour=0, minute=0, second=0, microsecond=0), -1
    )
    return f"{start.year:04d}-{start.month:02d}"


@job(SWEEP_ACTOR)
def sweep_period(label: str | None = None) -> int:
    """At a period's end, record schools that missed drills or the monthly report."""
    runtime, now = current_runtime(), context.now()
    period = Period.parse(label or last_month(now))
    found = 0
    with runtime.engine.connect() as conn:
        provinces = conn.execute(sa.select(d.c.path).where(d.c.kind == "province"))
        schools = [
            school
            for (path,) in provinces.all()
            for school in judge_schools(conn, Scope.everything(), path, period, now=now)
        ]
    for school in schools:
        for metric in school["metrics"]:
            rule = MISSED.get(metric["name"])
            if rule is None or metric["status"] != "red":
                continue
            ledger = runtime.store.for_tenant(school["tenant_id"])
            found += bool(
                ledger.record_finding(
                    school["tenant_id"],
                    rule=rule,
                    subject_kind="school",
                    subject_id=school["tenant_id"],
                    due=period.label,
                    detail={"reason": metric["reason"], "figures": metric["figures"]},
                )
            )
    log.info("period sweep %s: %d finding(s)", period.label, found)
    return found


@job("system:evidence")
def sign_checkpoints() -> int:
    """Publish a signed checkpoint for every tenant whose log grew."""
    from safeledger.platform.evidence.checkpoints import publish
    from safeledger.platform.projector import catch_up

    runtime = current_runtime()
    catch_up(runtime.settings, runtime.engine, "ledger")
    return len(publish(runtime.settings, runtime.engine))


@job("system:recovery")
def recover() -> int:
    """Re-enqueue the jobs kept in the outbox while Redis was away."""
    return flush_outbox(current_runtime())


@job("system:housekeeping")
def prune_logins() -> int:
    """Forget old failed logins, so the throttle's table stays small."""
    from safeledger.platform.auth.accounts import prune_login_failures

    return prune_login_failures(current_runtime().engine)
