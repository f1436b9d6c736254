"""What the access checks ask: a user's grants in force, with their tenants' paths."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

import sqlalchemy as sa

from safeledger.projections.directory.tables import directory_tenants as d
from safeledger.projections.grants.tables import role_grants as g
from safeledger.projections.scope import Scope


def grants_in_force(conn: sa.Connection, user_id: UUID, at: datetime) -> list[sa.Row]:
    """The user's active, unexpired grants: tenant, role and the tenant's path."""
    query = (
        sa.select(g.c.grant_id, g.c.tenant_id, g.c.role, g.c.expires_at, d.c.path)
        .join(d, d.c.tenant_id == g.c.tenant_id)
        .where(
            g.c.user_id == user_id,
            g.c.active.is_(True),
            sa.or_(g.c.expires_at.is_(None), g.c.expires_at > at),
            d.c.path.is_not(None),
        )
        .order_by(d.c.path, g.c.role)
    )
    return list(conn.execute(query))


def grants_on(conn: sa.Connection, scope: Scope, tenant_id: UUID) -> list[sa.Row]:
    """Every grant recorded on a tenant the reader may see."""
    query = (
        sa.select(g)
        .where(g.c.tenant_id == tenant_id, scope.covers_tenant(g.c.tenant_id))
        .order_by(g.c.role, g.c.user_id)
    )
    return list(conn.execute(query))
