"""One versioned row per drill (see :mod:`safeledger.projections.versioned`)."""

from __future__ import annotations

import sqlalchemy as sa

from safeledger.projections.schema import UTCDateTime, metadata
from safeledger.projections.versioned import validity_columns

drill_log = sa.Table(
    "drill_log",
    metadata,
    sa.Column("drill_id", sa.Uuid, primary_key=True),
    sa.Column("tenant_id", sa.Uuid, nullable=False, index=True),
    sa.Column("kind", sa.String(32), nullable=False),
    sa.Column("state", sa.String(16), nullable=False),
    sa.Column("planned_on", sa.String(10), nullable=False),
    sa.Column("planned_at", UTCDateTime, nullable=False),
    sa.Column("held_at", UTCDateTime),
    # When the server recorded the holding: far after held_at means back-filled.
    sa.Column("held_recorded_at", UTCDateTime),
    sa.Column("participants", sa.Integer),
    sa.Column("duration_minutes", sa.Integer),
    sa.Column("evacuation_seconds", sa.Integer),
    sa.Column("summary_digest", sa.String(64)),
    sa.Column("photo_digests", sa.JSON, nullable=False),
    sa.Column("findings", sa.Integer, nullable=False),
    sa.Column("cancel_reason", sa.Text),
    *validity_columns(),
)
