"""The evidence ledger: per tenant, an RFC 9162 Merkle tree over its stored events."""

from safeledger.projections.ledger.projection import LedgerProjection
from safeledger.projections.ledger.tables import (
    evidence_leaves,
    evidence_logs,
    evidence_subtrees,
)

__all__ = ["LedgerProjection", "evidence_leaves", "evidence_logs", "evidence_subtrees"]
