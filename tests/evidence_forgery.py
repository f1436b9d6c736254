"""Forging bundles as an operator with a key of their own would: re-sign everything."""

from __future__ import annotations

import base64
import hashlib
import json
import sqlite3
import zipfile
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import Any

import psycopg
import sqlalchemy as sa
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from safeledger.evidence import note
from safeledger.evidence.checkpoint import key_id
from safeledger.platform.evidence.keys import public_pem, raw_public
from safeledger.platform.projector import rebuild

Edit = Callable[[dict[str, bytes]], None]


def members(path: Path) -> dict[str, bytes]:
    """Every member of a bundle, by name, in order."""
    with zipfile.ZipFile(path) as bundle:
        return {name: bundle.read(name) for name in bundle.namelist()}


def write(path: Path, files: dict[str, bytes]) -> Path:
    """A zip of ``files``."""
    with zipfile.ZipFile(path, "w") as bundle:
        for name, data in files.items():
            bundle.writestr(name, data)
    return path


def public_key_file(path: Path, raw: bytes) -> Path:
    """A PEM file of a raw Ed25519 public key, as an inspector would pin it."""
    path.write_text(public_pem(raw))
    return path


def resign(
    source: Path,
    target: Path,
    key: Ed25519PrivateKey,
    edit: Edit | None = None,
    history: list[dict] | None = None,
    signed_at: str | None = None,
    cosignatures: tuple[str, ...] = (),
) -> Path:
    """The bundle re-signed with ``key``: checkpoint, key history and manifest.

    ``edit`` may change the files first (an event, a checkpoint line); the key
    history becomes ``history`` or just ``key`` with no hand-over; ``signed_at``
    back-dates the manifest; ``cosignatures`` are lines added to the note.
    """
    files = members(source)
    public = raw_public(key.public_key())
    kid = key_id(public)
    lines = files["checkpoint.txt"].decode().split("\n")
    lines[4] = f"key {kid}"
    files["checkpoint.txt"] = "\n".join(lines).encode()
    if edit is not None:
        edit(files)
    files["checkpoint.sig"] = key.sign(files["checkpoint.txt"])
    if "checkpoint.note" in files:
        text = files["checkpoint.txt"].decode()
        name = text.split("/tenants/")[0]
        lines = (note.sign(text, name, key), *map(note.parse_signature, cosignatures))
        files["checkpoint.note"] = note.Note(text, lines).format().encode()
    entry = {
        "key_id": kid,
        "algorithm": "Ed25519",
        "public_key": base64.b64encode(public).decode(),
        "public_key_pem": public_pem(public),
        "activated_at": "2000-01-01T00:00:00.000000Z",
        "retired_at": None,
        "endorsed_by": None,
        "endorsement_time": None,
        "endorsement": None,
    }
    history = history if history is not None else [entry]
    files = {n: d for n, d in files.items() if not n.startswith("keys/")}
    files["keys/history.json"] = json.dumps(history).encode()
    for item in history:
        files[f"keys/{item['key_id']}.pem"] = item["public_key_pem"].encode()
    manifest = json.loads(files["manifest.json"])
    manifest["signed_by"] = kid
    if signed_at is not None:
        manifest["signed_at"] = signed_at
    manifest["checkpoint"]["key_id"] = kid
    manifest["files"] = {
        name: {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
        for name, data in files.items()
        if name not in ("manifest.json", "manifest.sig")
    }
    files["manifest.json"] = json.dumps(manifest).encode()
    files["manifest.sig"] = key.sign(files["manifest.json"])
    return write(target, files)


def superuser(runtime) -> tuple[Any, str, str]:
    """A raw connection to shard 0's events that bypasses every trigger, as a
    superuser (PostgreSQL) or the file's owner (SQLite) has; and the table."""
    ledger = runtime.store.shard(0)
    table = ledger.recorder.events_table_name
    if runtime.settings.hosted:
        url = runtime.settings.database_url.set(drivername="postgresql")
        conn = psycopg.connect(url.render_as_string(hide_password=False))
        conn.execute("SET session_replication_role = replica")
        return conn, f'ledger_shard_0."{table}"', "%s"
    path = runtime.settings.event_store_env(0)["SQLITE_DBNAME"]
    return sqlite3.connect(path), table, "?"


def rewrite_history(
    runtime, *, drop_after: int | None = None, edit=None, keep_checkpoints=False
) -> None:
    """What an operator with full access can do: change or delete stored events
    behind the triggers, remove the published checkpoints, rebuild the ledger.

    ``drop_after`` deletes every event of version above it; ``edit`` is
    ``(version, old bytes, new bytes)`` replaced in that version's payload.
    """
    conn, table, p = superuser(runtime)
    with closing(conn):
        if drop_after is not None:
            conn.execute(
                f"DELETE FROM {table} WHERE originator_version > {p}", (drop_after,)
            )
        if edit is not None:
            version, old, new = edit
            [state] = conn.execute(
                f"SELECT state FROM {table} WHERE originator_version = {p}", (version,)
            ).fetchone()
            conn.execute(
                f"UPDATE {table} SET state = {p} WHERE originator_version = {p}",
                (bytes(state).replace(old, new), version),
            )
        conn.commit()
    if not keep_checkpoints:
        forget_checkpoints(runtime)
    rebuild(runtime.settings, runtime.engine, "ledger")


def forget_checkpoints(runtime) -> None:
    """Remove every published checkpoint and cosignature behind the triggers."""
    if runtime.settings.hosted:
        conn, _, _ = superuser(runtime)
        with closing(conn):
            conn.execute("TRUNCATE evidence_checkpoints")
            conn.commit()
        return
    with runtime.engine.begin() as conn:
        conn.execute(sa.text("DROP TRIGGER IF EXISTS evidence_checkpoints_no_delete"))
        conn.execute(sa.text("DELETE FROM evidence_checkpoints"))
