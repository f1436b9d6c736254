"""The read-model rows compliance judges a set of schools by, loaded in bulk.

Only the columns the metrics read are selected: a province roll-up loads the
facts of tens of thousands of schools at once.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from uuid import UUID

import sqlalchemy as sa

from safeledger.projections.agreement_coverage import queries as agreement_queries
from safeledger.projections.agreement_coverage.tables import agreement_coverage as ag
from safeledger.projections.compliance.periods import Period
from safeledger.projections.directory.tables import directory_tenants as d
from safeledger.projections.drill_log.tables import drill_log as dl
from safeledger.projections.grid_map.tables import grid_assignments as ga
from safeledger.projections.grid_map.tables import grid_places as gp
from safeledger.projections.hazard_board.tables import hazard_board as hb
from safeledger.projections.incident_register.tables import incident_register as ir
from safeledger.projections.monthly_reports.tables import monthly_reports as mr
from safeledger.projections.scope import Scope
from safeledger.projections.versioned import valid_at

Rows = list[dict[str, Any]]
HAZARD = ("severity", "state", "deadline", "logged_at", "reported_at", "escalated_to")
INCIDENT = ("severity", "occurred_at", "reported_at", "written_report_at")
AGREEMENT = (
    "issuer_id",
    "counterparty_tenant_id",
    "counterparty_kind",
    "status",
    "issuer_signed_at",
    "counterparty_signed_at",
)
PLACE = ("place_id", "code", "parent_id", "retired_at")
ASSIGNMENT = ("place_id", "person", "slots", "valid_from", "valid_to")


@dataclass
class Facts:
    """What the read models hold about one school for one period."""

    school: dict[str, Any]
    drills: Rows = field(default_factory=list)
    hazards: Rows = field(default_factory=list)
    incidents: Rows = field(default_factory=list)
    agreements: Rows = field(default_factory=list)
    places: Rows = field(default_factory=list)
    assignments: Rows = field(default_factory=list)
    reports: Rows = field(default_factory=list)


def schools_under(scope: Scope, path: str) -> sa.ColumnElement[bool]:
    """SQL: the active, visible schools at or under ``path``."""
    return sa.and_(
        d.c.path >= path,
        d.c.path < path[:-1] + "0",
        d.c.kind == "school",
        d.c.active.is_(True),
        scope.covers_path(d.c.path),
    )


def load(
    conn: sa.Connection,
    scope: Scope,
    path: str,
    period: Period,
    as_of: datetime | None,
    judge: datetime,
) -> dict[UUID, Facts]:
    """Facts of every school under ``path``, as recorded at ``as_of``."""
    where = schools_under(scope, path)
    columns = (d.c.tenant_id, d.c.name, d.c.code, d.c.school_type, d.c.boarding)
    query = sa.select(*columns, d.c.path, d.c.parent_id).where(where)
    facts = {row.tenant_id: Facts(row._asdict()) for row in conn.execute(query)}
    ids = sa.select(d.c.tenant_id).where(where)

    def add(name: str, table: sa.Table, at: Any, names: tuple[str, ...], *cond: Any):
        query = sa.select(table.c.tenant_id, *(table.c[n] for n in names)).where(
            table.c.tenant_id.in_(ids),
            scope.covers_tenant(table.c.tenant_id),
            valid_at(table, at),
            *cond,
        )
        for row in conn.execute(query):
            found = facts.get(row[0])
            if found is not None:
                getattr(found, name).append(dict(zip(names, row[1:], strict=True)))

    held = (dl.c.state == "held", dl.c.held_at >= period.start)
    add("drills", dl, as_of, ("held_at",), *held, dl.c.held_at < period.end)
    logged = (hb.c.logged_at >= period.start, hb.c.logged_at < judge)
    add("hazards", hb, as_of, HAZARD, *logged)
    occurred = (ir.c.occurred_at >= period.start, ir.c.occurred_at < judge)
    add("incidents", ir, as_of, INCIDENT, *occurred)
    months = [Period.month_label(m) for m in period.month_starts()]
    add("reports", mr, as_of, ("month", "submitted_at"), mr.c.month.in_(months))
    add("places", gp, judge, PLACE)
    add("assignments", ga, judge, ASSIGNMENT)
    _agreements(conn, scope, facts, ids, period.year, as_of)
    return facts


def _agreements(
    conn: sa.Connection,
    scope: Scope,
    facts: dict[UUID, Facts],
    ids: sa.Select[Any],
    year: int,
    as_of: datetime | None,
) -> None:
    parties = sa.or_(ag.c.issuer_id.in_(ids), ag.c.counterparty_tenant_id.in_(ids))
    query = sa.select(*(ag.c[n] for n in AGREEMENT)).where(
        agreement_queries.visible(scope),
        valid_at(ag, as_of),
        ag.c.year == year,
        parties,
    )
    grouped: dict[UUID, Rows] = defaultdict(list)
    for row in conn.execute(query):
        values = dict(zip(AGREEMENT, row, strict=True))
        for tenant in {row[0], row[1]}:
            grouped[tenant].append(values)
    for tenant, rows in grouped.items():
        if tenant in facts:
            facts[tenant].agreements.extend(rows)
