"""The hazard board of a tenant's subtree, as of any moment."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa

from safeledger.projections import listing
from safeledger.projections.hazard_board.tables import hazard_board as t
from safeledger.projections.scope import Scope

OPEN_STATES = ("assigned", "rectifying")


def board(
    conn: sa.Connection,
    scope: Scope,
    path: str,
    *,
    now: datetime,
    as_of: datetime | None = None,
    state: str | None = None,
    overdue: bool | None = None,
    offset: int = 0,
    limit: int | None = None,
) -> tuple[list[dict[str, Any]], int]:
    """Hazards of the subtree with their overdue flag at ``as_of`` (else ``now``)."""
    at = as_of or now
    late = sa.and_(t.c.state.in_(OPEN_STATES), t.c.deadline < at)
    where = sa.true()
    if state is not None:
        where = sa.and_(where, t.c.state == state)
    if overdue is not None:
        where = sa.and_(where, late if overdue else sa.not_(late))
    rows, total = listing.page(
        conn,
        scope,
        t,
        path,
        as_of=as_of,
        where=where,
        order_by=(t.c.logged_at, t.c.hazard_id),
        offset=offset,
        limit=limit,
    )
    return [with_overdue(row, at) for row in rows], total


def with_overdue(values: dict[str, Any], at: datetime) -> dict[str, Any]:
    """The row with whether the rectification is overdue at ``at``."""
    deadline = values["deadline"]
    values["overdue"] = bool(
        values["state"] in OPEN_STATES and deadline is not None and at > deadline
    )
    values["escalated"] = values["escalated_to"] is not None
    return values
