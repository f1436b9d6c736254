"""Routes of the grid resource: a school's places and who answers for each, when."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask.views import MethodView
from flask_smorest import Blueprint

from safeledger.platform.api.commands import Step, create_route, record_commands
from safeledger.platform.api.context import runtime
from safeledger.platform.api.grid import schemas
from safeledger.platform.api.pagination import PageArgs, page_of
from safeledger.platform.api.records import history_of, record_of
from safeledger.platform.api.schemas import EventPageSchema, RecordSchema
from safeledger.tenants.application import Ledger
from safeledger.tenants.grid import Grid

PREFIX = "/api/v1/tenants/<uuid:tenant_id>/grid"
DESCRIPTION = "Every place and time slot on campus has a named person (网格化管理)."
blp = Blueprint("grid", __name__, url_prefix=PREFIX, description=DESCRIPTION)
places = Blueprint("grid_places", __name__, url_prefix=f"{PREFIX}/places")
assignments = Blueprint(
    "grid_assignments", __name__, url_prefix=f"{PREFIX}/assignments"
)


def load_grid(tenant_id: UUID) -> Grid:
    """The school's grid, or a 404."""
    ledger = runtime().store.for_tenant(tenant_id)
    return ledger.load(Grid, tenant_id, ledger.grid_id(tenant_id))


@blp.route("/state")
class GridState(MethodView):
    @blp.response(200, RecordSchema)
    def get(self, tenant_id: UUID) -> dict[str, Any]:
        """Get the school's grid: its places and assignments."""
        return record_of(Grid, tenant_id, Grid.create_id(tenant_id))


@blp.route("/history")
class GridHistory(MethodView):
    @blp.arguments(PageArgs, location="query")
    @blp.response(200, EventPageSchema)
    def get(self, args: dict[str, int], tenant_id: UUID) -> dict[str, Any]:
        """List the grid's events, oldest first."""
        return page_of(
            *history_of(Grid, tenant_id, Grid.create_id(tenant_id), args), args
        )


@blp.route("/responsible")
class Responsible(MethodView):
    @blp.arguments(schemas.ResponsibleArgs, location="query")
    @blp.response(200, schemas.ResponsibleSchema)
    def get(self, args: dict[str, Any], tenant_id: UUID) -> dict[str, Any]:
        """Who answers for a place at a moment (its own people, else its parent's)."""
        persons = load_grid(tenant_id).responsible_for(args["place_id"], args["at"])
        return {**args, "persons": persons}


create_route(blp, schemas.OpenGridSchema, Ledger.open_grid, "Open the school's grid.")
create_route(
    places, schemas.AddPlaceSchema, Ledger.add_place, "Add a place to the grid."
)
record_commands(
    places,
    "place_id",
    [
        Step(
            "retirement",
            schemas.RetirePlaceSchema,
            Ledger.retire_place,
            "Retire a place.",
        )
    ],
)
create_route(
    assignments,
    schemas.AssignSchema,
    Ledger.assign_place,
    "Make a person responsible for a place, in weekly slots or always.",
)
record_commands(
    assignments,
    "assignment_id",
    [
        Step(
            "ending",
            schemas.EndAssignmentSchema,
            Ledger.end_assignment,
            "End an assignment.",
        ),
        Step(
            "handover",
            schemas.HandOverSchema,
            Ledger.hand_over,
            "Hand an assignment over to another person, as one event.",
        ),
    ],
)
