"""Two validly signed checkpoints that cannot both be true prove the log was
rewritten: the verifier says so (exit 1), rather than that it cannot check."""

from __future__ import annotations

import base64
import json

import pytest

from safeledger.evidence import verifier
from safeledger.platform.evidence import checkpoints, witnesses
from safeledger.platform.evidence.export import Scope, export
from tests.evidence_forgery import rewrite_history
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
def known(runtime, tmp_path):
    """A tenant of seven events whose checkpoint an inspector saved; yields both."""
    tenant_id = province(runtime.store)
    renames(runtime.store, tenant_id, 6)
    ledgered(runtime)
    export(runtime, Scope(tenant_id), tmp_path / "first.zip")
    with runtime.engine.connect() as conn:
        saved = checkpoints.latest(conn, tenant_id)
    path = tmp_path / "known.json"
    signature = base64.b64encode(bytes(saved.signature)).decode()
    path.write_text(json.dumps({"text": saved.text, "signature": signature}))
    return tenant_id, path


def check(bundle, trusted_key, known_path) -> verifier.Report:
    return verifier.verify(bundle, trusted_key, known_path)


@pytest.mark.parametrize("backend", ["sqlite"])
def test_a_log_shrunk_below_a_known_earlier_checkpoint_is_proof_of_rewriting(
    runtime, known, trusted_key, tmp_path
):
    tenant_id, saved = known
    rewrite_history(runtime, drop_after=4)
    bundle = export(runtime, Scope(tenant_id), tmp_path / "after.zip").path
    report = check(bundle, trusted_key, saved)
    assert report.status == verifier.INVALID
    fault = report.faults[0]
    assert "proof of rewriting" in fault and "size 7" in fault and "size 4" in fault


@pytest.mark.parametrize("backend", ["sqlite"])
def test_a_changed_event_under_a_known_checkpoint_is_proof_of_rewriting(
    runtime, known, trusted_key, tmp_path
):
    tenant_id, saved = known
    rewrite_history(runtime, edit=(3, "名称".encode(), "改名".encode()))
    bundle = export(runtime, Scope(tenant_id), tmp_path / "after.zip").path
    report = check(bundle, trusted_key, saved)
    assert report.status == verifier.INVALID
    assert "proof of rewriting" in report.faults[0]
    assert "size 7" in report.faults[0]


@pytest.mark.parametrize("backend", ["sqlite"])
def test_an_older_smaller_bundle_is_not_a_rewrite_but_cannot_be_checked(
    runtime, known, trusted_key, tmp_path
):
    tenant_id, _ = known
    early = tmp_path / "first.zip"
    renames(runtime.store, tenant_id, 2)
    ledgered(runtime)
    export(runtime, Scope(tenant_id), tmp_path / "later.zip")
    with runtime.engine.connect() as conn:
        newer = checkpoints.latest(conn, tenant_id)
    path = tmp_path / "newer.json"
    signature = base64.b64encode(bytes(newer.signature)).decode()
    path.write_text(json.dumps({"text": newer.text, "signature": signature}))
    with pytest.raises(verifier.Unusable, match="newer than the bundle"):
        check(early, trusted_key, path)


@pytest.mark.parametrize("backend", ["sqlite"])
def test_a_checkpoint_mirrored_from_the_public_feed_serves_as_known(
    runtime, settings, known, trusted_key, tmp_path
):
    tenant_id, _ = known
    with runtime.engine.connect() as conn:
        mirrored = witnesses.signed_note(
            settings, conn, checkpoints.latest(conn, tenant_id)
        )
    path = tmp_path / "mirrored.note"
    path.write_text(mirrored)
    renames(runtime.store, tenant_id, 2)
    ledgered(runtime)
    later = export(runtime, Scope(tenant_id), tmp_path / "later.zip").path
    report = check(later, trusted_key, path)
    assert report.faults == []
    assert "extends the known checkpoint of size 7" in report.notes
    rewrite_history(runtime, drop_after=4)
    shrunk = export(runtime, Scope(tenant_id), tmp_path / "shrunk.zip").path
    assert "proof of rewriting" in check(shrunk, trusted_key, path).faults[0]
