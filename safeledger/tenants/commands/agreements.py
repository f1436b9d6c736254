"""Commands on responsibility agreements: issue, sign, revoke, supersede."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from uuid import UUID

from safeledger.tenants import context
from safeledger.tenants.agreements import (
    Counterparty,
    Party,
    ResponsibilityAgreement,
    agreement_id_for,
)
from safeledger.tenants.commands.base import CommandBase, Recorded

Agreement = ResponsibilityAgreement


class AgreementCommands(CommandBase):
    """安全责任书 through the ledger."""

    def issue_agreement(
        self,
        tenant_id: UUID,
        *,
        counterparty: Counterparty,
        year: int,
        duties: Iterable[str],
        document_digest: str,
    ) -> Recorded:
        """Issue the year's agreement with a counterparty (next generation if ended)."""
        latest = self._latest_generation(tenant_id, counterparty, year)
        if latest is None:
            return self.create(
                tenant_id,
                lambda: Agreement.issue(
                    issuer_id=tenant_id,
                    counterparty=counterparty,
                    year=year,
                    duties=duties,
                    document_digest=document_digest,
                ),
            )
        with context.on_ledger(tenant_id):
            successor = Agreement.reissue(
                latest, duties=duties, document_digest=document_digest
            )
        return self.record(successor)

    def sign_agreement(
        self,
        tenant_id: UUID,
        agreement_id: UUID,
        version: int | None,
        *,
        party: Party | str,
        signer: str,
        role: str,
        signed_at: datetime | None = None,
    ) -> Recorded:
        """Record one side's signature."""
        return self.change(
            Agreement,
            tenant_id,
            agreement_id,
            version,
            lambda a: a.sign(party, signer=signer, role=role, signed_at=signed_at),
        )

    def revoke_agreement(
        self, tenant_id: UUID, agreement_id: UUID, version: int | None, reason: str
    ) -> Recorded:
        """Withdraw an agreement, for a reason."""
        return self.change(
            Agreement, tenant_id, agreement_id, version, lambda a: a.revoke(reason)
        )

    def supersede_agreement(
        self,
        tenant_id: UUID,
        agreement_id: UUID,
        version: int | None,
        *,
        duties: Iterable[str],
        document_digest: str,
        reason: str,
    ) -> Recorded:
        """Replace an agreement with new terms; both are recorded together."""
        agreement = self.load(Agreement, tenant_id, agreement_id)
        agreement.ensure_version(version)
        with context.on_ledger(tenant_id):
            successor = agreement.supersede(
                duties=duties, document_digest=document_digest, reason=reason
            )
        return self.record(successor, agreement)

    def _latest_generation(
        self, tenant_id: UUID, counterparty: Counterparty, year: int
    ) -> Agreement | None:
        latest = None
        generation = 1
        while self.exists(agreement_id_for(tenant_id, counterparty, year, generation)):
            latest = agreement_id_for(tenant_id, counterparty, year, generation)
            generation += 1
        return self.load(Agreement, tenant_id, latest) if latest else None
