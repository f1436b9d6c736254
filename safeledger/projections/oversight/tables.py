"""Accountability cases as they stand, and one notification per notable event."""

from __future__ import annotations

import sqlalchemy as sa

from safeledger.projections.schema import UTCDateTime, metadata

accountability_cases = sa.Table(
    "accountability_cases",
    metadata,
    sa.Column("case_id", sa.Uuid, primary_key=True),
    sa.Column("tenant_id", sa.Uuid, nullable=False, index=True),
    sa.Column("subject_kind", sa.String(32), nullable=False),
    sa.Column("subject_id", sa.Uuid, nullable=False),
    sa.Column("reason", sa.String(32), nullable=False),
    sa.Column("summary", sa.Text, nullable=False),
    sa.Column("automatic", sa.Boolean, nullable=False),
    sa.Column("state", sa.String(16), nullable=False),
    sa.Column("decision", sa.String(16)),
    sa.Column("opened_at", UTCDateTime, nullable=False),
    sa.Column("opened_by", sa.String(200), nullable=False),
    sa.Column("decided_at", UTCDateTime),
    sa.Column("decided_by", sa.String(200)),
    sa.Column("closed_at", UTCDateTime),
    sa.Column("closed_by", sa.String(200)),
    sa.Column("version", sa.Integer, nullable=False),
)

# Keyed "{application}:{notification_id}" of the event that raised it: the
# idempotency key of everything sent about it (webhooks) outside this database.
notifications = sa.Table(
    "notifications",
    metadata,
    sa.Column("notification_key", sa.String(80), primary_key=True),
    sa.Column("tenant_id", sa.Uuid, nullable=False, index=True),
    sa.Column("kind", sa.String(48), nullable=False),
    sa.Column("subject_id", sa.Uuid, nullable=False),
    sa.Column("aggregate_id", sa.Uuid, nullable=False),
    sa.Column("title", sa.String(400), nullable=False),
    sa.Column("detail", sa.JSON, nullable=False),
    sa.Column("created_at", UTCDateTime, nullable=False, index=True),
)
