"""Reads that leave a trace: who looked at a tenant's evidence or audit trail, when.

Accountability works both ways: the officials who inspect the ledger appear in it.
"""

from __future__ import annotations

from eventsourcing.domain import event

from safeledger.tenants.ledger import LedgerAggregate


class EvidenceRead(LedgerAggregate):
    """One read of a tenant's evidence or audit trail."""

    label = "read"

    @event("Recorded")
    def __init__(self, *, what: str, query: str) -> None:
        self.what = what
        self.query = query
