"""One versioned row per agreement (see :mod:`safeledger.projections.versioned`)."""

from __future__ import annotations

import sqlalchemy as sa

from safeledger.projections.schema import UTCDateTime, metadata
from safeledger.projections.versioned import validity_columns

agreement_coverage = sa.Table(
    "agreement_coverage",
    metadata,
    sa.Column("agreement_id", sa.Uuid, primary_key=True),
    # The issuer, whose ledger holds the agreement; a child tenant counterparty
    # sees it too, so there is no plain ``tenant_id`` (see queries.visible).
    sa.Column("issuer_id", sa.Uuid, nullable=False, index=True),
    sa.Column("counterparty_tenant_id", sa.Uuid, index=True),
    sa.Column("counterparty_kind", sa.String(16), nullable=False),
    sa.Column("counterparty_ref", sa.String(100), nullable=False, index=True),
    sa.Column("counterparty_name", sa.String(200), nullable=False),
    sa.Column("year", sa.Integer, nullable=False),
    sa.Column("generation", sa.Integer, nullable=False),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("issued_at", UTCDateTime, nullable=False),
    sa.Column("issuer_signed_at", UTCDateTime),
    sa.Column("counterparty_signed_at", UTCDateTime),
    *validity_columns(),
)
