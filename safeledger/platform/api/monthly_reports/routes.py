"""Routes of the monthly report resource: draft, submit, amend, list (安全月报表)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask.views import MethodView
from flask_smorest import Blueprint

from safeledger.platform.api.commands import command, expected_version, recorded
from safeledger.platform.api.context import (
    command_context,
    read_connection,
    reader_scope,
    runtime,
)
from safeledger.platform.api.monthly_reports import schemas
from safeledger.platform.api.schemas import RecordedSchema
from safeledger.platform.api.tables import ViewArgs, path_or_404, table_view
from safeledger.projections.monthly_reports import queries
from safeledger.projections.monthly_reports.generate import generate

blp = Blueprint(
    "monthly_reports",
    __name__,
    url_prefix="/api/v1/tenants/<uuid:tenant_id>/monthly-reports",
    description="The monthly safety report a school generates, reviews and submits.",
)


def draft(tenant_id: UUID, month: str) -> dict[str, Any]:
    """The report as generated now from the school's ledger."""
    scope = reader_scope()
    with read_connection(scope) as conn:
        path_or_404(conn, scope, tenant_id)
        return generate(conn, scope, tenant_id, month)


@blp.route("")
class MonthlyReports(MethodView):
    @blp.arguments(ViewArgs, location="query")
    @blp.response(200, schemas.SubmissionPageSchema)
    def get(self, args: dict[str, Any], tenant_id: UUID) -> Any:
        """List the reports submitted in this tenant's subtree."""
        scope = reader_scope()
        with read_connection(scope) as conn:
            path = path_or_404(conn, scope, tenant_id)
            return table_view(
                args,
                lambda o, n: queries.submissions(
                    conn, scope, path, as_of=args["as_of"], offset=o, limit=n
                ),
                "monthly-reports",
            )

    @command(blp)
    @blp.arguments(schemas.SubmitReportSchema)
    @blp.response(201, RecordedSchema)
    def post(self, body: dict[str, Any], tenant_id: UUID) -> Any:
        """Submit the reviewed report; refused if the ledger changed since."""
        report = draft(tenant_id, body["month"])
        with command_context():
            ledger = runtime().store.for_tenant(tenant_id)
            return recorded(
                ledger.submit_monthly_report(
                    tenant_id,
                    month=body["month"],
                    reviewed_digest=body["digest"],
                    report_digest=report["digest"],
                    submitted_by=body["submitted_by"],
                    figures=report["figures"],
                )
            )


@blp.route("/<string:month>/draft")
class Draft(MethodView):
    @blp.response(200, schemas.DraftSchema)
    def get(self, tenant_id: UUID, month: str) -> dict[str, Any]:
        """Generate the month's report from the ledger, with its digest, for review."""
        return draft(tenant_id, month)


@blp.route("/<uuid:report_id>/amendment")
class Amendment(MethodView):
    @command(blp)
    @blp.arguments(schemas.AmendReportSchema)
    @blp.response(200, RecordedSchema)
    def post(self, body: dict[str, Any], tenant_id: UUID, report_id: UUID) -> Any:
        """Submit a corrected report for a month already reported, for a reason."""
        with command_context():
            ledger = runtime().store.for_tenant(tenant_id)
            month = ledger.load_monthly_report(tenant_id, report_id).month
            report = draft(tenant_id, month)
            return recorded(
                ledger.amend_monthly_report(
                    tenant_id,
                    report_id,
                    expected_version(body),
                    reason=body["reason"],
                    reviewed_digest=body["digest"],
                    report_digest=report["digest"],
                    figures=report["figures"],
                )
            )
