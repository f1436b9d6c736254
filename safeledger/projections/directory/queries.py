"""Questions the directory answers: a tenant, its children, its subtree."""

from __future__ import annotations

from uuid import UUID

import sqlalchemy as sa

from safeledger.projections.directory.tables import directory_tenants as t
from safeledger.projections.scope import Scope

COLUMNS = (
    t.c.tenant_id,
    t.c.kind,
    t.c.code,
    t.c.name,
    t.c.school_type,
    t.c.boarding,
    t.c.active,
    t.c.parent_id,
    t.c.province_id,
    t.c.depth,
    t.c.version,
    t.c.registered_at,
    t.c.updated_at,
)


def get_tenant(conn: sa.Connection, scope: Scope, tenant_id: UUID) -> sa.Row | None:
    """One tenant's row, or None if unknown or outside ``scope``."""
    where = sa.and_(t.c.tenant_id == tenant_id, scope.covers_path(t.c.path))
    return conn.execute(sa.select(*COLUMNS).where(where)).first()


def provinces(conn: sa.Connection, scope: Scope) -> list[sa.Row]:
    """The provinces in ``scope``, by code."""
    where = sa.and_(t.c.parent_id.is_(None), scope.covers_path(t.c.path))
    return list(conn.execute(sa.select(*COLUMNS).where(where).order_by(t.c.code)))


def children(
    conn: sa.Connection,
    scope: Scope,
    tenant_id: UUID,
    *,
    offset: int = 0,
    limit: int | None = None,
) -> tuple[list[sa.Row], int]:
    """A page of the tenant's direct children in ``scope``, by code, and their count."""
    where = sa.and_(t.c.parent_id == tenant_id, scope.covers_path(t.c.path))
    return _page(conn, where, t.c.code, offset, limit)


def subtree(
    conn: sa.Connection,
    scope: Scope,
    tenant_id: UUID,
    *,
    kind: str | None = None,
    offset: int = 0,
    limit: int | None = None,
) -> tuple[list[sa.Row], int] | None:
    """A page of the subtree (itself first, depth-first), or None if unknown."""
    path = conn.execute(sa.select(t.c.path).where(t.c.tenant_id == tenant_id)).scalar()
    if path is None or not scope.covers(path):
        return None
    where = sa.and_(within(path), scope.covers_path(t.c.path))
    if kind:
        where = sa.and_(where, t.c.kind == kind)
    return _page(conn, where, t.c.path, offset, limit)


def within(path: str) -> sa.ColumnElement[bool]:
    """Rows whose path starts with ``path``: the subtree under it."""
    return Scope((path,)).covers_path(t.c.path)


def _page(
    conn: sa.Connection,
    where: sa.ColumnElement[bool],
    order: sa.ColumnElement[object],
    offset: int,
    limit: int | None,
) -> tuple[list[sa.Row], int]:
    total = conn.execute(
        sa.select(sa.func.count()).select_from(t).where(where)
    ).scalar_one()
    query = sa.select(*COLUMNS).where(where).order_by(order).offset(offset).limit(limit)
    return list(conn.execute(query)), total
