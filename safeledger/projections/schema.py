"""The SQLAlchemy metadata every read-model and platform table belongs to."""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

# Byte-order comparison, so range scans over materialized paths work on PostgreSQL
# whatever the database's locale; SQLite compares bytes already.
OrderedText = sa.String(255).with_variant(sa.String(255, collation="C"), "postgresql")

projection_tracking = sa.Table(
    "projection_tracking",
    metadata,
    sa.Column("projection", sa.String(64), primary_key=True),
    sa.Column("application", sa.String(64), primary_key=True),
    sa.Column("notification_id", sa.BigInteger, nullable=False),
)
