"""Accountability cases and notifications of a reader's tenants."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from safeledger.projections.listing import subtree_ids
from safeledger.projections.oversight.tables import accountability_cases as c
from safeledger.projections.oversight.tables import notifications as n
from safeledger.projections.scope import Scope


def cases(
    conn: sa.Connection,
    scope: Scope,
    path: str,
    *,
    state: str | None = None,
    offset: int = 0,
    limit: int | None = None,
) -> tuple[list[dict[str, Any]], int]:
    """Cases of the subtree at ``path`` (open ones for an upper level's dashboard)."""
    where = sa.and_(c.c.tenant_id.in_(subtree_ids(scope, path)))
    if state is not None:
        where = sa.and_(where, c.c.state == state)
    total = conn.execute(
        sa.select(sa.func.count()).select_from(c).where(where)
    ).scalar_one()
    rows = conn.execute(
        sa.select(c)
        .where(where)
        .order_by(c.c.opened_at.desc(), c.c.case_id)
        .offset(offset)
        .limit(limit)
    )
    return [row._asdict() for row in rows], total


def inbox(
    conn: sa.Connection,
    scope: Scope,
    *,
    offset: int = 0,
    limit: int | None = None,
) -> tuple[list[dict[str, Any]], int]:
    """Notifications of every tenant the reader sees, newest first."""
    where = scope.covers_tenant(n.c.tenant_id)
    total = conn.execute(
        sa.select(sa.func.count()).select_from(n).where(where)
    ).scalar_one()
    rows = conn.execute(
        sa.select(n)
        .where(where)
        .order_by(n.c.created_at.desc(), n.c.notification_key)
        .offset(offset)
        .limit(limit)
    )
    return [row._asdict() for row in rows], total
