"""Routes of the hazard resource: log → assign → rectify → verify → close (销号)."""

from __future__ import annotations

from flask_smorest import Blueprint

from safeledger.platform.api.commands import Step, create_route, record_commands
from safeledger.platform.api.hazards import schemas
from safeledger.platform.api.records import record_routes
from safeledger.platform.api.schemas import VersionedSchema
from safeledger.tenants.application import Ledger
from safeledger.tenants.hazards import Hazard

blp = Blueprint(
    "hazards",
    __name__,
    url_prefix="/api/v1/tenants/<uuid:tenant_id>/hazards",
    description="Hazards found and rectified by a deadline (安全隐患排查整改).",
)


create_route(
    blp,
    schemas.LogHazardSchema,
    Ledger.log_hazard,
    "Log a hazard found on the tenant's premises.",
)
record_routes(blp, Hazard, "hazard_id", "hazard")

record_commands(
    blp,
    "hazard_id",
    [
        Step(
            "assign",
            schemas.AssignHazardSchema,
            Ledger.assign_hazard,
            "Name the owner, supervisor and deadline (and 五到位 if major).",
        ),
        Step(
            "interim-measures",
            schemas.InterimMeasureSchema,
            Ledger.take_interim_measure,
            "Record a temporary measure while the rectification is under way.",
        ),
        Step(
            "deadline-extensions",
            schemas.ExtendDeadlineSchema,
            Ledger.extend_hazard_deadline,
            "Move the deadline later, for a reason.",
        ),
        Step(
            "rectification-reports",
            schemas.RectificationReportSchema,
            Ledger.report_rectification,
            "Report the rectification done, with evidence.",
        ),
        Step(
            "verification",
            schemas.VerifySchema,
            Ledger.verify_hazard,
            "Confirm the rectification (the supervisor, never the owner).",
        ),
        Step(
            "rejection",
            schemas.RejectSchema,
            Ledger.reject_rectification,
            "Send the rectification back to the owner.",
        ),
        Step(
            "closure",
            VersionedSchema,
            Ledger.close_hazard,
            "Close a verified hazard (销号).",
        ),
        Step(
            "escalation",
            schemas.EscalateSchema,
            Ledger.escalate_hazard,
            "Put a major hazard under an upper tenant's supervision (挂牌督办).",
        ),
    ],
)
