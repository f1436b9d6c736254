"""Routes of the audit trail: every event of a tenant's subtree (痕迹管理)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask.views import MethodView
from flask_smorest import Blueprint

from safeledger.platform.api.audit_trail import schemas
from safeledger.platform.api.context import read_connection, reader_scope
from safeledger.platform.api.tables import path_or_404, table_view
from safeledger.projections.audit_trail import queries
from safeledger.tenants.access import Action

blp = Blueprint(
    "audit_trail",
    __name__,
    url_prefix="/api/v1/tenants/<uuid:tenant_id>/audit-trail",
    description="Who recorded what, when, in which ledger.",
)


@blp.route("")
class AuditTrail(MethodView):
    @blp.arguments(schemas.AuditArgs, location="query")
    @blp.response(200, schemas.AuditPageSchema)
    def get(self, args: dict[str, Any], tenant_id: UUID) -> Any:
        """List the subtree's events by actor, event type and time, oldest first."""
        scope = reader_scope(Action.READ_AUDIT)
        filters = {k: args[k] for k in ("actor", "event_type", "since", "until")}
        with read_connection(scope) as conn:
            path = path_or_404(conn, scope, tenant_id)
            return table_view(
                args,
                lambda o, n: queries.trail(
                    conn, scope, path, offset=o, limit=n, **filters
                ),
                "audit-trail",
            )
