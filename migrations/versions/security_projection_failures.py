"""Projections that fail on an event are recorded, to be shown.

Revision ID: security_projection_failures
Revises: security_console_sessions
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "security_projection_failures"
down_revision = "security_console_sessions"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "projection_failures",
        sa.Column("projection", sa.String(64), nullable=False),
        sa.Column("application", sa.String(64), nullable=False),
        sa.Column("position", sa.BigInteger, nullable=False),
        sa.Column("error", sa.Text, nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("failed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint(
            "projection", "application", name="pk_projection_failures"
        ),
    )


def downgrade() -> None:
    op.drop_table("projection_failures")
