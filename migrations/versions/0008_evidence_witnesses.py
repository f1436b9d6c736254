"""Evidence beyond the operator: hand-overs accepted by the successor key,
witnesses' cosignatures, and TRUNCATE refused on every evidence table.

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

EVIDENCE_TABLES = (
    "evidence_keys",
    "evidence_checkpoints",
    "evidence_cosignatures",
    "evidence_leaves",
    "evidence_subtrees",
    "evidence_logs",
)


def upgrade() -> None:
    # The new key signs the hand-over text too, so a verifier that trusts the
    # current key can walk back to its predecessors.
    with op.batch_alter_table("evidence_keys") as batch:
        batch.add_column(sa.Column("acceptance", sa.LargeBinary(64)))
    op.create_table(
        "evidence_cosignatures",
        sa.Column("tenant_id", sa.Uuid, nullable=False),
        sa.Column("tree_size", sa.BigInteger, nullable=False, autoincrement=False),
        sa.Column("witness", sa.String(200), nullable=False),
        sa.Column("line", sa.Text, nullable=False),
        sa.Column("cosigned_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint(
            "tenant_id", "tree_size", "witness", name="pk_evidence_cosignatures"
        ),
    )
    postgresql = op.get_bind().dialect.name == "postgresql"
    if postgresql:
        # The ledger's own tables are rebuilt with DELETE; TRUNCATE is never
        # needed, and refusing it everywhere leaves no quick way to wipe evidence.
        for table in EVIDENCE_TABLES:
            op.execute(
                f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
                "FOR EACH STATEMENT EXECUTE FUNCTION safeledger_append_only()"
            )
        op.execute(
            "CREATE TRIGGER evidence_cosignatures_append_only BEFORE UPDATE OR "
            "DELETE ON evidence_cosignatures FOR EACH ROW "
            "EXECUTE FUNCTION safeledger_append_only()"
        )
        return
    for operation in ("UPDATE", "DELETE"):
        op.execute(
            f"CREATE TRIGGER evidence_cosignatures_no_{operation.lower()} "
            f"BEFORE {operation} ON evidence_cosignatures BEGIN SELECT "
            f"RAISE(ABORT, 'evidence_cosignatures is append-only: {operation} "
            "refused'); END"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in EVIDENCE_TABLES:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}")
    op.drop_table("evidence_cosignatures")
    with op.batch_alter_table("evidence_keys") as batch:
        batch.drop_column("acceptance")
