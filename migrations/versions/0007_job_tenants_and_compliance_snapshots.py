"""Jobs know their tenant and the action needed to see them; daily compliance
snapshots per (school, day).

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

UTC_DATETIME = sa.DateTime(timezone=True)


def upgrade() -> None:
    with op.batch_alter_table("jobs") as batch:
        batch.add_column(sa.Column("tenant_id", sa.Uuid))
        batch.add_column(sa.Column("action", sa.String(32)))
    op.create_table(
        "compliance_snapshots",
        sa.Column("tenant_id", sa.Uuid, nullable=False),
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("period", sa.String(16), nullable=False),
        sa.Column("status", sa.String(8), nullable=False),
        sa.Column("green", sa.Integer, nullable=False),
        sa.Column("amber", sa.Integer, nullable=False),
        sa.Column("red", sa.Integer, nullable=False),
        sa.Column("metrics", sa.JSON, nullable=False),
        sa.Column("taken_at", UTC_DATETIME, nullable=False),
        sa.PrimaryKeyConstraint("tenant_id", "day", name="pk_compliance_snapshots"),
    )


def downgrade() -> None:
    op.drop_table("compliance_snapshots")
    with op.batch_alter_table("jobs") as batch:
        batch.drop_column("action")
        batch.drop_column("tenant_id")
