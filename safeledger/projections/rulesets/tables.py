"""One row per published ruleset; published rules are never changed."""

from __future__ import annotations

import sqlalchemy as sa

from safeledger.projections.schema import UTCDateTime, metadata

rulesets = sa.Table(
    "rulesets",
    metadata,
    sa.Column("ruleset_id", sa.Uuid, primary_key=True),
    sa.Column("jurisdiction_id", sa.Uuid, nullable=False, index=True),
    sa.Column("effective_from", UTCDateTime, nullable=False),
    sa.Column("title", sa.String(200), nullable=False),
    sa.Column("rules", sa.JSON, nullable=False),
    sa.Column("recorded_at", UTCDateTime, nullable=False),
    sa.Column("actor", sa.String(200), nullable=False),
)
