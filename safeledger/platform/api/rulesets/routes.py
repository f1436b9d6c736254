"""Routes of the ruleset resource: rules with numbers, published as events."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask.views import MethodView
from flask_smorest import Blueprint

from safeledger.platform.api.commands import create_route
from safeledger.platform.api.context import read_connection, reader_scope
from safeledger.platform.api.rulesets import schemas
from safeledger.platform.api.tables import now, path_or_404
from safeledger.projections.rulesets.queries import path_ids, published, rule_book
from safeledger.tenants.application import Ledger

blp = Blueprint(
    "rulesets",
    __name__,
    url_prefix="/api/v1/tenants/<uuid:tenant_id>/rulesets",
    description="Rules with numbers a province, city or county publishes, over the "
    "national baseline.",
)

create_route(
    blp,
    schemas.PublishRulesetSchema,
    Ledger.publish_ruleset,
    "Publish rules for the schools under this tenant, from a date on.",
)


@blp.route("/in-force")
class RulesInForce(MethodView):
    @blp.arguments(schemas.RulesInForceArgs, location="query")
    @blp.response(200, schemas.RulesInForceSchema)
    def get(self, args: dict[str, Any], tenant_id: UUID) -> dict[str, Any]:
        """Get the rules a tenant is judged by at a moment, and where they come from."""
        at, scope = args["at"] or now(), reader_scope()
        with read_connection(scope) as conn:
            path = path_or_404(conn, scope, tenant_id)
            book = rule_book(conn, scope, args["as_of"])
            rows = published(conn, scope, path_ids(path), args["as_of"])
        rules = book.rules_for(path, at)
        return {"tenant_id": tenant_id, "at": at, "rules": rules, "published": rows}
