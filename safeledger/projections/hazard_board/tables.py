"""One versioned row per hazard (see :mod:`safeledger.projections.versioned`)."""

from __future__ import annotations

import sqlalchemy as sa

from safeledger.projections.schema import UTCDateTime, metadata
from safeledger.projections.versioned import validity_columns

hazard_board = sa.Table(
    "hazard_board",
    metadata,
    sa.Column("hazard_id", sa.Uuid, primary_key=True),
    sa.Column("tenant_id", sa.Uuid, nullable=False, index=True),
    sa.Column("category", sa.String(32), nullable=False),
    sa.Column("severity", sa.String(16), nullable=False),
    sa.Column("description", sa.Text, nullable=False),
    sa.Column("place", sa.String(200)),
    sa.Column("state", sa.String(16), nullable=False),
    sa.Column("owner", sa.String(200)),
    sa.Column("supervisor", sa.String(200)),
    sa.Column("deadline", UTCDateTime),
    sa.Column("logged_at", UTCDateTime, nullable=False),
    # When the rectification that was (or may be) verified was reported.
    sa.Column("reported_at", UTCDateTime),
    sa.Column("verified_at", UTCDateTime),
    sa.Column("closed_at", UTCDateTime),
    sa.Column("escalated_to", sa.Uuid),
    sa.Column("escalated_at", UTCDateTime),
    sa.Column("deadline_extensions", sa.Integer, nullable=False),
    sa.Column("photo_digests", sa.JSON, nullable=False),
    *validity_columns(),
)
