"""Routes of the compliance resource: per school, rolled up, and the authenticity
signals shown beside it; every answer as of any moment."""

from __future__ import annotations

from collections import Counter
from typing import Any
from uuid import UUID

from flask.views import MethodView
from flask_smorest import Blueprint, abort

from safeledger.platform.api.compliance import schemas
from safeledger.platform.api.context import read_connection, reader_scope
from safeledger.platform.api.tables import now, path_or_404, table_view
from safeledger.projections.compliance import queries
from safeledger.projections.compliance.periods import Period
from safeledger.projections.compliance.signals import signals

blp = Blueprint(
    "compliance",
    __name__,
    url_prefix="/api/v1/tenants/<uuid:tenant_id>",
    description="Compliance under the rules in force: green, amber or red, with the "
    "reason in words.",
)


def flat(school: dict[str, Any]) -> dict[str, Any]:
    """A school's compliance as one CSV row."""
    row = {k: school[k] for k in ("tenant_id", "code", "name", "status", "signals")}
    for metric in school["metrics"]:
        row[f"{metric['name']}_status"] = metric["status"]
        row[f"{metric['name']}_reason"] = metric["reason"]
    return row


def judged(conn: Any, scope: Any, tenant_id: UUID, args: dict[str, Any]) -> list:
    """The schools under the tenant, judged, each with its count of signals."""
    path = path_or_404(conn, scope, tenant_id)
    period, as_of = Period.parse(args["period"]), args["as_of"]
    schools = queries.judge_schools(conn, scope, path, period, now=now(), as_of=as_of)
    counts = Counter(s["tenant_id"] for s in signals(conn, scope, path, as_of))
    return [{**s, "signals": counts[s["tenant_id"]]} for s in schools]


@blp.route("/compliance")
class Compliance(MethodView):
    @blp.arguments(schemas.ComplianceArgs, location="query")
    @blp.response(200, schemas.CompliancePageSchema)
    def get(self, args: dict[str, Any], tenant_id: UUID) -> Any:
        """List each school's compliance for a period, metric by metric."""
        scope = reader_scope()
        with read_connection(scope) as conn:
            schools = judged(conn, scope, tenant_id, args)
        csv = args["format"] == "csv"
        rows = [flat(s) for s in schools] if csv else schools
        return table_view(
            args, lambda o, n: (rows[o : o + n if n else None], len(rows)), "compliance"
        )


@blp.route("/compliance/rollup")
class Rollup(MethodView):
    @blp.arguments(schemas.PeriodArgs, location="query")
    @blp.response(200, schemas.RollupSchema)
    def get(self, args: dict[str, Any], tenant_id: UUID) -> Any:
        """Roll the schools' compliance up: counts, rates and the worst schools."""
        period, scope = Period.parse(args["period"]), reader_scope()
        with read_connection(scope) as conn:
            found = queries.rollup(
                conn, scope, tenant_id, period, now=now(), as_of=args["as_of"]
            )
        if found is None:
            abort(404, message=f"no tenant with id {tenant_id}")
        return found


@blp.route("/authenticity-signals")
class Signals(MethodView):
    @blp.arguments(schemas.SignalArgs, location="query")
    @blp.response(200, schemas.SignalPageSchema)
    def get(self, args: dict[str, Any], tenant_id: UUID) -> Any:
        """List reused photos, copied drill summaries and back-filled records."""
        scope = reader_scope()
        with read_connection(scope) as conn:
            found = signals(
                conn, scope, path_or_404(conn, scope, tenant_id), args["as_of"]
            )
        return table_view(
            args,
            lambda o, n: (found[o : o + n if n else None], len(found)),
            "authenticity-signals",
        )
