"""Routes of accountability cases (问责): opened by hand or by the sweeps, decided,
closed; the open cases of a subtree are what its upper levels' dashboards show."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask.views import MethodView
from flask_smorest import Blueprint

from safeledger.platform.api.accountability import schemas
from safeledger.platform.api.commands import Step, command, record_commands, recorded
from safeledger.platform.api.context import (
    command_context,
    read_connection,
    reader_scope,
    runtime,
)
from safeledger.platform.api.pagination import offset_limit, page_of
from safeledger.platform.api.records import record_routes
from safeledger.platform.api.schemas import RecordedSchema
from safeledger.platform.api.tables import now, path_or_404
from safeledger.platform.table_views import ACCOUNTABILITY_CASES, Query
from safeledger.tenants.accountability import AccountabilityCase
from safeledger.tenants.application import Ledger

blp = Blueprint(
    "accountability_cases",
    __name__,
    url_prefix="/api/v1/tenants/<uuid:tenant_id>/accountability-cases",
    description="Accountability cases (问责): opened, decided, closed, on the record.",
)


@blp.route("")
class Cases(MethodView):
    @blp.arguments(schemas.CaseListArgs, location="query")
    @blp.response(200, schemas.CasePageSchema)
    def get(self, args: dict[str, Any], tenant_id: UUID) -> dict[str, Any]:
        """List the cases of the tenant and everything under it (open by default)."""
        scope = reader_scope()
        with read_connection(scope) as conn:
            path = path_or_404(conn, scope, tenant_id)
            query = Query(
                tenant_id, path, now(), filters={"state": args["state"].value}
            )
            rows, total = ACCOUNTABILITY_CASES.fetch(
                conn, scope, query, **offset_limit(args)
            )
        return page_of(rows, total, args)

    @command(blp)
    @blp.arguments(schemas.OpenCaseSchema)
    @blp.response(201, RecordedSchema)
    def post(self, body: dict[str, Any], tenant_id: UUID) -> Any:
        """Open a case by hand about a record of the tenant, or the tenant itself."""
        with command_context():
            ledger = runtime().store.for_tenant(tenant_id)
            return recorded(ledger.open_case(tenant_id, **body))


record_routes(blp, AccountabilityCase, "case_id", "accountability case")
record_commands(
    blp,
    "case_id",
    [
        Step(
            "decision",
            schemas.DecideCaseSchema,
            Ledger.decide_case,
            "Decide an open case: notice, interview, warning or referral.",
        ),
        Step(
            "closure",
            schemas.CloseCaseSchema,
            Ledger.close_case,
            "Close a decided case with its conclusion.",
        ),
    ],
)
