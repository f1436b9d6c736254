"""A job belongs to whoever asked for it.

Revision ID: security_job_requesters
Revises: evidence_witnesses
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "security_job_requesters"
down_revision = "evidence_witnesses"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("jobs") as batch:
        batch.add_column(sa.Column("requested_by", sa.Uuid))


def downgrade() -> None:
    with op.batch_alter_table("jobs") as batch:
        batch.drop_column("requested_by")
