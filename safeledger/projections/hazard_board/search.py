"""The hazard ledger (隐患台账) as people search it: filters, sorting, school names."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

import sqlalchemy as sa

from safeledger.projections.directory.tables import directory_tenants as d
from safeledger.projections.hazard_board.queries import OPEN_STATES, with_overdue
from safeledger.projections.hazard_board.tables import hazard_board as t
from safeledger.projections.listing import subtree_ids
from safeledger.projections.scope import Scope
from safeledger.projections.versioned import valid_at

SORTS = {
    "logged": (t.c.logged_at.desc(), t.c.hazard_id),
    "deadline": (t.c.deadline.is_(None), t.c.deadline, t.c.hazard_id),
    "school": (d.c.code, t.c.logged_at.desc(), t.c.hazard_id),
    "severity": (t.c.severity.desc(), t.c.logged_at.desc(), t.c.hazard_id),
}


@dataclass(frozen=True)
class HazardFilter:
    """What a search of the hazard ledger narrows to; None means any."""

    school_id: UUID | None = None
    state: str | None = None
    severity: str | None = None
    category: str | None = None
    overdue: bool | None = None
    due_within_days: int | None = None
    owner: str | None = None
    supervisor: str | None = None
    open_only: bool = False
    sort: str = "logged"


def search(
    conn: sa.Connection,
    scope: Scope,
    path: str,
    wanted: HazardFilter,
    *,
    now: datetime,
    offset: int = 0,
    limit: int | None = None,
) -> tuple[list[dict[str, Any]], int]:
    """A page of the subtree's current hazards matching ``wanted``, with schools."""
    where = [
        t.c.tenant_id.in_(subtree_ids(scope, path)),
        scope.covers_tenant(t.c.tenant_id),
        valid_at(t, None),
    ]
    late = sa.and_(t.c.state.in_(OPEN_STATES), t.c.deadline < now)
    if wanted.school_id is not None:
        where.append(t.c.tenant_id == wanted.school_id)
    for column, value in (
        (t.c.state, wanted.state),
        (t.c.severity, wanted.severity),
        (t.c.category, wanted.category),
        (t.c.owner, wanted.owner),
        (t.c.supervisor, wanted.supervisor),
    ):
        if value:
            where.append(column == value)
    if wanted.open_only:
        where.append(t.c.state.not_in(("verified", "closed")))
    if wanted.overdue is not None:
        where.append(late if wanted.overdue else sa.not_(late))
    if wanted.due_within_days is not None:
        where += [
            t.c.state.in_(OPEN_STATES),
            t.c.deadline >= now,
            t.c.deadline <= now + timedelta(days=wanted.due_within_days),
        ]
    joined = t.join(d, d.c.tenant_id == t.c.tenant_id)
    total = conn.execute(
        sa.select(sa.func.count()).select_from(joined).where(*where)
    ).scalar_one()
    query = (
        sa.select(t, d.c.name.label("school_name"))
        .select_from(joined)
        .where(*where)
        .order_by(*SORTS.get(wanted.sort, SORTS["logged"]))
        .offset(offset)
        .limit(limit)
    )
    rows = [with_overdue(row._asdict(), now) for row in conn.execute(query)]
    return rows, total
