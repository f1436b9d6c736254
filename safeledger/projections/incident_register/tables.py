"""One versioned row per incident (see :mod:`safeledger.projections.versioned`)."""

from __future__ import annotations

import sqlalchemy as sa

from safeledger.projections.schema import UTCDateTime, metadata
from safeledger.projections.versioned import validity_columns

incident_register = sa.Table(
    "incident_register",
    metadata,
    sa.Column("incident_id", sa.Uuid, primary_key=True),
    sa.Column("tenant_id", sa.Uuid, nullable=False, index=True),
    sa.Column("category", sa.String(32), nullable=False),
    sa.Column("severity", sa.String(32), nullable=False),
    sa.Column("description", sa.Text, nullable=False),
    sa.Column("occurred_at", UTCDateTime, nullable=False),
    # The server's clock at the first report and at the written report.
    sa.Column("reported_at", UTCDateTime, nullable=False),
    sa.Column("channel", sa.String(16), nullable=False),
    sa.Column("written_report_at", UTCDateTime),
    sa.Column("deaths", sa.Integer, nullable=False),
    sa.Column("injuries", sa.Integer, nullable=False),
    sa.Column("closed_at", UTCDateTime),
    *validity_columns(),
)
