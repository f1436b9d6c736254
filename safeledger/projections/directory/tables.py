"""The directory's table: one row per tenant, with its path from the province."""

from __future__ import annotations

import sqlalchemy as sa

from safeledger.projections.schema import OrderedText, UTCDateTime, metadata

directory_tenants = sa.Table(
    "directory_tenants",
    metadata,
    sa.Column("tenant_id", sa.Uuid, primary_key=True),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("code", sa.String(32), nullable=False),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("school_type", sa.String(32)),
    sa.Column("boarding", sa.Boolean, nullable=False),
    sa.Column("active", sa.Boolean, nullable=False),
    sa.Column("parent_id", sa.Uuid, index=True),
    sa.Column("province_id", sa.Uuid, nullable=False),
    # "/<province>/<city>/.../<self>/" in hex; NULL while an ancestor's row has not
    # been projected yet (its events may sit in another shard, behind this one).
    sa.Column("path", OrderedText, index=True),
    sa.Column("depth", sa.Integer),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("registered_at", UTCDateTime, nullable=False),
    sa.Column("updated_at", UTCDateTime, nullable=False),
)
