"""Rows with a recorded validity, so a read model answers "as of" any moment.

A versioned row is never updated in place: an event that changes it closes the
current version (``recorded_to`` = the event's recorded-at) and inserts the next
(``recorded_from`` = the same). A query as of T selects the versions recorded by
T and not yet replaced at T: exactly what the read model held once every event
recorded by T was projected. Each row's versions come from its own aggregate's
events, which one shard orders totally, so a rebuild equals the incremental
result however the shards' runners interleave.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa

from safeledger.projections.schema import UTCDateTime


def validity_columns() -> list[sa.Column[Any]]:
    """The columns every versioned table has besides its own."""
    return [
        sa.Column("version", sa.Integer, primary_key=True),
        sa.Column("recorded_from", UTCDateTime, nullable=False),
        sa.Column("recorded_to", UTCDateTime, index=True),
    ]


def valid_at(table: sa.Table, as_of: datetime | None) -> sa.ColumnElement[bool]:
    """SQL: the versions in force at ``as_of`` (None: the current ones)."""
    if as_of is None:
        return table.c.recorded_to.is_(None)
    return sa.and_(
        table.c.recorded_from <= as_of,
        sa.or_(table.c.recorded_to.is_(None), table.c.recorded_to > as_of),
    )


def start(conn: sa.Connection, table: sa.Table, event: Any, **values: Any) -> None:
    """Insert the first version of a row, from ``event`` on."""
    conn.execute(
        sa.insert(table).values(
            version=event.originator_version,
            recorded_from=event.timestamp,
            recorded_to=None,
            **values,
        )
    )


def revise(
    conn: sa.Connection,
    table: sa.Table,
    key: tuple[str, Any],
    event: Any,
    **changes: Any,
) -> dict[str, Any]:
    """Close the row's current version and insert the next with ``changes``."""
    column = table.c[key[0]]
    current = conn.execute(
        sa.select(table).where(column == key[1], table.c.recorded_to.is_(None))
    ).one()
    conn.execute(
        sa.update(table)
        .where(column == key[1], table.c.version == current.version)
        .values(recorded_to=event.timestamp)
    )
    values = {**current._asdict(), **changes}
    values.update(
        version=event.originator_version,
        recorded_from=event.timestamp,
        recorded_to=None,
    )
    conn.execute(sa.insert(table).values(**values))
    return values


def current(conn: sa.Connection, table: sa.Table, key: tuple[str, Any]) -> sa.Row[Any]:
    """The current version of a row."""
    return conn.execute(
        sa.select(table).where(table.c[key[0]] == key[1], table.c.recorded_to.is_(None))
    ).one()
