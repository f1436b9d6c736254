"""Platform tables of background work: recorded jobs, the enqueue outbox, webhooks,
deliveries, notification reads, and the daily compliance snapshots."""

from __future__ import annotations

import sqlalchemy as sa

from safeledger.projections.schema import UTCDateTime, metadata

# Jobs whose status, progress and result any process can report on.
jobs = sa.Table(
    "jobs",
    metadata,
    sa.Column("job_id", sa.String(36), primary_key=True),
    sa.Column("function", sa.String(200), nullable=False),
    sa.Column("args", sa.Text, nullable=False),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("result", sa.Text),
    sa.Column("error", sa.Text),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("finished_at", UTCDateTime),
    sa.Column("progress", sa.Integer),  # percent done, while running
    # The tenant a job works for, and the action one needs there to see it.
    sa.Column("tenant_id", sa.Uuid),
    sa.Column("action", sa.String(32)),
    # Who asked: a job's status and file are theirs alone (it holds their view).
    sa.Column("requested_by", sa.Uuid),
)

# Jobs that could not be put on their queue (Redis down): kept here, re-enqueued.
job_outbox = sa.Table(
    "job_outbox",
    metadata,
    sa.Column("outbox_id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("queue", sa.String(32), nullable=False),
    sa.Column("function", sa.String(200), nullable=False),
    sa.Column("args", sa.Text, nullable=False),
    sa.Column("job_id", sa.String(64)),
    sa.Column("error", sa.Text, nullable=False),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("enqueued_at", UTCDateTime),
)

webhooks = sa.Table(
    "webhooks",
    metadata,
    sa.Column("webhook_id", sa.Uuid, primary_key=True),
    sa.Column("tenant_id", sa.Uuid, nullable=False, index=True),
    sa.Column("url", sa.String(2000), nullable=False),
    sa.Column("secret", sa.String(100), nullable=False),
    sa.Column("active", sa.Boolean, nullable=False),
    sa.Column("created_at", UTCDateTime, nullable=False),
)

# One row per (notification, webhook): the delivery log.
webhook_deliveries = sa.Table(
    "webhook_deliveries",
    metadata,
    sa.Column("notification_key", sa.String(80), primary_key=True),
    sa.Column("webhook_id", sa.Uuid, primary_key=True),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("attempts", sa.Integer, nullable=False),
    sa.Column("last_status_code", sa.Integer),
    sa.Column("last_error", sa.Text),
    sa.Column("next_attempt_at", UTCDateTime),
    sa.Column("lease_until", UTCDateTime),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("delivered_at", UTCDateTime),
)

# Which notifications each user has read (the bell's unread count).
notification_reads = sa.Table(
    "notification_reads",
    metadata,
    sa.Column("user_id", sa.Uuid, primary_key=True),
    sa.Column("notification_key", sa.String(80), primary_key=True),
    sa.Column("read_at", UTCDateTime, nullable=False),
)

# One row per (school, day): the figures the daily snapshot job took that day.
compliance_snapshots = sa.Table(
    "compliance_snapshots",
    metadata,
    sa.Column("tenant_id", sa.Uuid, primary_key=True),  # the school
    sa.Column("day", sa.Date, primary_key=True),
    sa.Column("period", sa.String(16), nullable=False),
    sa.Column("status", sa.String(8), nullable=False),
    sa.Column("green", sa.Integer, nullable=False),
    sa.Column("amber", sa.Integer, nullable=False),
    sa.Column("red", sa.Integer, nullable=False),
    sa.Column("metrics", sa.JSON, nullable=False),
    sa.Column("taken_at", UTCDateTime, nullable=False),
)
