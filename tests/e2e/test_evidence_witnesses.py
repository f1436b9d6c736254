"""Two witnesses, each its own process with its own key and SQLite file, cosign
the platform's checkpoints; once the operator rewrites the store behind the
triggers, both refuse every later checkpoint, and every later bundle fails
``safeledger-verify --min-witnesses 1``."""

from __future__ import annotations

import dataclasses
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import psycopg
import pytest

from safeledger.evidence import note
from safeledger.platform.evidence.export import Scope, export
from safeledger.platform.evidence.keys import load_signer
from safeledger.platform.migrate import migrate
from safeledger.platform.runtime import Runtime
from tests.evidence_forgery import public_key_file, rewrite_history
from tests.evidence_support import ledgered, province, renames, signing_key

pytestmark = pytest.mark.usefixtures("operator", "signing_key")
__all__ = ["signing_key"]

BIN = Path(sys.executable).parent
POSTGRES = [pytest.param("postgres", marks=pytest.mark.postgres)]


def start_witness(
    folder: Path, name: str, log_vkey: str
) -> tuple[subprocess.Popen, str]:
    """``safeledger witness keygen`` and ``serve`` on a free port; (process, vkey)."""
    key = folder / f"{name}.pem"
    made = subprocess.run(
        [BIN / "safeledger", "witness", "keygen", "--key", key, "--name", name],
        capture_output=True, text=True, check=True, cwd=folder,
    )  # fmt: skip
    vkey = made.stdout.strip()
    process = subprocess.Popen(
        [BIN / "safeledger", "witness", "serve", "--key", key, "--name", name,
         "--db", folder / f"{name}.sqlite", "--log-key", log_vkey, "--port", "0"],
        stdout=subprocess.PIPE, text=True, cwd=folder,
    )  # fmt: skip
    assert process.stdout is not None
    url = process.stdout.readline().split(" on ")[-1].strip()
    assert url.startswith("http://127.0.0.1:"), url
    return process, f"{url} {vkey}"


@pytest.fixture
def witnessed(settings, tmp_path) -> Iterator[tuple[Runtime, list[str], Path]]:
    """A runtime whose checkpoints go to two witness processes."""
    signer = load_signer(settings)
    log_vkey = note.VerifierKey(
        settings.evidence_origin, note.ED25519, signer.public_key
    ).vkey()
    processes, entries = [], []
    try:
        for name in ("jyt.example/w1", "city.example/w2"):
            process, entry = start_witness(tmp_path, name, log_vkey)
            processes.append(process)
            entries.append(entry)
        configured = dataclasses.replace(settings, witnesses=tuple(
            tuple(entry.split(" ")) for entry in entries
        ))  # fmt: skip
        runtime = Runtime(configured)
        migrate(configured, runtime.engine)
        try:
            yield runtime, [entry.split(" ")[1] for entry in entries], tmp_path
        finally:
            runtime.close()
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=10)
            if process.stdout is not None:
                process.stdout.close()


def verify(bundle: Path, key: Path, vkeys: list[str], minimum: int):
    witnesses = [arg for vkey in vkeys for arg in ("--witness-key", vkey)]
    return subprocess.run(
        [BIN / "safeledger-verify", bundle, "--trusted-key", key, *witnesses,
         "--min-witnesses", str(minimum)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip


def refusals(folder: Path, name: str) -> list[int]:
    with closing(sqlite3.connect(folder / f"{name}.sqlite")) as conn:
        return [row[0] for row in conn.execute("SELECT status FROM refused")]


@pytest.mark.parametrize("backend", POSTGRES)
def test_witnesses_cosign_until_the_store_is_rewritten_then_refuse(witnessed, settings):
    runtime, vkeys, folder = witnessed
    key = public_key_file(folder / "platform.pem", load_signer(settings).public_key)
    tenant_id = province(runtime.store)
    renames(runtime.store, tenant_id, 5)
    ledgered(runtime)
    genuine = [export(runtime, Scope(tenant_id), folder / "a.zip").path]
    renames(runtime.store, tenant_id, 3)
    ledgered(runtime)
    genuine.append(export(runtime, Scope(tenant_id), folder / "b.zip").path)
    for bundle in genuine:
        done = verify(bundle, key, vkeys, 2)
        assert done.returncode == 0, done.stdout
        assert "cosigned by witness jyt.example/w1" in done.stdout

    # The operator's rewrite: triggers off (superuser), "改名" for "名称" in one
    # event, the checkpoints and cosignatures truncated, the ledger rebuilt.
    rewrite_history(runtime, edit=(3, "名称".encode(), "改名".encode()))
    rewritten = [export(runtime, Scope(tenant_id), folder / "c.zip").path]
    renames(runtime.store, tenant_id, 2)
    ledgered(runtime)
    rewritten.append(export(runtime, Scope(tenant_id), folder / "d.zip").path)

    for bundle in rewritten:
        # Signed by the platform key, so without witnesses it would pass ...
        assert verify(bundle, key, vkeys, 0).returncode == 0
        # ... but no witness cosigned it.
        done = verify(bundle, key, vkeys, 1)
        assert done.returncode == 1, done.stdout
        assert "cosigned by 0 of the 1 witnesses required" in done.stdout
    for name in ("jyt.example/w1", "city.example/w2"):
        assert refusals(folder, name) == [422, 422]


@pytest.mark.parametrize("backend", POSTGRES)
def test_postgresql_refuses_truncate_on_every_evidence_table(runtime, settings):
    url = settings.database_url.set(drivername="postgresql")
    tables = (
        "evidence_keys", "evidence_checkpoints", "evidence_cosignatures",
        "evidence_leaves", "evidence_subtrees", "evidence_logs",
    )  # fmt: skip
    with psycopg.connect(url.render_as_string(hide_password=False)) as conn:
        for table in tables:
            with pytest.raises(psycopg.Error, match="append-only"):
                conn.execute(f"TRUNCATE {table}")
            conn.rollback()
