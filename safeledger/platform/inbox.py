"""Each user's in-app notifications: those of the tenants they read, unread first.

The notifications are the oversight read model's; which of them a user has read
is the platform's ``notification_reads`` table, so marking one read changes
nothing on the record.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

import sqlalchemy as sa

from safeledger.platform.background.tables import notification_reads as r
from safeledger.projections.oversight.tables import notifications as n
from safeledger.projections.schema import write_transaction
from safeledger.projections.scope import Scope
from safeledger.tenants.context import utc_now


def _joined(user_id: UUID) -> Any:
    return n.outerjoin(
        r, sa.and_(r.c.notification_key == n.c.notification_key, r.c.user_id == user_id)
    )


def page(
    conn: sa.Connection,
    scope: Scope,
    user_id: UUID,
    *,
    unread_only: bool = False,
    offset: int = 0,
    limit: int | None = None,
) -> tuple[list[dict[str, Any]], int]:
    """A page of the user's notifications, unread first, newest first within."""
    where = scope.covers_tenant(n.c.tenant_id)
    if unread_only:
        where = sa.and_(where, r.c.read_at.is_(None))
    total = conn.execute(
        sa.select(sa.func.count()).select_from(_joined(user_id)).where(where)
    ).scalar_one()
    unread_first = sa.case((r.c.read_at.is_(None), 0), else_=1)
    rows = conn.execute(
        sa.select(n, r.c.read_at)
        .select_from(_joined(user_id))
        .where(where)
        .order_by(unread_first, n.c.created_at.desc(), n.c.notification_key)
        .offset(offset)
        .limit(limit)
    )
    return [{**row._asdict(), "read": row.read_at is not None} for row in rows], total


def unread_count(conn: sa.Connection, scope: Scope, user_id: UUID) -> int:
    """How many of the user's notifications they have not read (the bell)."""
    return page(conn, scope, user_id, unread_only=True, limit=0)[1]


def visible(conn: sa.Connection, scope: Scope, key: str) -> bool:
    """Whether the notification ``key`` exists and the reader may see it."""
    found = conn.execute(
        sa.select(n.c.notification_key).where(
            n.c.notification_key == key, scope.covers_tenant(n.c.tenant_id)
        )
    ).first()
    return found is not None


def mark_read(engine: sa.Engine, user_id: UUID, key: str) -> None:
    """Record that the user read ``key`` (again is a no-op)."""
    with write_transaction(engine) as conn:
        seen = conn.execute(
            sa.select(r.c.read_at).where(
                r.c.user_id == user_id, r.c.notification_key == key
            )
        ).first()
        if seen is None:
            conn.execute(
                sa.insert(r).values(
                    user_id=user_id, notification_key=key, read_at=utc_now()
                )
            )
