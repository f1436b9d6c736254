"""The daily compliance snapshot: each school's figures for the month, kept per day.

A snapshot is taken once per (school, day): a second run the same day, or two at
once, adds nothing, so the table shows how compliance moved day by day.
"""

from __future__ import annotations

import logging
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from safeledger.platform.background.runner import current_runtime, job
from safeledger.platform.background.tables import compliance_snapshots as cs
from safeledger.projections.compliance.periods import Period
from safeledger.projections.compliance.queries import judge_schools
from safeledger.projections.directory.tables import directory_tenants as d
from safeledger.projections.schema import write_transaction
from safeledger.projections.scope import Scope
from safeledger.tenants import context

log = logging.getLogger(__name__)
CHINA = ZoneInfo("Asia/Shanghai")


def rows_for(school: dict[str, Any], day: date, period: str, now: datetime) -> dict:
    """One school's snapshot row."""
    statuses = [m["status"] for m in school["metrics"]]
    return {
        "tenant_id": school["tenant_id"],
        "day": day,
        "period": period,
        "status": school["status"],
        **{colour: statuses.count(colour) for colour in ("green", "amber", "red")},
        "metrics": school["metrics"],
        "taken_at": now,
    }


@job("system:snapshots")
def snapshot_compliance() -> int:
    """Record today's compliance figures of every school (once per school and day)."""
    runtime, now = current_runtime(), context.now()
    day = now.astimezone(CHINA).date()
    period = Period.parse(f"{day.year:04d}-{day.month:02d}")
    with runtime.engine.connect() as conn:
        provinces = conn.execute(sa.select(d.c.path).where(d.c.kind == "province"))
        schools = [
            school
            for (path,) in provinces.all()
            for school in judge_schools(conn, Scope.everything(), path, period, now=now)
        ]
    try:
        added = _insert_missing(runtime.engine, schools, day, period.label, now)
    except sa.exc.IntegrityError:  # a concurrent run took the same day first
        added = 0
    log.info("compliance snapshot of %s: %d school(s)", day, added)
    return added


def _insert_missing(
    engine: sa.Engine, schools: list[dict], day: date, period: str, now: datetime
) -> int:
    added = 0
    with write_transaction(engine) as conn:
        taken = set(conn.execute(sa.select(cs.c.tenant_id).where(cs.c.day == day)))
        taken = {tenant_id for (tenant_id,) in taken}
        for school in schools:
            if school["tenant_id"] not in taken:
                conn.execute(sa.insert(cs).values(rows_for(school, day, period, now)))
                added += 1
    return added
