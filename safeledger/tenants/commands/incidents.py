"""Commands on incidents: report, follow up, and close under 四不放过."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from uuid import UUID

from safeledger.tenants.commands.base import CommandBase, Recorded
from safeledger.tenants.incidents import Incident
from safeledger.tenants.values import IncidentCategory, IncidentSeverity, ReportChannel


class IncidentCommands(CommandBase):
    """安全事故报告 through the ledger."""

    def report_incident(
        self,
        tenant_id: UUID,
        *,
        occurred_at: datetime,
        category: IncidentCategory | str,
        severity: IncidentSeverity | str,
        deaths: int,
        injuries: int,
        description: str,
        channel: ReportChannel | str,
        reporter: str,
        document_digest: str | None = None,
    ) -> Recorded:
        """Report an incident; the server's clock is its reported-at."""
        return self.create(
            tenant_id,
            lambda: Incident.report(
                occurred_at=occurred_at,
                category=category,
                severity=severity,
                deaths=deaths,
                injuries=injuries,
                description=description,
                channel=channel,
                reporter=reporter,
                document_digest=document_digest,
            ),
        )

    def file_written_report(
        self,
        tenant_id: UUID,
        incident_id: UUID,
        version: int | None,
        *,
        document_digest: str,
    ) -> Recorded:
        """File the written report that follows the verbal one."""
        return self.change(
            Incident,
            tenant_id,
            incident_id,
            version,
            lambda i: i.file_written_report(document_digest),
        )

    def update_casualties(
        self,
        tenant_id: UUID,
        incident_id: UUID,
        version: int | None,
        *,
        deaths: int,
        injuries: int,
        note: str,
    ) -> Recorded:
        """Correct the casualty figures, for a reason."""
        return self.change(
            Incident,
            tenant_id,
            incident_id,
            version,
            lambda i: i.update_casualties(deaths=deaths, injuries=injuries, note=note),
        )

    def determine_cause(
        self, tenant_id: UUID, incident_id: UUID, version: int | None, *, cause: str
    ) -> Recorded:
        """Record the cause found (the first of 四不放过)."""
        return self.change(
            Incident,
            tenant_id,
            incident_id,
            version,
            lambda i: i.determine_cause(cause),
        )

    def handle_responsible_persons(
        self,
        tenant_id: UUID,
        incident_id: UUID,
        version: int | None,
        *,
        persons: Iterable[str],
        measures: str,
    ) -> Recorded:
        """Record how the responsible people were handled."""
        return self.change(
            Incident,
            tenant_id,
            incident_id,
            version,
            lambda i: i.handle_responsible_persons(persons, measures),
        )

    def complete_rectification(
        self,
        tenant_id: UUID,
        incident_id: UUID,
        version: int | None,
        *,
        summary: str,
        evidence_digests: Iterable[str],
    ) -> Recorded:
        """Record the rectification done after the incident."""
        return self.change(
            Incident,
            tenant_id,
            incident_id,
            version,
            lambda i: i.complete_rectification(summary, evidence_digests),
        )

    def hold_education(
        self,
        tenant_id: UUID,
        incident_id: UUID,
        version: int | None,
        *,
        summary: str,
        participants: int,
    ) -> Recorded:
        """Record the safety education given to the people concerned."""
        return self.change(
            Incident,
            tenant_id,
            incident_id,
            version,
            lambda i: i.hold_education(summary, participants),
        )

    def close_incident(
        self, tenant_id: UUID, incident_id: UUID, version: int | None
    ) -> Recorded:
        """Close an incident once all four conditions of 四不放过 hold."""
        return self.change(
            Incident, tenant_id, incident_id, version, lambda i: i.close()
        )
