"""Routes of the incident resource: report, follow up, close under 四不放过."""

from __future__ import annotations

from flask_smorest import Blueprint

from safeledger.platform.api.commands import Step, create_route, record_commands
from safeledger.platform.api.incidents import schemas
from safeledger.platform.api.records import record_routes
from safeledger.platform.api.schemas import VersionedSchema
from safeledger.tenants.incidents import Incident

blp = Blueprint(
    "incidents",
    __name__,
    url_prefix="/api/v1/tenants/<uuid:tenant_id>/incidents",
    description="Safety incidents, reported within time limits (安全事故报告).",
)

create_route(
    blp,
    schemas.ReportIncidentSchema,
    "report_incident",
    "Report an incident; the server's clock is its reported-at.",
)
record_routes(blp, Incident, "incident_id", "incident")


def follow_up(path: str, schema: type, step: str, summary: str) -> Step:
    """A step after the report, handled by ``Incident.<step>``."""
    return Step(path, schema, "follow_up_incident", summary, {"step": step})


record_commands(
    blp,
    "incident_id",
    [
        follow_up(
            "written-reports",
            schemas.WrittenReportSchema,
            "file_written_report",
            "File the written report.",
        ),
        follow_up(
            "casualties",
            schemas.CasualtiesSchema,
            "update_casualties",
            "Update the casualty figures.",
        ),
        follow_up(
            "cause", schemas.CauseSchema, "determine_cause", "Record the cause found."
        ),
        follow_up(
            "responsible-persons",
            schemas.ResponsiblePersonsSchema,
            "handle_responsible_persons",
            "Record how the responsible people were handled.",
        ),
        follow_up(
            "rectification",
            schemas.RectificationSchema,
            "complete_rectification",
            "Record the rectification done after the incident.",
        ),
        follow_up(
            "education",
            schemas.EducationSchema,
            "hold_education",
            "Record the safety education given to the people concerned.",
        ),
        Step(
            "closure",
            VersionedSchema,
            "close_incident",
            "Close the incident once all four conditions of 四不放过 hold.",
        ),
    ],
)
