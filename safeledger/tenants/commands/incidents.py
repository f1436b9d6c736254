"""Commands on incidents: report, follow up, and close under 四不放过."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from safeledger.tenants.commands.base import CommandBase, Recorded
from safeledger.tenants.incidents import Incident

# Follow-up commands: API name → method of Incident taking the body's fields.
FOLLOW_UPS = {
    "file_written_report": Incident.file_written_report,
    "update_casualties": Incident.update_casualties,
    "determine_cause": Incident.determine_cause,
    "handle_responsible_persons": Incident.handle_responsible_persons,
    "complete_rectification": Incident.complete_rectification,
    "hold_education": Incident.hold_education,
}


class IncidentCommands(CommandBase):
    """安全事故报告 through the ledger."""

    def report_incident(self, tenant_id: UUID, **details: Any) -> Recorded:
        """Report an incident; the server's clock is its reported-at."""
        return self.create(tenant_id, lambda: Incident.report(**details))

    def follow_up_incident(
        self,
        tenant_id: UUID,
        incident_id: UUID,
        version: int | None,
        step: str,
        **details: Any,
    ) -> Recorded:
        """One step after the report: written report, casualties, cause, ..."""
        method = FOLLOW_UPS[step]
        return self.change(
            Incident, tenant_id, incident_id, version, lambda i: method(i, **details)
        )

    def close_incident(
        self, tenant_id: UUID, incident_id: UUID, version: int | None
    ) -> Recorded:
        """Close an incident once all four conditions of 四不放过 hold."""
        return self.change(
            Incident, tenant_id, incident_id, version, lambda i: i.close()
        )
