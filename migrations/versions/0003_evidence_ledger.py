"""Evidence ledger (leaves, subtree hashes, sizes), signing keys, checkpoints, jobs.

Published keys and checkpoints are append-only: triggers refuse UPDATE and DELETE.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

APPEND_ONLY = ("evidence_keys", "evidence_checkpoints")
Hash = sa.LargeBinary(32)


def upgrade() -> None:
    op.create_table(
        "evidence_leaves",
        sa.Column("tenant_id", sa.Uuid, nullable=False),
        sa.Column("leaf_index", sa.BigInteger, nullable=False, autoincrement=False),
        sa.Column("application", sa.String(64), nullable=False),
        sa.Column("notification_id", sa.BigInteger, nullable=False),
        sa.Column("originator_id", sa.Uuid, nullable=False),
        sa.Column("originator_version", sa.Integer, nullable=False),
        sa.Column("topic", sa.String(255), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("payload_sha256", Hash, nullable=False),
        sa.Column("leaf_hash", Hash, nullable=False),
        sa.PrimaryKeyConstraint("tenant_id", "leaf_index", name="pk_evidence_leaves"),
        sa.UniqueConstraint(
            "originator_id", "originator_version", name="uq_evidence_leaves_originator_id"
        ),
    )
    op.create_index(
        "ix_evidence_leaves_notification",
        "evidence_leaves",
        ["application", "notification_id"],
    )
    op.create_table(
        "evidence_subtrees",
        sa.Column("tenant_id", sa.Uuid, nullable=False),
        sa.Column("level", sa.SmallInteger, nullable=False, autoincrement=False),
        sa.Column("node_index", sa.BigInteger, nullable=False, autoincrement=False),
        sa.Column("hash", Hash, nullable=False),
        sa.PrimaryKeyConstraint(
            "tenant_id", "level", "node_index", name="pk_evidence_subtrees"
        ),
    )
    op.create_table(
        "evidence_logs",
        sa.Column("tenant_id", sa.Uuid, nullable=False),
        sa.Column("application", sa.String(64), nullable=False),
        sa.Column("tree_size", sa.BigInteger, nullable=False),
        sa.PrimaryKeyConstraint("tenant_id", name="pk_evidence_logs"),
    )
    op.create_table(
        "evidence_keys",
        sa.Column("key_id", sa.String(16), nullable=False),
        sa.Column("public_key", sa.LargeBinary(32), nullable=False),
        sa.Column("activated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("endorsed_by", sa.String(16)),
        sa.Column("endorsement_time", sa.String(40)),
        sa.Column("endorsement", sa.LargeBinary(64)),
        sa.PrimaryKeyConstraint("key_id", name="pk_evidence_keys"),
        sa.UniqueConstraint("activated_at", name="uq_evidence_keys_activated_at"),
    )
    op.create_table(
        "evidence_checkpoints",
        sa.Column("tenant_id", sa.Uuid, nullable=False),
        sa.Column("tree_size", sa.BigInteger, nullable=False, autoincrement=False),
        sa.Column("root", sa.LargeBinary(32), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("key_id", sa.String(16), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("signature", sa.LargeBinary(64), nullable=False),
        sa.PrimaryKeyConstraint("tenant_id", "tree_size", name="pk_evidence_checkpoints"),
    )
    op.create_table(
        "jobs",
        sa.Column("job_id", sa.String(36), nullable=False),
        sa.Column("function", sa.String(200), nullable=False),
        sa.Column("args", sa.Text, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("result", sa.Text),
        sa.Column("error", sa.Text),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True)),
        sa.PrimaryKeyConstraint("job_id", name="pk_jobs"),
    )
    for table in APPEND_ONLY:
        _refuse_changes(table)


def _refuse_changes(table: str) -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE OR REPLACE FUNCTION safeledger_append_only() RETURNS trigger "
            "LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION "
            "'% is append-only: % refused', TG_TABLE_NAME, TG_OP; END $$"
        )
        op.execute(
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION safeledger_append_only()"
        )
        return
    for operation in ("UPDATE", "DELETE"):
        op.execute(
            f"CREATE TRIGGER {table}_no_{operation.lower()} BEFORE {operation} "
            f"ON {table} BEGIN SELECT RAISE(ABORT, '{table} is append-only: "
            f"{operation} refused'); END"
        )


def downgrade() -> None:
    for table in (
        "jobs",
        "evidence_checkpoints",
        "evidence_keys",
        "evidence_logs",
        "evidence_subtrees",
        "evidence_leaves",
    ):
        op.drop_table(table)
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS safeledger_append_only()")
