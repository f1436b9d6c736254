"""Platform tables of the store: where each tenant's ledger lives."""

from __future__ import annotations

import sqlalchemy as sa

from safeledger.projections.schema import metadata

# A lookup, not a modulo, so a tenant can be moved to another shard later.
tenant_shards = sa.Table(
    "tenant_shards",
    metadata,
    sa.Column("tenant_id", sa.Uuid, primary_key=True),
    sa.Column("shard", sa.Integer, nullable=False, index=True),
)
