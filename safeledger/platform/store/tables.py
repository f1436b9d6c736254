"""Platform tables of the store: shard placement, idempotency keys, attachments."""

from __future__ import annotations

import sqlalchemy as sa

from safeledger.projections.schema import UTCDateTime, metadata

# A lookup, not a modulo, so a tenant can be moved to another shard later.
tenant_shards = sa.Table(
    "tenant_shards",
    metadata,
    sa.Column("tenant_id", sa.Uuid, primary_key=True),
    sa.Column("shard", sa.Integer, nullable=False, index=True),
)

# One row per (scope, key): NULL status while the first request is in flight, then
# its response, which a retry with the same key gets again.
idempotency_keys = sa.Table(
    "idempotency_keys",
    metadata,
    sa.Column("scope", sa.String(300), primary_key=True),
    sa.Column("key", sa.String(200), primary_key=True),
    sa.Column("request_digest", sa.String(64), nullable=False),
    sa.Column("status_code", sa.Integer),
    sa.Column("response", sa.Text),
    sa.Column("created_at", UTCDateTime, nullable=False),
)

# Content-addressed blobs: the same bytes are stored once, whoever uploads them.
attachments = sa.Table(
    "attachments",
    metadata,
    sa.Column("digest", sa.String(64), primary_key=True),
    sa.Column("size", sa.BigInteger, nullable=False),
    sa.Column("media_type", sa.String(100), nullable=False),
    sa.Column("stored_at", UTCDateTime, nullable=False),
)
