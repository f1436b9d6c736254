"""Compliance of a school, or of every school under a tenant rolled up.

Answers are computed from the versioned read models as recorded at ``as_of``
(default: now), under the rulesets recorded by then, judged at the period's end
or at ``as_of``/``now`` if that comes first — so an answer asked later "as of" a
moment equals the one given at that moment.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from typing import Any
from uuid import UUID

import sqlalchemy as sa

from safeledger.projections.compliance import coverage, metrics
from safeledger.projections.compliance.facts import Facts, load
from safeledger.projections.compliance.grading import ORDER, worst
from safeledger.projections.compliance.periods import Period
from safeledger.projections.directory.tables import directory_tenants as d
from safeledger.projections.listing import tenant_path
from safeledger.projections.rulesets.queries import RuleBook, rule_book
from safeledger.projections.scope import Scope

JUDGED = (
    metrics.drills,
    metrics.hazards,
    metrics.incidents,
    coverage.agreements,
    coverage.grid,
)
METRIC_NAMES = ("drills", "hazards", "incidents", "agreements", "grid", "reports")
WORST_SCHOOLS = 10


def judge_school(
    facts: Facts, book: RuleBook, period: Period, judge: datetime, known: datetime
) -> dict[str, Any]:
    """Every metric of one school, and its worst status."""
    path = facts.school["path"]

    def rules_at(moment: datetime) -> dict[str, Any]:
        return book.rules_for(path, moment)

    results = [m(facts, rules_at, period, judge) for m in JUDGED]
    results.append(coverage.reports(facts, rules_at, period, known))
    return {
        **{k: facts.school[k] for k in ("tenant_id", "name", "code", "school_type")},
        "status": worst([m.status for m in results]),
        "metrics": [m.as_dict() for m in results],
    }


def judge_schools(
    conn: sa.Connection,
    scope: Scope,
    path: str,
    period: Period,
    *,
    now: datetime,
    as_of: datetime | None = None,
) -> list[dict[str, Any]]:
    """Every visible school under ``path``, judged for ``period``, by path."""
    known = as_of or now
    judge = min(period.end, known)
    book = rule_book(conn, scope, as_of)
    facts = load(conn, scope, path, period, as_of, judge)
    ordered = sorted(facts.values(), key=lambda f: f.school["path"])
    return [
        {**judge_school(f, book, period, judge, known), "path": f.school["path"]}
        for f in ordered
    ]


def school(
    conn: sa.Connection,
    scope: Scope,
    school_id: UUID,
    period: Period,
    *,
    now: datetime,
    as_of: datetime | None = None,
) -> dict[str, Any] | None:
    """One school's compliance for ``period``, or None if it is not visible."""
    path = tenant_path(conn, scope, school_id)
    found = path and judge_schools(conn, scope, path, period, now=now, as_of=as_of)
    return next((s for s in found or () if s["tenant_id"] == school_id), None)


def rollup(
    conn: sa.Connection,
    scope: Scope,
    tenant_id: UUID,
    period: Period,
    *,
    now: datetime,
    as_of: datetime | None = None,
) -> dict[str, Any] | None:
    """Counts, rates and the worst schools under a county, city or province."""
    path = tenant_path(conn, scope, tenant_id)
    if path is None:
        return None
    schools = judge_schools(conn, scope, path, period, now=now, as_of=as_of)
    children = conn.execute(
        sa.select(d.c.tenant_id, d.c.name, d.c.path)
        .where(d.c.parent_id == tenant_id, scope.covers_path(d.c.path))
        .order_by(d.c.code)
    ).all()
    return {
        "tenant_id": tenant_id,
        "period": period.label,
        "as_of": as_of,
        **summary(schools),
        "by_child": [
            {
                "tenant_id": c.tenant_id,
                "name": c.name,
                **summary([s for s in schools if s["path"].startswith(c.path)]),
            }
            for c in children
        ],
        "worst_schools": worst_schools(schools),
    }


def summary(schools: list[dict[str, Any]]) -> dict[str, Any]:
    """How many schools are green, amber and red, overall and per metric."""
    overall = Counter(s["status"] for s in schools)
    per_metric = {name: Counter() for name in METRIC_NAMES}
    for s in schools:
        for m in s["metrics"]:
            per_metric[m["name"]][m["status"]] += 1
    return {
        "schools": len(schools),
        "overall": counts(overall, len(schools)),
        "metrics": {name: counts(c, len(schools)) for name, c in per_metric.items()},
    }


def counts(counter: Counter[str], total: int) -> dict[str, Any]:
    """Green, amber and red counts with the green rate in percent."""
    found = {status: counter.get(status, 0) for status in ORDER}
    rate = round(100.0 * found["green"] / total, 1) if total else None
    return {**found, "green_percent": rate}


def worst_schools(schools: list[dict[str, Any]], n: int = WORST_SCHOOLS) -> list:
    """The ``n`` schools with the most red, then amber, metrics."""

    def badness(s: dict[str, Any]) -> tuple[int, int, str]:
        statuses = Counter(m["status"] for m in s["metrics"])
        return (-statuses["red"], -statuses["amber"], s["code"])

    ranked = sorted((s for s in schools if s["status"] != "green"), key=badness)
    return [
        {k: s[k] for k in ("tenant_id", "name", "code", "status")}
        | {"red": [m["name"] for m in s["metrics"] if m["status"] == "red"]}
        for s in ranked[:n]
    ]
