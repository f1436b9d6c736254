"""The grants table: one row per (user, tenant, role)."""

from __future__ import annotations

import sqlalchemy as sa

from safeledger.projections.schema import UTCDateTime, metadata

role_grants = sa.Table(
    "role_grants",
    metadata,
    sa.Column("grant_id", sa.Uuid, primary_key=True),
    sa.Column("user_id", sa.Uuid, nullable=False, index=True),
    sa.Column("tenant_id", sa.Uuid, nullable=False, index=True),
    sa.Column("role", sa.String(32), nullable=False),
    sa.Column("active", sa.Boolean, nullable=False),
    sa.Column("expires_at", UTCDateTime),
    sa.Column("granted_by", sa.String(200), nullable=False),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("updated_at", UTCDateTime, nullable=False),
)
