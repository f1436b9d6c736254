"""Tenant directory, shard lookup and projection tracking.

Revision ID: 0001
Revises:
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

OrderedText = sa.String(255).with_variant(sa.String(255, collation="C"), "postgresql")


def upgrade() -> None:
    op.create_table(
        "projection_tracking",
        sa.Column("projection", sa.String(64), nullable=False),
        sa.Column("application", sa.String(64), nullable=False),
        sa.Column("notification_id", sa.BigInteger, nullable=False),
        sa.PrimaryKeyConstraint("projection", "application", name="pk_projection_tracking"),
    )
    op.create_table(
        "tenant_shards",
        sa.Column("tenant_id", sa.Uuid, nullable=False),
        sa.Column("shard", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("tenant_id", name="pk_tenant_shards"),
    )
    op.create_index("ix_tenant_shards_shard", "tenant_shards", ["shard"])
    op.create_table(
        "directory_tenants",
        sa.Column("tenant_id", sa.Uuid, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("code", sa.String(32), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("school_type", sa.String(32)),
        sa.Column("boarding", sa.Boolean, nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("parent_id", sa.Uuid),
        sa.Column("province_id", sa.Uuid, nullable=False),
        sa.Column("path", OrderedText),
        sa.Column("depth", sa.Integer),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("registered_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("tenant_id", name="pk_directory_tenants"),
    )
    op.create_index("ix_directory_tenants_parent_id", "directory_tenants", ["parent_id"])
    op.create_index("ix_directory_tenants_path", "directory_tenants", ["path"])


def downgrade() -> None:
    op.drop_table("directory_tenants")
    op.drop_table("tenant_shards")
    op.drop_table("projection_tracking")
