"""The audit trail, filtered by subtree, actor, event type and time."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa

from safeledger.projections import listing
from safeledger.projections.audit_trail.tables import audit_trail as t
from safeledger.projections.scope import Scope


def trail(
    conn: sa.Connection,
    scope: Scope,
    path: str,
    *,
    actor: str | None = None,
    event_type: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    offset: int = 0,
    limit: int | None = None,
) -> tuple[list[sa.Row[Any]], int]:
    """A page of the subtree's events, oldest first."""
    where = sa.and_(
        t.c.tenant_id.in_(listing.subtree_ids(scope, path)),
        scope.covers_tenant(t.c.tenant_id),
    )
    if actor is not None:
        where = sa.and_(where, t.c.actor == actor)
    if event_type is not None:
        where = sa.and_(where, t.c.event_type == event_type)
    if since is not None:
        where = sa.and_(where, t.c.recorded_at >= since)
    if until is not None:
        where = sa.and_(where, t.c.recorded_at < until)
    total = conn.execute(sa.select(sa.func.count()).where(where)).scalar_one()
    query = (
        sa.select(t)
        .where(where)
        .order_by(t.c.recorded_at, t.c.application, t.c.notification_id)
        .offset(offset)
        .limit(limit)
    )
    return list(conn.execute(query)), total
