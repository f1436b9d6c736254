"""What the read models' list queries share: a tenant's subtree, pages, as-of."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

import sqlalchemy as sa

from safeledger.projections.directory.tables import directory_tenants as d
from safeledger.projections.scope import Scope
from safeledger.projections.versioned import valid_at


def tenant_path(conn: sa.Connection, scope: Scope, tenant_id: UUID) -> str | None:
    """The directory path of a tenant the reader may see, or None."""
    return conn.execute(
        sa.select(d.c.path).where(
            d.c.tenant_id == tenant_id, scope.covers_path(d.c.path)
        )
    ).scalar_one_or_none()


def subtree_ids(scope: Scope, path: str, kind: str | None = None) -> sa.Select[Any]:
    """SQL: ids of the visible tenants at or under ``path`` (of ``kind``, if given)."""
    where = sa.and_(
        d.c.path >= path, d.c.path < path[:-1] + "0", scope.covers_path(d.c.path)
    )
    if kind is not None:
        where = sa.and_(where, d.c.kind == kind)
    return sa.select(d.c.tenant_id).where(where)


def page(
    conn: sa.Connection,
    scope: Scope,
    table: sa.Table,
    path: str,
    *,
    as_of: datetime | None,
    where: sa.ColumnElement[bool] | None = None,
    order_by: tuple[sa.ColumnElement[Any], ...] = (),
    offset: int = 0,
    limit: int | None = None,
) -> tuple[list[dict[str, Any]], int]:
    """A page of a versioned table's rows of the subtree at ``path``, at ``as_of``."""
    condition = sa.and_(
        table.c.tenant_id.in_(subtree_ids(scope, path)),
        scope.covers_tenant(table.c.tenant_id),
        valid_at(table, as_of),
    )
    if where is not None:
        condition = sa.and_(condition, where)
    total = conn.execute(
        sa.select(sa.func.count()).select_from(table).where(condition)
    ).scalar_one()
    query = sa.select(table).where(condition).order_by(*order_by)
    rows = conn.execute(query.offset(offset).limit(limit))
    return [as_recorded(row._asdict(), as_of) for row in rows], total


def as_recorded(row: dict[str, Any], as_of: datetime | None) -> dict[str, Any]:
    """The row as it was shown at ``as_of``: not yet replaced then."""
    if as_of is not None and "recorded_to" in row:
        row["recorded_to"] = None
    return row
