"""The SQLAlchemy metadata every read-model and platform table belongs to."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

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


class UTCDateTime(sa.TypeDecorator[datetime]):
    """Aware datetimes in, aware UTC datetimes out, on SQLite as on PostgreSQL."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(
        self, value: datetime | None, dialect: Any
    ) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("read models store timezone-aware datetimes only")
        return value.astimezone(UTC)

    def process_result_value(
        self, value: datetime | None, dialect: Any
    ) -> datetime | None:
        if value is None:
            return None
        # SQLite hands back naive values; they were stored as UTC.
        return (
            value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
        )


projection_tracking = sa.Table(
    "projection_tracking",
    metadata,
    sa.Column("projection", sa.String(64), primary_key=True),
    sa.Column("application", sa.String(64), primary_key=True),
    sa.Column("notification_id", sa.BigInteger, nullable=False),
)


@contextmanager
def write_transaction(engine: sa.Engine) -> Iterator[sa.Connection]:
    """A transaction that will write: on SQLite it takes the write lock up front.

    A deferred SQLite transaction that reads and then writes fails at once, with
    no waiting, if another writer committed in between; BEGIN IMMEDIATE waits.
    """
    with (
        engine.connect().execution_options(sqlite_immediate=True) as conn,
        conn.begin(),
    ):
        yield conn
