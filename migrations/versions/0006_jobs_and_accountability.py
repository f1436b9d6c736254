"""Background work and oversight: job outbox and progress, webhooks and their
delivery log, per-user notification reads, accountability cases, notifications.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

UTC_DATETIME = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.add_column("jobs", sa.Column("progress", sa.Integer))
    op.create_table(
        "job_outbox",
        sa.Column("outbox_id", sa.Integer, autoincrement=True, nullable=False),
        sa.Column("queue", sa.String(32), nullable=False),
        sa.Column("function", sa.String(200), nullable=False),
        sa.Column("args", sa.Text, nullable=False),
        sa.Column("job_id", sa.String(64)),
        sa.Column("error", sa.Text, nullable=False),
        sa.Column("created_at", UTC_DATETIME, nullable=False),
        sa.Column("enqueued_at", UTC_DATETIME),
        sa.PrimaryKeyConstraint("outbox_id", name="pk_job_outbox"),
    )
    op.create_table(
        "webhooks",
        sa.Column("webhook_id", sa.Uuid, nullable=False),
        sa.Column("tenant_id", sa.Uuid, nullable=False),
        sa.Column("url", sa.String(2000), nullable=False),
        sa.Column("secret", sa.String(100), nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("created_at", UTC_DATETIME, nullable=False),
        sa.PrimaryKeyConstraint("webhook_id", name="pk_webhooks"),
    )
    op.create_index("ix_webhooks_tenant_id", "webhooks", ["tenant_id"])
    op.create_table(
        "webhook_deliveries",
        sa.Column("notification_key", sa.String(80), nullable=False),
        sa.Column("webhook_id", sa.Uuid, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("last_status_code", sa.Integer),
        sa.Column("last_error", sa.Text),
        sa.Column("next_attempt_at", UTC_DATETIME),
        sa.Column("lease_until", UTC_DATETIME),
        sa.Column("created_at", UTC_DATETIME, nullable=False),
        sa.Column("delivered_at", UTC_DATETIME),
        sa.PrimaryKeyConstraint(
            "notification_key", "webhook_id", name="pk_webhook_deliveries"
        ),
    )
    op.create_table(
        "notification_reads",
        sa.Column("user_id", sa.Uuid, nullable=False),
        sa.Column("notification_key", sa.String(80), nullable=False),
        sa.Column("read_at", UTC_DATETIME, nullable=False),
        sa.PrimaryKeyConstraint(
            "user_id", "notification_key", name="pk_notification_reads"
        ),
    )
    op.create_table(
        "accountability_cases",
        sa.Column("case_id", sa.Uuid, nullable=False),
        sa.Column("tenant_id", sa.Uuid, nullable=False),
        sa.Column("subject_kind", sa.String(32), nullable=False),
        sa.Column("subject_id", sa.Uuid, nullable=False),
        sa.Column("reason", sa.String(32), nullable=False),
        sa.Column("summary", sa.Text, nullable=False),
        sa.Column("automatic", sa.Boolean, nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("decision", sa.String(16)),
        sa.Column("opened_at", UTC_DATETIME, nullable=False),
        sa.Column("opened_by", sa.String(200), nullable=False),
        sa.Column("decided_at", UTC_DATETIME),
        sa.Column("decided_by", sa.String(200)),
        sa.Column("closed_at", UTC_DATETIME),
        sa.Column("closed_by", sa.String(200)),
        sa.Column("version", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("case_id", name="pk_accountability_cases"),
    )
    op.create_index(
        "ix_accountability_cases_tenant_id", "accountability_cases", ["tenant_id"]
    )
    op.create_table(
        "notifications",
        sa.Column("notification_key", sa.String(80), nullable=False),
        sa.Column("tenant_id", sa.Uuid, nullable=False),
        sa.Column("kind", sa.String(48), nullable=False),
        sa.Column("subject_id", sa.Uuid, nullable=False),
        sa.Column("aggregate_id", sa.Uuid, nullable=False),
        sa.Column("title", sa.String(400), nullable=False),
        sa.Column("detail", sa.JSON, nullable=False),
        sa.Column("created_at", UTC_DATETIME, nullable=False),
        sa.PrimaryKeyConstraint("notification_key", name="pk_notifications"),
    )
    op.create_index("ix_notifications_tenant_id", "notifications", ["tenant_id"])
    op.create_index("ix_notifications_created_at", "notifications", ["created_at"])


def downgrade() -> None:
    for table in (
        "notifications",
        "accountability_cases",
        "notification_reads",
        "webhook_deliveries",
        "webhooks",
        "job_outbox",
    ):
        op.drop_table(table)
    with op.batch_alter_table("jobs") as batch:
        batch.drop_column("progress")
