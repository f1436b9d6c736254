"""Versioned rows per place and per assignment of each school's grid."""

from __future__ import annotations

import sqlalchemy as sa

from safeledger.projections.schema import UTCDateTime, metadata
from safeledger.projections.versioned import validity_columns

grid_places = sa.Table(
    "grid_places",
    metadata,
    sa.Column("place_id", sa.Uuid, primary_key=True),
    sa.Column("tenant_id", sa.Uuid, nullable=False, index=True),
    sa.Column("code", sa.String(64), nullable=False),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("kind", sa.String(32), nullable=False),
    sa.Column("parent_id", sa.Uuid),
    sa.Column("retired_at", UTCDateTime),
    *validity_columns(),
)

grid_assignments = sa.Table(
    "grid_assignments",
    metadata,
    sa.Column("assignment_id", sa.Uuid, primary_key=True),
    sa.Column("tenant_id", sa.Uuid, nullable=False, index=True),
    sa.Column("place_id", sa.Uuid, nullable=False),
    sa.Column("person", sa.String(200), nullable=False),
    sa.Column("role", sa.String(100), nullable=False),
    # Weekly slots as stored in the events; NULL means always.
    sa.Column("slots", sa.JSON),
    sa.Column("valid_from", UTCDateTime, nullable=False),
    sa.Column("valid_to", UTCDateTime),
    *validity_columns(),
)
