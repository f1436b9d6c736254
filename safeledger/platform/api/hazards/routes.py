"""Routes of the hazard resource: log → assign → rectify → verify → close (销号)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask.views import MethodView
from flask_smorest import Blueprint

from safeledger.platform.api.commands import Step, command, record_commands, recorded
from safeledger.platform.api.context import command_context, runtime
from safeledger.platform.api.hazards import schemas
from safeledger.platform.api.pagination import PageArgs, page_of
from safeledger.platform.api.records import history_of, record_of
from safeledger.platform.api.schemas import (
    EventPageSchema,
    RecordedSchema,
    RecordSchema,
    VersionedSchema,
)
from safeledger.tenants.hazards import Hazard

blp = Blueprint(
    "hazards",
    __name__,
    url_prefix="/api/v1/tenants/<uuid:tenant_id>/hazards",
    description="Hazards found and rectified by a deadline (安全隐患排查整改).",
)


@blp.route("")
class Hazards(MethodView):
    @command(blp)
    @blp.arguments(schemas.LogHazardSchema)
    @blp.response(201, RecordedSchema)
    def post(self, body: dict[str, Any], tenant_id: UUID) -> Any:
        """Log a hazard found on the tenant's premises."""
        with command_context():
            ledger = runtime().store.for_tenant(tenant_id)
            return recorded(ledger.log_hazard(tenant_id, **body))


@blp.route("/<uuid:hazard_id>")
class HazardRecord(MethodView):
    @blp.response(200, RecordSchema)
    def get(self, tenant_id: UUID, hazard_id: UUID) -> dict[str, Any]:
        """Get a hazard's current state from its events."""
        return record_of(Hazard, tenant_id, hazard_id)


@blp.route("/<uuid:hazard_id>/history")
class HazardHistory(MethodView):
    @blp.arguments(PageArgs, location="query")
    @blp.response(200, EventPageSchema)
    def get(self, args: dict[str, int], tenant_id: UUID, hazard_id: UUID) -> Any:
        """List a hazard's events, oldest first."""
        return page_of(*history_of(Hazard, tenant_id, hazard_id, args), args)


record_commands(
    blp,
    "hazard_id",
    [
        Step(
            "assign",
            schemas.AssignHazardSchema,
            "assign_hazard",
            "Name the owner, supervisor and deadline (and 五到位 if major).",
        ),
        Step(
            "interim-measures",
            schemas.InterimMeasureSchema,
            "take_interim_measure",
            "Record a temporary measure while the rectification is under way.",
        ),
        Step(
            "deadline-extensions",
            schemas.ExtendDeadlineSchema,
            "extend_hazard_deadline",
            "Move the deadline later, for a reason.",
        ),
        Step(
            "rectification-reports",
            schemas.RectificationReportSchema,
            "report_rectification",
            "Report the rectification done, with evidence.",
        ),
        Step(
            "verification",
            schemas.VerifySchema,
            "verify_hazard",
            "Confirm the rectification (the supervisor, never the owner).",
        ),
        Step(
            "rejection",
            schemas.RejectSchema,
            "reject_rectification",
            "Send the rectification back to the owner.",
        ),
        Step(
            "closure",
            VersionedSchema,
            "close_hazard",
            "Close a verified hazard (销号).",
        ),
        Step(
            "escalation",
            schemas.EscalateSchema,
            "escalate_hazard",
            "Put a major hazard under an upper tenant's supervision (挂牌督办).",
        ),
    ],
)
