"""Routes of the grant resource: who holds which role on a tenant."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask.views import MethodView
from flask_smorest import Blueprint

from safeledger.platform.api.commands import Step, command, record_commands, recorded
from safeledger.platform.api.context import (
    command_context,
    identity,
    read_connection,
    reader_scope,
    runtime,
)
from safeledger.platform.api.grants import schemas
from safeledger.platform.api.schemas import RecordedSchema
from safeledger.platform.auth.accounts import find_user
from safeledger.projections.grants.queries import grants_on
from safeledger.tenants.access import Role
from safeledger.tenants.application import Ledger
from safeledger.tenants.errors import NotFoundError

blp = Blueprint(
    "grants",
    __name__,
    url_prefix="/api/v1/tenants/<uuid:tenant_id>/grants",
    description="Role grants, recorded as events in the tenant's ledger.",
)


class UnknownUserError(NotFoundError):
    field = "username"


@blp.route("")
class Grants(MethodView):
    @blp.response(200, schemas.GrantRowSchema(many=True))
    def get(self, tenant_id: UUID) -> list[Any]:
        """List the roles granted on this tenant."""
        with read_connection() as conn:
            return grants_on(conn, reader_scope(), tenant_id)

    @command(blp)
    @blp.arguments(schemas.GrantRoleSchema)
    @blp.response(201, RecordedSchema)
    def post(self, body: dict[str, Any], tenant_id: UUID) -> Any:
        """Grant a user a role on this tenant (and, where the role allows, below)."""
        user = find_user(runtime().engine, body["username"])
        if user is None:
            raise UnknownUserError(f"no user named {body['username']!r}")
        with command_context():
            ledger = runtime().store.for_tenant(tenant_id)
            return recorded(
                ledger.grant_role(
                    tenant_id,
                    user_id=user.user_id,
                    role=Role(body["role"]),
                    expires_at=body["expires_at"],
                    granted_by=identity().user.user_id,
                )
            )


record_commands(
    blp,
    "grant_id",
    [
        Step(
            "revocation",
            schemas.RevokeGrantSchema,
            Ledger.revoke_role,
            "Withdraw a grant.",
        )
    ],
)
