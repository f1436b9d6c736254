"""Published evidence: the signing-key history and the signed checkpoints.

All three tables are append-only (triggers refuse UPDATE and DELETE, and on
PostgreSQL TRUNCATE): a key's validity ends when its successor's begins, a
checkpoint once published stays as published, and so does a witness's
cosignature of it.
"""

from __future__ import annotations

import sqlalchemy as sa

from safeledger.projections.schema import UTCDateTime, metadata

evidence_keys = sa.Table(
    "evidence_keys",
    metadata,
    sa.Column("key_id", sa.String(16), primary_key=True),
    sa.Column("public_key", sa.LargeBinary(32), nullable=False),
    sa.Column("activated_at", UTCDateTime, nullable=False, unique=True),
    # Signed by the predecessor over checkpoint.rotation_text; NULL for the first
    # key, or for a key put in place without the old one.
    sa.Column("endorsed_by", sa.String(16)),
    sa.Column("endorsement_time", sa.String(40)),
    sa.Column("endorsement", sa.LargeBinary(64)),
    # The same hand-over text signed by the new key, so that trust in the
    # current key walks back to the keys it replaced.
    sa.Column("acceptance", sa.LargeBinary(64)),
)

evidence_checkpoints = sa.Table(
    "evidence_checkpoints",
    metadata,
    sa.Column("tenant_id", sa.Uuid, primary_key=True),
    sa.Column("tree_size", sa.BigInteger, primary_key=True, autoincrement=False),
    sa.Column("root", sa.LargeBinary(32), nullable=False),
    sa.Column("published_at", UTCDateTime, nullable=False),
    sa.Column("key_id", sa.String(16), nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("signature", sa.LargeBinary(64), nullable=False),
)

# A witness's cosignature line (c2sp.org/tlog-cosignature) of a checkpoint.
evidence_cosignatures = sa.Table(
    "evidence_cosignatures",
    metadata,
    sa.Column("tenant_id", sa.Uuid, primary_key=True),
    sa.Column("tree_size", sa.BigInteger, primary_key=True, autoincrement=False),
    sa.Column("witness", sa.String(200), primary_key=True),
    sa.Column("line", sa.Text, nullable=False),
    sa.Column("cosigned_at", UTCDateTime, nullable=False),
)
