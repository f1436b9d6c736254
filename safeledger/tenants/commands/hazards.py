"""Commands on hazards: log, assign, rectify, verify, close, escalate."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from uuid import UUID

from safeledger.tenants.commands.base import CommandBase, Recorded
from safeledger.tenants.hazards import Hazard
from safeledger.tenants.values import HazardCategory, HazardSeverity


class HazardCommands(CommandBase):
    """安全隐患排查整改 through the ledger."""

    def log_hazard(
        self,
        tenant_id: UUID,
        *,
        category: HazardCategory | str,
        severity: HazardSeverity | str,
        description: str,
        found_by: str,
        place: str | None = None,
        place_id: UUID | None = None,
        photo_digests: Iterable[str] = (),
    ) -> Recorded:
        """Log a hazard found on the tenant's premises."""
        return self.create(
            tenant_id,
            lambda: Hazard.log(
                category=category,
                severity=severity,
                description=description,
                found_by=found_by,
                place=place,
                place_id=place_id,
                photo_digests=photo_digests,
            ),
        )

    def assign_hazard(
        self,
        tenant_id: UUID,
        hazard_id: UUID,
        version: int | None,
        *,
        owner: str,
        supervisor: str,
        deadline: datetime,
        measures: str | None = None,
        funds: str | None = None,
        contingency_plan: str | None = None,
        supervisor_account: str | None = None,
    ) -> Recorded:
        """Name the owner, supervisor and deadline (and 五到位 for a major hazard);
        ``supervisor_account``, if given, is the only actor that may verify."""
        return self.change(
            Hazard,
            tenant_id,
            hazard_id,
            version,
            lambda h: h.assign(
                owner=owner,
                supervisor=supervisor,
                deadline=deadline,
                measures=measures,
                funds=funds,
                contingency_plan=contingency_plan,
                supervisor_account=supervisor_account,
            ),
        )

    def take_interim_measure(
        self, tenant_id: UUID, hazard_id: UUID, version: int | None, measure: str
    ) -> Recorded:
        """Record a temporary measure while the rectification is under way."""
        return self.change(
            Hazard,
            tenant_id,
            hazard_id,
            version,
            lambda h: h.take_interim_measure(measure),
        )

    def extend_hazard_deadline(
        self,
        tenant_id: UUID,
        hazard_id: UUID,
        version: int | None,
        deadline: datetime,
        reason: str,
    ) -> Recorded:
        """Move the deadline later, for a reason."""
        return self.change(
            Hazard,
            tenant_id,
            hazard_id,
            version,
            lambda h: h.extend_deadline(deadline, reason),
        )

    def report_rectification(
        self,
        tenant_id: UUID,
        hazard_id: UUID,
        version: int | None,
        *,
        summary: str,
        evidence_digests: Iterable[str],
    ) -> Recorded:
        """The owner reports the rectification done, with evidence."""
        return self.change(
            Hazard,
            tenant_id,
            hazard_id,
            version,
            lambda h: h.report_rectification(summary, evidence_digests),
        )

    def verify_hazard(
        self,
        tenant_id: UUID,
        hazard_id: UUID,
        version: int | None,
        *,
        verifier: str,
        note: str = "",
    ) -> Recorded:
        """The supervisor confirms the rectification."""
        return self.change(
            Hazard, tenant_id, hazard_id, version, lambda h: h.verify(verifier, note)
        )

    def reject_rectification(
        self,
        tenant_id: UUID,
        hazard_id: UUID,
        version: int | None,
        *,
        verifier: str,
        reason: str,
    ) -> Recorded:
        """The supervisor sends the rectification back to the owner."""
        return self.change(
            Hazard, tenant_id, hazard_id, version, lambda h: h.reject(verifier, reason)
        )

    def close_hazard(
        self, tenant_id: UUID, hazard_id: UUID, version: int | None
    ) -> Recorded:
        """Close a verified hazard (销号)."""
        return self.change(Hazard, tenant_id, hazard_id, version, lambda h: h.close())

    def escalate_hazard(
        self,
        tenant_id: UUID,
        hazard_id: UUID,
        version: int | None,
        upper_tenant_id: UUID,
        reason: str,
    ) -> Recorded:
        """Put a major hazard under an upper tenant's supervision (挂牌督办)."""
        tenant = self.locator.get_tenant(tenant_id)
        ancestors = self.locator.ancestors_of(tenant)
        return self.change(
            Hazard,
            tenant_id,
            hazard_id,
            version,
            lambda h: h.escalate(upper_tenant_id, ancestors, reason),
        )
