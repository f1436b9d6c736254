"""``safeledger evidence`` and ``safeledger-verify`` as an inspector runs them."""

from __future__ import annotations

import base64
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from safeledger.platform.cli import main
from safeledger.platform.evidence import checkpoints
from safeledger.platform.evidence.keys import load_signer
from safeledger.platform.runtime import Runtime
from safeledger.tenants import context
from tests.evidence_forgery import public_key_file
from tests.evidence_support import province, renames

VERIFY = str(Path(sys.executable).with_name("safeledger-verify"))


@pytest.fixture
def store(settings, tmp_path):
    """A migrated embedded store with one tenant of 30 events; yields the tenant."""
    env = {"SAFELEDGER_INSTANCE_PATH": str(settings.instance_path)}
    assert run(env, "migrate").exit_code == 0
    runtime = Runtime(settings)
    with context.acting_as("test:operator"):
        tenant_id = province(runtime.store)
        renames(runtime.store, tenant_id, 29)
    runtime.close()
    return env, tenant_id


def run(env: dict[str, str], *args: str):
    return CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)


def verify(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([VERIFY, *args], capture_output=True, text=True, check=False)


@pytest.mark.parametrize("backend", ["sqlite"])
def test_an_exported_case_verifies_offline_with_exit_status_zero(
    store, settings, tmp_path
):
    env, tenant_id = store
    out = tmp_path / "case.zip"
    result = run(
        env, "evidence", "export", "--tenant", str(tenant_id),
        "--aggregate", str(tenant_id), "-o", str(out),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "30 event(s)" in result.output
    # The key comes from the platform, never from inside the bundle.
    key = public_key_file(tmp_path / "platform.pem", load_signer(settings).public_key)
    done = verify(str(out), "--trusted-key", str(key))
    assert done.returncode == 0, done.stdout
    assert "versions 1..30 all present; version 30 is its head" in done.stdout


@pytest.mark.parametrize("backend", ["sqlite"])
def test_the_verifier_copied_out_of_a_bundle_runs_on_its_own(store, settings, tmp_path):
    env, tenant_id = store
    out = tmp_path / "t.zip"
    run(env, "evidence", "export", "--tenant", str(tenant_id), "-o", str(out))
    with zipfile.ZipFile(out) as bundle:
        (tmp_path / "alone.py").write_bytes(bundle.read("safeledger_verify.py"))
    # -I: isolated mode, so nothing of SafeLedger can be imported by accident.
    key = public_key_file(tmp_path / "platform.pem", load_signer(settings).public_key)
    done = subprocess.run(
        [sys.executable, "-I", str(tmp_path / "alone.py"), str(out),
         "--trusted-key", str(key)],
        capture_output=True, text=True, check=False, cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("backend", ["sqlite"])
def test_a_wrong_trusted_key_is_invalid_and_a_non_bundle_is_unusable(store, tmp_path):
    env, tenant_id = store
    out = tmp_path / "t.zip"
    run(env, "evidence", "export", "--tenant", str(tenant_id), "-o", str(out))
    stranger = tmp_path / "stranger.key"
    stranger.write_text(base64.b64encode(b"\x01" * 32).decode())
    invalid = verify(str(out), "--trusted-key", str(stranger))
    assert invalid.returncode == 1
    assert "INVALID: manifest.json: signed by key" in invalid.stdout
    (tmp_path / "junk.zip").write_bytes(b"not a zip")
    assert verify(str(tmp_path / "junk.zip")).returncode == 2


@pytest.mark.parametrize("backend", ["sqlite"])
def test_a_known_checkpoint_is_extended_and_a_rewritten_one_is_caught(
    store, settings, tmp_path
):
    env, tenant_id = store
    first = tmp_path / "first.zip"
    run(env, "evidence", "export", "--tenant", str(tenant_id), "-o", str(first))
    runtime = Runtime(settings)
    with context.acting_as("test:operator"):
        renames(runtime.store, tenant_id, 5)
    with runtime.engine.connect() as conn:
        [saved], _ = checkpoints.listing(conn, tenant_id)
    runtime.close()
    known = tmp_path / "known.json"
    signature = base64.b64encode(bytes(saved.signature)).decode()
    known.write_text(json.dumps({"text": saved.text, "signature": signature}))
    later = tmp_path / "later.zip"
    run(env, "evidence", "export", "--tenant", str(tenant_id), "--aggregate",
        str(tenant_id), "-o", str(later))  # fmt: skip
    key = public_key_file(tmp_path / "platform.pem", load_signer(settings).public_key)
    done = verify(
        str(later), "--known-checkpoint", str(known), "--trusted-key", str(key)
    )
    assert done.returncode == 0, done.stdout
    assert "extends the known checkpoint of size 30" in done.stdout


@pytest.mark.parametrize("backend", ["sqlite"])
def test_audit_and_sign_report_through_the_command_line(store):
    env, _ = store
    signed = run(env, "evidence", "sign")
    assert signed.output.strip() == "published 1 checkpoint(s)"
    audited = run(env, "evidence", "audit")
    assert audited.exit_code == 0
    assert "30 stored event(s) and 1 checkpoint(s): 0 finding(s)" in audited.output
