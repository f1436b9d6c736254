"""Routes of the incident resource: report, follow up, close under 四不放过."""

from __future__ import annotations

from flask_smorest import Blueprint

from safeledger.platform.api.commands import Step, create_route, record_commands
from safeledger.platform.api.incidents import schemas
from safeledger.platform.api.records import record_routes
from safeledger.platform.api.schemas import VersionedSchema
from safeledger.tenants.application import Ledger
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
    Ledger.report_incident,
    "Report an incident; the server's clock is its reported-at.",
)
record_routes(blp, Incident, "incident_id", "incident")


record_commands(
    blp,
    "incident_id",
    [
        Step(
            "written-reports",
            schemas.WrittenReportSchema,
            Ledger.file_written_report,
            "File the written report.",
        ),
        Step(
            "casualties",
            schemas.CasualtiesSchema,
            Ledger.update_casualties,
            "Update the casualty figures.",
        ),
        Step(
            "cause",
            schemas.CauseSchema,
            Ledger.determine_cause,
            "Record the cause found.",
        ),
        Step(
            "responsible-persons",
            schemas.ResponsiblePersonsSchema,
            Ledger.handle_responsible_persons,
            "Record how the responsible people were handled.",
        ),
        Step(
            "rectification",
            schemas.RectificationSchema,
            Ledger.complete_rectification,
            "Record the rectification done after the incident.",
        ),
        Step(
            "education",
            schemas.EducationSchema,
            Ledger.hold_education,
            "Record the safety education given to the people concerned.",
        ),
        Step(
            "closure",
            VersionedSchema,
            Ledger.close_incident,
            "Close the incident once all four conditions of 四不放过 hold.",
        ),
    ],
)
