"""Stored events are never changed: PostgreSQL refuses UPDATE, DELETE, TRUNCATE.

Installed on every shard's events table by ``safeledger migrate``. A
superuser can still switch the trigger off; ``safeledger evidence audit`` finds
what was done while it was off.
"""

from __future__ import annotations

import sqlalchemy as sa

FUNCTION = """
CREATE OR REPLACE FUNCTION "{schema}".safeledger_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'stored events are append-only: % on %.% refused',
        TG_OP, TG_TABLE_SCHEMA, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END $$
"""
TRIGGERS = (
    ("events_append_only", "BEFORE UPDATE OR DELETE", "FOR EACH ROW"),
    ("events_no_truncate", "BEFORE TRUNCATE", "FOR EACH STATEMENT"),
)


def protect(conn: sa.Connection, schema: str, table: str) -> None:
    """Install the refusing triggers on ``schema.table`` (idempotent)."""
    conn.execute(sa.text(FUNCTION.format(schema=schema)))
    for name, when, each in TRIGGERS:
        conn.execute(
            sa.text(
                f'CREATE OR REPLACE TRIGGER {name} {when} ON "{schema}"."{table}" '
                f'{each} EXECUTE FUNCTION "{schema}".safeledger_refuse_change()'
            )
        )
