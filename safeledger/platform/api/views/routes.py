"""Table views of a tenant's subtree: hazard board, drill log, incident register,
agreement coverage and grid map, each as of any moment and as CSV."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask.views import MethodView
from flask_smorest import Blueprint

from safeledger.platform import table_views
from safeledger.platform.api.context import read_connection, reader_scope
from safeledger.platform.api.tables import now, path_or_404, table_view
from safeledger.platform.api.views import schemas
from safeledger.platform.table_views import Query, TableView

blp = Blueprint(
    "views",
    __name__,
    url_prefix="/api/v1/tenants/<uuid:tenant_id>",
    description="The read models of a tenant and everything under it, as of any "
    "moment; add format=csv for a download.",
)


def view(args: dict[str, Any], tenant_id: UUID, table: TableView, *filters: str) -> Any:
    """Answer ``table`` for the tenant's subtree, with the named filters of ``args``."""
    scope = reader_scope()
    with read_connection(scope) as conn:
        path = path_or_404(conn, scope, tenant_id)
        query = Query(
            tenant_id, path, now(), args["as_of"], {f: args[f] for f in filters}
        )
        return table_view(
            args,
            lambda offset, limit: table.fetch(conn, scope, query, offset, limit),
            table.name,
        )


@blp.route("/hazard-board")
class HazardBoard(MethodView):
    @blp.arguments(schemas.HazardBoardArgs, location="query")
    @blp.response(200, schemas.HazardPageSchema)
    def get(self, args: dict[str, Any], tenant_id: UUID) -> Any:
        """List hazards with state, owner, deadline, overdue and escalation."""
        return view(args, tenant_id, table_views.HAZARD_BOARD, "state", "overdue")


@blp.route("/drill-log")
class DrillLog(MethodView):
    @blp.arguments(schemas.DrillLogArgs, location="query")
    @blp.response(200, schemas.DrillPageSchema)
    def get(self, args: dict[str, Any], tenant_id: UUID) -> Any:
        """List drills planned, held and cancelled."""
        return view(args, tenant_id, table_views.DRILL_LOG, "state")


@blp.route("/incident-register")
class IncidentRegister(MethodView):
    @blp.arguments(schemas.ViewArgs, location="query")
    @blp.response(200, schemas.IncidentPageSchema)
    def get(self, args: dict[str, Any], tenant_id: UUID) -> Any:
        """List incidents with their report times and whether each was on time."""
        return view(args, tenant_id, table_views.INCIDENT_REGISTER)


@blp.route("/agreement-coverage")
class AgreementCoverage(MethodView):
    @blp.arguments(schemas.AgreementArgs, location="query")
    @blp.response(200, schemas.AgreementPageSchema)
    def get(self, args: dict[str, Any], tenant_id: UUID) -> Any:
        """List agreements the tenant issued or signed, with their signatures."""
        return view(args, tenant_id, table_views.AGREEMENT_COVERAGE, "year")


@blp.route("/grid-map")
class GridMap(MethodView):
    @blp.arguments(schemas.ViewArgs, location="query")
    @blp.response(200, schemas.GridPageSchema)
    def get(self, args: dict[str, Any], tenant_id: UUID) -> Any:
        """List place × school-hour slot → responsible persons, for the week before."""
        return view(args, tenant_id, table_views.GRID_MAP)
