"""Tables of the evidence ledger: leaves, complete subtree hashes, tree sizes."""

from __future__ import annotations

import sqlalchemy as sa

from safeledger.projections.schema import UTCDateTime, metadata

Hash = sa.LargeBinary(32)

# One row per stored event, at its index in its tenant's log.
evidence_leaves = sa.Table(
    "evidence_leaves",
    metadata,
    sa.Column("tenant_id", sa.Uuid, primary_key=True),
    sa.Column("leaf_index", sa.BigInteger, primary_key=True, autoincrement=False),
    sa.Column("application", sa.String(64), nullable=False),
    sa.Column("notification_id", sa.BigInteger, nullable=False),
    sa.Column("originator_id", sa.Uuid, nullable=False),
    sa.Column("originator_version", sa.Integer, nullable=False),
    sa.Column("topic", sa.String(255), nullable=False),
    sa.Column("recorded_at", UTCDateTime, nullable=False),
    sa.Column("payload_sha256", Hash, nullable=False),
    sa.Column("leaf_hash", Hash, nullable=False),
    sa.UniqueConstraint("originator_id", "originator_version"),
    sa.Index("ix_evidence_leaves_notification", "application", "notification_id"),
)

# Every complete aligned subtree of 2**level leaves (level >= 1; level 0 is the
# leaf hash), so any proof needs O(log n) reads.
evidence_subtrees = sa.Table(
    "evidence_subtrees",
    metadata,
    sa.Column("tenant_id", sa.Uuid, primary_key=True),
    sa.Column("level", sa.SmallInteger, primary_key=True, autoincrement=False),
    sa.Column("node_index", sa.BigInteger, primary_key=True, autoincrement=False),
    sa.Column("hash", Hash, nullable=False),
)

# Each tenant's tree size, and the shard its events come from.
evidence_logs = sa.Table(
    "evidence_logs",
    metadata,
    sa.Column("tenant_id", sa.Uuid, primary_key=True),
    sa.Column("application", sa.String(64), nullable=False),
    sa.Column("tree_size", sa.BigInteger, nullable=False),
)
