"""Evidence beyond the operator: a key's hand-over is accepted by its successor.

Revision ID: evidence_witnesses
Revises: 0007
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "evidence_witnesses"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # The new key signs the hand-over text too, so a verifier that trusts the
    # current key can walk back to its predecessors.
    with op.batch_alter_table("evidence_keys") as batch:
        batch.add_column(sa.Column("acceptance", sa.LargeBinary(64)))


def downgrade() -> None:
    with op.batch_alter_table("evidence_keys") as batch:
        batch.drop_column("acceptance")
