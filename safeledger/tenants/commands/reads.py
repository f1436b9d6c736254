"""Commands that record reads of evidence and audit trails."""

from __future__ import annotations

from uuid import UUID

from safeledger.tenants.commands.base import CommandBase, Recorded
from safeledger.tenants.reads import EvidenceRead


class ReadCommands(CommandBase):
    """Leave a trace of who read what in the tenant's ledger."""

    def record_read(self, tenant_id: UUID, *, what: str, query: str) -> Recorded:
        """Record that the acting user read ``what`` of the tenant."""
        return self.create(
            tenant_id, lambda: EvidenceRead(what=what[:200], query=query[:1000])
        )
