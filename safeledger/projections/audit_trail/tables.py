"""One row per event of every shard: when, whose ledger, who, what."""

from __future__ import annotations

import sqlalchemy as sa

from safeledger.projections.schema import UTCDateTime, metadata

audit_trail = sa.Table(
    "audit_trail",
    metadata,
    sa.Column("application", sa.String(64), primary_key=True),
    sa.Column("notification_id", sa.BigInteger, primary_key=True),
    sa.Column("recorded_at", UTCDateTime, nullable=False, index=True),
    sa.Column("tenant_id", sa.Uuid, index=True),
    sa.Column("actor", sa.String(200), nullable=False, index=True),
    sa.Column("request_id", sa.String(64)),
    # "<Aggregate>.<Event>", e.g. "Hazard.Assigned".
    sa.Column("event_type", sa.String(100), nullable=False, index=True),
    sa.Column("aggregate_id", sa.Uuid, nullable=False),
    sa.Column("aggregate_version", sa.Integer, nullable=False),
    sa.Column("summary", sa.Text, nullable=False),
)
