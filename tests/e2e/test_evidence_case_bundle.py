"""A one-case bundle proves the case complete without revealing other records:
other leaves in its range are bare hashes, and a consistency proof stands in for
every later leaf of the tenant."""

from __future__ import annotations

import json

import pytest

from safeledger.evidence import verifier
from safeledger.platform.evidence.export import Scope, export
from tests.evidence_forgery import members, write
from tests.evidence_support import (
    ledgered,
    province,
    renames,
    signing_key,
    trusted_key,
)
from tests.sample_files import pdf

pytestmark = pytest.mark.usefixtures("operator", "signing_key")
__all__ = ["signing_key", "trusted_key"]


def attach(runtime, tenant_id, content: bytes):
    stored = runtime.blobs.put(pdf(label=content.decode()), 1_000_000)
    recorded = runtime.store.for_tenant(tenant_id).enter_attachment(
        tenant_id, sha256=stored.sha256, media_type=stored.media_type,
        size=stored.size, filename="x.pdf",
    )  # fmt: skip
    return recorded.aggregate_id


@pytest.fixture
def case_bundle(runtime, tmp_path):
    """A case (the tenant's own aggregate) between two other records' events."""
    tenant_id = province(runtime.store)
    inside = attach(runtime, tenant_id, b"inside")
    renames(runtime.store, tenant_id, 2)
    later = attach(runtime, tenant_id, b"later")
    ledgered(runtime)
    path = export(runtime, Scope(tenant_id, tenant_id), tmp_path / "case.zip").path
    return path, tenant_id, inside, later


@pytest.mark.parametrize("backend", ["sqlite"])
def test_a_case_bundle_verifies_without_revealing_other_records(
    case_bundle, trusted_key
):
    path, tenant_id, inside, later = case_bundle
    report = verifier.verify(path, trusted_key)
    assert report.faults == []
    assert any(
        f"case {tenant_id} versions 1..3 all present (leaves 0..3)" in note
        and "proven by consistency" in note
        for note in report.notes
    )
    files = members(path)
    leaves = files["leaves.jsonl"].decode().split("\n")[:-1]
    assert len(leaves) == 4  # the case's three events and one bare hash
    assert json.loads(leaves[1]).keys() == {"hash", "index"}
    everything = b"".join(files.values())
    assert str(inside).encode() not in everything
    assert str(later).encode() not in everything
    assert "proofs/suffix.json" in files


@pytest.mark.parametrize("backend", ["sqlite"])
@pytest.mark.parametrize("target", ["bare hash", "suffix proof"])
def test_a_changed_bare_hash_or_suffix_proof_fails(
    case_bundle, trusted_key, tmp_path, target
):
    files = members(case_bundle[0])
    if target == "bare hash":
        lines = files["leaves.jsonl"].decode().split("\n")
        record = json.loads(lines[1])
        record["hash"] = "00" * 32
        lines[1] = json.dumps(record, sort_keys=True, separators=(",", ":"))
        files["leaves.jsonl"] = "\n".join(lines).encode()
    else:
        suffix = json.loads(files["proofs/suffix.json"])
        suffix["proof"] = suffix["proof"][::-1] + suffix["proof"][:1]
        files["proofs/suffix.json"] = json.dumps(suffix).encode()
    report = verifier.verify(write(tmp_path / "t.zip", files), trusted_key)
    assert report.status == verifier.INVALID
    assert any(f.startswith("proofs/suffix.json") for f in report.faults)
