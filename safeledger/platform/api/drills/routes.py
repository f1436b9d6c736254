"""Routes of the drill resource: plan, hold, reschedule, cancel, log findings."""

from __future__ import annotations

from flask_smorest import Blueprint

from safeledger.platform.api.commands import Step, create_route, record_commands
from safeledger.platform.api.drills import schemas
from safeledger.platform.api.records import record_routes
from safeledger.tenants.application import Ledger
from safeledger.tenants.drills import Drill

blp = Blueprint(
    "drills",
    __name__,
    url_prefix="/api/v1/tenants/<uuid:tenant_id>/drills",
    description="Emergency drills on the mandated rhythm (应急演练).",
)


create_route(blp, schemas.PlanDrillSchema, Ledger.plan_drill, "Plan a drill.")
record_routes(blp, Drill, "drill_id", "drill")

record_commands(
    blp,
    "drill_id",
    [
        Step(
            "holding",
            schemas.HoldDrillSchema,
            Ledger.hold_drill,
            "Record that the drill was held, with its figures and documents.",
        ),
        Step(
            "rescheduling",
            schemas.RescheduleDrillSchema,
            Ledger.reschedule_drill,
            "Move a planned drill to another date, for a reason.",
        ),
        Step(
            "cancellation",
            schemas.CancelDrillSchema,
            Ledger.cancel_drill,
            "Cancel a planned drill, for a reason.",
        ),
        Step(
            "findings",
            schemas.DrillFindingSchema,
            Ledger.log_drill_finding,
            "Log a hazard the drill revealed; created_id is the new hazard.",
        ),
    ],
)
