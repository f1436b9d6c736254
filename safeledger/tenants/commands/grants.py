"""Commands on role grants: grant, renew and revoke a user's role on a tenant."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from safeledger.tenants import context
from safeledger.tenants.access import Role
from safeledger.tenants.commands.base import CommandBase, Recorded
from safeledger.tenants.grants import RoleGrant, grant_id_for, refuse_self_grant


class GrantCommands(CommandBase):
    """Access to tenants, granted and revoked in their ledgers."""

    def grant_role(
        self,
        tenant_id: UUID,
        *,
        user_id: UUID,
        role: Role,
        expires_at: datetime | None = None,
        granted_by: UUID | None = None,
    ) -> Recorded:
        """Grant ``role`` on the tenant (again, if it was revoked); never to
        ``granted_by`` itself if the role records."""
        refuse_self_grant(granted_by, user_id, role)
        grant_id = grant_id_for(user_id, tenant_id, role)
        if not self.exists(grant_id):
            return self.create(
                tenant_id, lambda: RoleGrant.grant(user_id, role, expires_at)
            )
        grant = self.load(RoleGrant, tenant_id, grant_id)
        with context.on_ledger(tenant_id):
            grant.renew(expires_at)
        return self.record(grant)

    def revoke_role(
        self, tenant_id: UUID, grant_id: UUID, version: int | None, reason: str
    ) -> Recorded:
        """Withdraw a grant, for a reason."""
        return self.change(
            RoleGrant, tenant_id, grant_id, version, lambda g: g.revoke(reason)
        )
