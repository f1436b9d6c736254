"""Agreements issued and signed, as of any moment."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

import sqlalchemy as sa

from safeledger.projections.agreement_coverage.tables import agreement_coverage as t
from safeledger.projections.scope import Scope
from safeledger.projections.versioned import valid_at


def visible(scope: Scope) -> sa.ColumnElement[bool]:
    """SQL: agreements the reader's tenants issued or are the counterparty of."""
    return sa.or_(
        scope.covers_tenant(t.c.issuer_id),
        scope.covers_tenant(t.c.counterparty_tenant_id),
    )


def agreements(
    conn: sa.Connection,
    scope: Scope,
    tenants: sa.Select[Any] | list[UUID],
    year: int,
    as_of: datetime | None,
) -> list[sa.Row[Any]]:
    """Agreements of ``year`` issued by or to ``tenants``, as of ``as_of``."""
    where = sa.and_(
        visible(scope),
        valid_at(t, as_of),
        t.c.year == year,
        sa.or_(t.c.issuer_id.in_(tenants), t.c.counterparty_tenant_id.in_(tenants)),
    )
    query = sa.select(t).where(where).order_by(t.c.issued_at, t.c.agreement_id)
    return list(conn.execute(query))


def page(
    conn: sa.Connection,
    scope: Scope,
    tenant_id: UUID,
    year: int | None,
    as_of: datetime | None,
    offset: int = 0,
    limit: int | None = None,
) -> tuple[list[sa.Row[Any]], int]:
    """A page of the agreements a tenant issued or signed as counterparty."""
    where = sa.and_(
        visible(scope),
        valid_at(t, as_of),
        sa.or_(t.c.issuer_id == tenant_id, t.c.counterparty_tenant_id == tenant_id),
    )
    if year is not None:
        where = sa.and_(where, t.c.year == year)
    total = conn.execute(sa.select(sa.func.count()).where(where)).scalar_one()
    query = (
        sa.select(t)
        .where(where)
        .order_by(t.c.year, t.c.issued_at, t.c.agreement_id)
        .offset(offset)
        .limit(limit)
    )
    return list(conn.execute(query)), total
