"""Table views of a tenant's subtree: hazard board, drill log, incident register,
agreement coverage and grid map, each as of any moment and as CSV."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask.views import MethodView
from flask_smorest import Blueprint

from safeledger.platform.api.context import read_connection, reader_scope
from safeledger.platform.api.tables import now, path_or_404, table_view
from safeledger.platform.api.views import schemas
from safeledger.projections.agreement_coverage import queries as agreements
from safeledger.projections.drill_log import queries as drills
from safeledger.projections.grid_map.grids import grid_cells
from safeledger.projections.hazard_board import queries as hazards
from safeledger.projections.incident_register import queries as incidents

blp = Blueprint(
    "views",
    __name__,
    url_prefix="/api/v1/tenants/<uuid:tenant_id>",
    description="The read models of a tenant and everything under it, as of any "
    "moment; add format=csv for a download.",
)


def view(args: dict[str, Any], tenant_id: UUID, name: str, query: Any) -> Any:
    """Run ``query(conn, scope, path, offset, limit)`` as a table view."""
    scope = reader_scope()
    with read_connection(scope) as conn:
        path = path_or_404(conn, scope, tenant_id)
        return table_view(
            args, lambda offset, limit: query(conn, scope, path, offset, limit), name
        )


@blp.route("/hazard-board")
class HazardBoard(MethodView):
    @blp.arguments(schemas.HazardBoardArgs, location="query")
    @blp.response(200, schemas.HazardPageSchema)
    def get(self, args: dict[str, Any], tenant_id: UUID) -> Any:
        """List hazards with state, owner, deadline, overdue and escalation."""
        filters = {k: args[k] for k in ("as_of", "state", "overdue")}
        return view(
            args,
            tenant_id,
            "hazard-board",
            lambda c, s, p, o, n: hazards.board(
                c, s, p, now=now(), offset=o, limit=n, **filters
            ),
        )


@blp.route("/drill-log")
class DrillLog(MethodView):
    @blp.arguments(schemas.DrillLogArgs, location="query")
    @blp.response(200, schemas.DrillPageSchema)
    def get(self, args: dict[str, Any], tenant_id: UUID) -> Any:
        """List drills planned, held and cancelled."""
        return view(
            args,
            tenant_id,
            "drill-log",
            lambda c, s, p, o, n: drills.log(
                c, s, p, as_of=args["as_of"], state=args["state"], offset=o, limit=n
            ),
        )


@blp.route("/incident-register")
class IncidentRegister(MethodView):
    @blp.arguments(schemas.ViewArgs, location="query")
    @blp.response(200, schemas.IncidentPageSchema)
    def get(self, args: dict[str, Any], tenant_id: UUID) -> Any:
        """List incidents with their report times and whether each was on time."""
        return view(
            args,
            tenant_id,
            "incident-register",
            lambda c, s, p, o, n: incidents.register(
                c, s, p, now=now(), as_of=args["as_of"], offset=o, limit=n
            ),
        )


@blp.route("/agreement-coverage")
class AgreementCoverage(MethodView):
    @blp.arguments(schemas.AgreementArgs, location="query")
    @blp.response(200, schemas.AgreementPageSchema)
    def get(self, args: dict[str, Any], tenant_id: UUID) -> Any:
        """List agreements the tenant issued or signed, with their signatures."""
        return view(
            args,
            tenant_id,
            "agreement-coverage",
            lambda c, s, p, o, n: agreements.page(
                c, s, tenant_id, args["year"], args["as_of"], o, n
            ),
        )


@blp.route("/grid-map")
class GridMap(MethodView):
    @blp.arguments(schemas.ViewArgs, location="query")
    @blp.response(200, schemas.GridPageSchema)
    def get(self, args: dict[str, Any], tenant_id: UUID) -> Any:
        """List place × school-hour slot → responsible persons, for the week before."""
        return view(
            args,
            tenant_id,
            "grid-map",
            lambda c, s, p, o, n: grid_cells(
                c, s, p, now=now(), as_of=args["as_of"], offset=o, limit=n
            ),
        )
