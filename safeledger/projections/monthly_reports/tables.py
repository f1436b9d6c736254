"""One versioned row per school and month reported."""

from __future__ import annotations

import sqlalchemy as sa

from safeledger.projections.schema import UTCDateTime, metadata
from safeledger.projections.versioned import validity_columns

monthly_reports = sa.Table(
    "monthly_reports",
    metadata,
    sa.Column("report_id", sa.Uuid, primary_key=True),
    sa.Column("tenant_id", sa.Uuid, nullable=False, index=True),
    sa.Column("month", sa.String(7), nullable=False),
    sa.Column("digest", sa.String(64), nullable=False),
    sa.Column("submitted_by", sa.String(200), nullable=False),
    # The first submission decides timeliness; amendments are kept beside it.
    sa.Column("submitted_at", UTCDateTime, nullable=False),
    sa.Column("amended_at", UTCDateTime),
    sa.Column("amendments", sa.Integer, nullable=False),
    sa.Column("figures", sa.JSON, nullable=False),
    *validity_columns(),
)
