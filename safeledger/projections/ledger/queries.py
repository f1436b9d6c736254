"""Questions the evidence ledger answers: sizes, roots, leaves and proofs.

Every proof reads O(log n) stored subtree hashes through ``merkle``'s subtree
form, whatever the size of the tenant's log.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from uuid import UUID

import sqlalchemy as sa

from safeledger.evidence import merkle
from safeledger.evidence.leaf import Leaf, utc_text
from safeledger.projections.ledger.tables import (
    evidence_leaves,
    evidence_logs,
    evidence_subtrees,
)

LEAF_PAGE = 5_000


def tree_size(conn: sa.Connection, tenant_id: UUID) -> int:
    """How many leaves the tenant's log has (0 if none)."""
    size = conn.execute(
        sa.select(evidence_logs.c.tree_size).where(
            evidence_logs.c.tenant_id == tenant_id
        )
    ).scalar_one_or_none()
    return size or 0


def subtree_reader(conn: sa.Connection, tenant_id: UUID) -> merkle.SubtreeHashes:
    """The tenant's complete-subtree hashes, one keyed read each."""
    leaves, nodes = evidence_leaves.c, evidence_subtrees.c
    leaf_query = sa.select(leaves.leaf_hash).where(
        leaves.tenant_id == tenant_id, leaves.leaf_index == sa.bindparam("index")
    )
    node_query = sa.select(nodes.hash).where(
        nodes.tenant_id == tenant_id,
        nodes.level == sa.bindparam("level"),
        nodes.node_index == sa.bindparam("index"),
    )

    def read(level: int, index: int) -> bytes:
        if level == 0:
            value = conn.execute(leaf_query, {"index": index}).scalar_one_or_none()
        else:
            params = {"level": level, "index": index}
            value = conn.execute(node_query, params).scalar_one_or_none()
        if value is None:
            raise LookupError(f"tenant {tenant_id} has no subtree {level}/{index}")
        return bytes(value)

    return read


def peak_positions(size: int) -> list[tuple[int, int]]:
    """(level, index) of the complete subtrees a log of ``size`` leaves folds into."""
    positions, offset = [], 0
    for level in reversed(range(size.bit_length())):
        if size >> level & 1:
            positions.append((level, offset >> level))
            offset += 1 << level
    return positions


def read_peaks(
    conn: sa.Connection, tenant_id: UUID, size: int
) -> list[tuple[int, bytes]]:
    """The compact range of the first ``size`` leaves: (level, hash), largest first."""
    read = subtree_reader(conn, tenant_id)
    return [(level, read(level, index)) for level, index in peak_positions(size)]


def root(conn: sa.Connection, tenant_id: UUID, size: int) -> bytes:
    """The root of the tenant's tree at ``size`` leaves."""
    return merkle.root_from_subtrees(size, subtree_reader(conn, tenant_id))


def inclusion_proof(
    conn: sa.Connection, tenant_id: UUID, index: int, size: int
) -> list[bytes]:
    """RFC 9162 inclusion proof of leaf ``index`` in the tree of ``size`` leaves."""
    reader = subtree_reader(conn, tenant_id)
    return merkle.inclusion_proof_from_subtrees(index, size, reader)


def consistency_proof(
    conn: sa.Connection, tenant_id: UUID, first: int, second: int
) -> list[bytes]:
    """RFC 9162 consistency proof from ``first`` leaves to ``second`` leaves."""
    reader = subtree_reader(conn, tenant_id)
    return merkle.consistency_proof_from_subtrees(first, second, reader)


def leaf_of(
    conn: sa.Connection, tenant_id: UUID, originator_id: UUID, version: int
) -> sa.Row | None:
    """The leaf row of one event of the tenant, or None."""
    leaves = evidence_leaves.c
    return conn.execute(
        sa.select(evidence_leaves).where(
            leaves.tenant_id == tenant_id,
            leaves.originator_id == originator_id,
            leaves.originator_version == version,
        )
    ).first()


def leaf_rows(
    conn: sa.Connection, tenant_id: UUID, start: int, stop: int
) -> Iterator[sa.Row]:
    """The tenant's leaf rows with ``start <= index < stop``, in index order."""
    leaves = evidence_leaves.c
    while start < stop:
        page = list(
            conn.execute(
                sa.select(evidence_leaves)
                .where(
                    leaves.tenant_id == tenant_id,
                    leaves.leaf_index >= start,
                    leaves.leaf_index < stop,
                )
                .order_by(leaves.leaf_index)
                .limit(LEAF_PAGE)
            )
        )
        if not page:
            return
        yield from page
        start = page[-1].leaf_index + 1


def as_leaf(row: sa.Row) -> Leaf:
    """The leaf a stored row describes."""
    return Leaf(
        tenant_id=str(row.tenant_id),
        index=row.leaf_index,
        originator_id=str(row.originator_id),
        version=row.originator_version,
        topic=row.topic,
        recorded_at=utc_text(row.recorded_at),
        payload_sha256=bytes(row.payload_sha256).hex(),
    )


def leaves_of(
    conn: sa.Connection, tenant_id: UUID, originator_id: UUID, stop: int
) -> list[sa.Row]:
    """One aggregate's leaf rows below ``stop``, in index order (by its index)."""
    leaves = evidence_leaves.c
    return list(
        conn.execute(
            sa.select(evidence_leaves)
            .where(
                leaves.tenant_id == tenant_id,
                leaves.originator_id == originator_id,
                leaves.leaf_index < stop,
            )
            .order_by(leaves.leaf_index)
        )
    )


def leaf_hashes(
    conn: sa.Connection, tenant_id: UUID, start: int, stop: int
) -> list[tuple[int, bytes]]:
    """(index, leaf hash) of the tenant's leaves with ``start <= index < stop``."""
    leaves = evidence_leaves.c
    rows = conn.execute(
        sa.select(leaves.leaf_index, leaves.leaf_hash)
        .where(
            leaves.tenant_id == tenant_id,
            leaves.leaf_index >= start,
            leaves.leaf_index < stop,
        )
        .order_by(leaves.leaf_index)
    )
    return [(index, bytes(digest)) for index, digest in rows]


def first_recorded(
    conn: sa.Connection, tenant_id: UUID, since: Any, until: Any, stop: int
) -> int | None:
    """The lowest index below ``stop`` of a leaf recorded in [since, until)."""
    leaves = evidence_leaves.c
    query = sa.select(sa.func.min(leaves.leaf_index)).where(
        leaves.tenant_id == tenant_id, leaves.leaf_index < stop
    )
    if since is not None:
        query = query.where(leaves.recorded_at >= since)
    if until is not None:
        query = query.where(leaves.recorded_at < until)
    return conn.execute(query).scalar_one_or_none()
