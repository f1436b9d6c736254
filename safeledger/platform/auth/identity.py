"""Who is asking: a user, their grants in force, and what a token narrows them to."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

import sqlalchemy as sa

from safeledger.platform.auth.accounts import User
from safeledger.platform.auth.tokens import Token
from safeledger.projections.directory.tables import directory_tenants
from safeledger.projections.grants.queries import grants_in_force
from safeledger.projections.scope import Scope
from safeledger.tenants.access import COVERS_DESCENDANTS, Action, Role, allows


@dataclass(frozen=True)
class Grant:
    """A role the identity holds on the tenant at ``path``."""

    tenant_id: UUID
    role: Role
    path: str


@dataclass(frozen=True)
class Identity:
    """An authenticated caller."""

    user: User
    grants: tuple[Grant, ...]
    token_id: UUID | None = None

    @property
    def actor(self) -> str:
        """How events name this caller."""
        return f"user:{self.user.username}"

    def scope(self, action: Action = Action.READ) -> Scope:
        """The tenants on which this identity may perform ``action``."""
        if self.user.platform_admin:
            return Scope.everything()
        allowed = [g for g in self.grants if allows(g.role, action)]
        return Scope(
            paths=tuple(
                sorted({g.path for g in allowed if g.role in COVERS_DESCENDANTS})
            ),
            singles=tuple(
                sorted({g.path for g in allowed if g.role not in COVERS_DESCENDANTS})
            ),
        )

    def may(self, action: Action, path: str | None) -> bool:
        """Whether this identity may perform ``action`` on the tenant at ``path``."""
        return self.scope(action).covers(path)


def load_identity(
    conn: sa.Connection, user: User, token: Token | None, at: datetime
) -> Identity:
    """The user's identity now, narrowed to the token's tenants and roles if any."""
    grants = [
        Grant(row.tenant_id, Role(row.role), row.path)
        for row in grants_in_force(conn, user.user_id, at)
    ]
    if token is not None:
        grants = [
            g
            for g in grants
            if (token.roles is None or g.role in token.roles)
            and (token.tenant_ids is None or g.tenant_id in token.tenant_ids)
        ]
        if user.platform_admin and token.tenant_ids is not None:
            # A platform admin's token narrowed to tenants acts as an admin on
            # those tenants (and below) only, never on the whole platform.
            if token.roles is None or Role.PLATFORM_ADMIN in token.roles:
                grants += _admin_grants(conn, token.tenant_ids)
            user = User(user.user_id, user.username, user.display_name, False)
        elif token.roles is not None and Role.PLATFORM_ADMIN not in token.roles:
            user = User(user.user_id, user.username, user.display_name, False)
    return Identity(user, tuple(grants), token.token_id if token else None)


def _admin_grants(conn: sa.Connection, tenant_ids: frozenset[UUID]) -> list[Grant]:
    rows = conn.execute(
        sa.select(directory_tenants.c.tenant_id, directory_tenants.c.path).where(
            directory_tenants.c.tenant_id.in_(tenant_ids)
        )
    )
    return [Grant(row.tenant_id, Role.PLATFORM_ADMIN, row.path) for row in rows]
