"""Smaller faults are named for what they are: a forked ledger stops the export
with a message, failed proofs are not counted, a malformed signed file is
invalid (exit 1), not "cannot be checked"."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from safeledger.evidence import verifier
from safeledger.platform.cli import main
from safeledger.platform.evidence.export import Scope, export
from tests.evidence_forgery import members, rewrite_history, write
from tests.evidence_support import (
    ledgered,
    province,
    renames,
    signing_key,
    trusted_key,
)

pytestmark = pytest.mark.usefixtures("operator", "signing_key")
__all__ = ["signing_key", "trusted_key"]


@pytest.fixture
def tenant(runtime, tmp_path):
    """A tenant whose log was checkpointed at sizes 3, 5 and 7."""
    tenant_id = province(runtime.store)
    for count in (2, 2, 2):
        renames(runtime.store, tenant_id, count)
        ledgered(runtime)
        export(runtime, Scope(tenant_id), tmp_path / "step.zip")
    return tenant_id


@pytest.mark.parametrize("backend", ["sqlite"])
def test_exporting_after_a_forked_rebuild_names_the_fork(
    runtime, settings, tenant, tmp_path
):
    rewrite_history(runtime, drop_after=4, keep_checkpoints=True)
    env = {"SAFELEDGER_INSTANCE_PATH": str(settings.instance_path)}
    out = str(tmp_path / "x.zip")
    result = CliRunner().invoke(
        main, ["evidence", "export", "--tenant", str(tenant), "-o", out], env=env
    )
    assert result.exit_code == 1, result.output
    assert "holds 4 leaves, fewer than the 7 of the published checkpoint" in (
        result.output
    )
    assert "Traceback" not in result.output


@pytest.mark.parametrize("backend", ["sqlite"])
def test_failed_consistency_proofs_are_not_counted_as_consistent(
    runtime, tenant, trusted_key, tmp_path
):
    genuine = export(runtime, Scope(tenant), tmp_path / "b.zip").path
    files = members(genuine)
    lines = files["proofs/consistency.jsonl"].decode().split("\n")[:-1]
    assert len(lines) == 2
    records = [json.loads(line) for line in lines]
    for record in records:
        record["proof"] = [record["proof"][0]] * len(record["proof"])
    files["proofs/consistency.jsonl"] = "".join(
        json.dumps(r) + "\n" for r in records
    ).encode()
    report = verifier.verify(write(tmp_path / "t.zip", files), trusted_key)
    assert report.status == verifier.INVALID
    assert not any("consistent with" in note for note in report.notes)


@pytest.mark.parametrize("backend", ["sqlite"])
@pytest.mark.parametrize(
    ("name", "data"),
    [("checkpoint.txt", b"not\na checkpoint\n"), ("keys/history.json", b"{]")],
)
def test_a_malformed_signed_file_is_invalid_not_unusable(
    runtime, tenant, trusted_key, tmp_path, name, data
):
    files = members(export(runtime, Scope(tenant), tmp_path / "b.zip").path)
    files[name] = data
    report = verifier.verify(write(tmp_path / "t.zip", files), trusted_key)
    assert report.status == verifier.INVALID
    assert any(fault.startswith(name) for fault in report.faults)
