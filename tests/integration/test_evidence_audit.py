"""The audit names every stored event changed, removed or inserted behind the ledger.

On PostgreSQL the events table refuses UPDATE and DELETE, so the tampering here
is a superuser's: triggers switched off with session_replication_role.
"""

from __future__ import annotations

import sqlite3
import uuid
from contextlib import closing

import psycopg
import pytest

from safeledger.platform.evidence import checkpoints
from safeledger.platform.evidence.audit import audit
from tests.evidence_support import ledgered, province, renames, signing_key

pytestmark = pytest.mark.usefixtures("operator", "signing_key")
__all__ = ["signing_key"]


def superuser(runtime):
    """A raw connection to shard 0's events table that bypasses its triggers."""
    ledger = runtime.store.shard(0)
    table = ledger.recorder.events_table_name
    if runtime.settings.hosted:
        url = runtime.settings.database_url.set(drivername="postgresql")
        conn = psycopg.connect(url.render_as_string(hide_password=False))
        conn.execute("SET session_replication_role = replica")
        return conn, f'ledger_shard_0."{table}"', "notification_id", "%s"
    path = runtime.settings.event_store_env(0)["SQLITE_DBNAME"]
    return sqlite3.connect(path), table, "rowid", "?"


def test_an_unchanged_store_passes_the_audit(runtime, settings):
    renames(runtime.store, province(runtime.store), 5)
    ledgered(runtime)
    checkpoints.publish(settings, runtime.engine)
    result = audit(runtime)
    assert (result.findings, result.events, result.checkpoints) == ([], 6, 1)


def test_the_audit_names_edited_deleted_and_inserted_events(runtime, settings):
    tenant_id = province(runtime.store)
    renames(runtime.store, tenant_id, 9)
    ledgered(runtime)
    checkpoints.publish(settings, runtime.engine)
    conn, table, position, p = superuser(runtime)
    with closing(conn):
        state = conn.execute(
            f"SELECT state FROM {table} WHERE originator_version = 2"
        ).fetchone()[0]
        conn.execute(
            f"UPDATE {table} SET state = {p} WHERE originator_version = 3",
            (bytes(state).replace("名称".encode(), "改名".encode()),),
        )
        conn.execute(f"DELETE FROM {table} WHERE originator_version = 5")
        forged = uuid.uuid4()
        conn.execute(
            f"INSERT INTO {table} ({position}, originator_id, originator_version, "
            f"topic, state) VALUES (0, {p}, 1, {p}, {p})",
            (str(forged), "safeledger.tenants.hierarchy:Tenant.Renamed", state),
        )
        conn.commit()

    found = [str(f) for f in audit(runtime).findings]
    assert any(
        f.startswith("changed") and f"{tenant_id} version 3" in f and "payload" in f
        for f in found
    ), found
    assert any(f.startswith("removed") and f"{tenant_id} version 5" in f for f in found)
    assert any(f.startswith("inserted") and str(forged) in f for f in found), found
    assert any(f.startswith("checkpoint") and "size 10" in f for f in found), found


@pytest.mark.parametrize(
    "backend", [pytest.param("postgres", marks=pytest.mark.postgres)]
)
def test_postgresql_refuses_to_update_or_delete_stored_events(runtime, backend):
    province(runtime.store)
    table = runtime.store.shard(0).recorder.events_table_name
    url = runtime.settings.database_url.set(drivername="postgresql")
    with psycopg.connect(url.render_as_string(hide_password=False)) as conn:
        for statement in (
            f'UPDATE ledger_shard_0."{table}" SET state = state',
            f'DELETE FROM ledger_shard_0."{table}"',
            f'TRUNCATE ledger_shard_0."{table}"',
        ):
            with pytest.raises(psycopg.Error, match="append-only"):
                conn.execute(statement)
            conn.rollback()
