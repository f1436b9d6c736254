"""Proofs the API serves: inclusion of one event, consistency of two checkpoints.

Proofs are only given against published (signed) checkpoints, so every root a
client checks against is one the platform has committed to.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

import sqlalchemy as sa

from safeledger.platform.evidence.checkpoints import latest
from safeledger.platform.evidence.keys import EvidenceError
from safeledger.platform.evidence.tables import evidence_checkpoints as cp
from safeledger.projections.ledger import queries


class EvidenceNotFoundError(EvidenceError):
    """The event or checkpoint asked about does not exist."""


def checkpoint_at(conn: sa.Connection, tenant_id: UUID, size: int | None) -> sa.Row:
    """The published checkpoint of ``size`` leaves (default: the latest)."""
    if size is None:
        row = latest(conn, tenant_id)
    else:
        row = conn.execute(
            sa.select(cp).where(cp.c.tenant_id == tenant_id, cp.c.tree_size == size)
        ).first()
    if row is None:
        what = "any" if size is None else f"a size-{size}"
        raise EvidenceNotFoundError(
            f"tenant {tenant_id} has not published {what} checkpoint"
        )
    return row


def inclusion(
    conn: sa.Connection,
    tenant_id: UUID,
    originator_id: UUID,
    version: int,
    size: int | None,
) -> dict[str, Any]:
    """The event's leaf and its inclusion proof against a checkpoint."""
    checkpoint = checkpoint_at(conn, tenant_id, size)
    row = queries.leaf_of(conn, tenant_id, originator_id, version)
    if row is None:
        raise EvidenceNotFoundError(
            f"tenant {tenant_id} has no ledgered event {originator_id} v{version}"
        )
    if row.leaf_index >= checkpoint.tree_size:
        raise EvidenceNotFoundError(
            f"the event is leaf {row.leaf_index}, after the checkpoint of "
            f"{checkpoint.tree_size} leaves; ask for a later checkpoint"
        )
    leaf = queries.as_leaf(row)
    proof = queries.inclusion_proof(
        conn, tenant_id, row.leaf_index, checkpoint.tree_size
    )
    return {
        "leaf_index": row.leaf_index,
        "leaf_hash": bytes(row.leaf_hash),
        "leaf": leaf.__dict__,
        "tree_size": checkpoint.tree_size,
        "proof": proof,
        "checkpoint": checkpoint,
    }


def consistency(
    conn: sa.Connection, tenant_id: UUID, first: int, second: int
) -> dict[str, Any]:
    """The consistency proof from one published checkpoint to a later one."""
    if first > second:
        raise EvidenceError(f"first ({first}) must not exceed second ({second})")
    older = checkpoint_at(conn, tenant_id, first)
    newer = checkpoint_at(conn, tenant_id, second)
    proof = queries.consistency_proof(conn, tenant_id, first, second)
    return {"first": older, "second": newer, "proof": proof}
