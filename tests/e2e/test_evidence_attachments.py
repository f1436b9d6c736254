"""Attachments are inside the evidence: the audit checks every referenced blob,
and a bundle without one is invalid unless a recorded decision withheld it."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from safeledger.evidence import verifier
from safeledger.platform.cli import main
from safeledger.platform.evidence.audit import audit
from safeledger.platform.evidence.export import Scope, export
from safeledger.tenants.attachments import attachment_id_for
from tests.evidence_support import (
    ledgered,
    province,
    signing_key,
    trusted_key,
)
from tests.sample_files import pdf

pytestmark = pytest.mark.usefixtures("operator", "signing_key")
__all__ = ["signing_key", "trusted_key"]

PDF = pdf(label="referenced")


@pytest.fixture
def photo(runtime):
    """A tenant with one attachment entered into its ledger; (tenant, digest)."""
    tenant_id = province(runtime.store)
    stored = runtime.blobs.put(PDF, 1_000_000)
    runtime.store.for_tenant(tenant_id).enter_attachment(
        tenant_id, sha256=stored.sha256, media_type=stored.media_type,
        size=stored.size, filename="drill.pdf",
    )  # fmt: skip
    ledgered(runtime)
    return tenant_id, stored.sha256


def findings(runtime) -> list[str]:
    return [str(f) for f in audit(runtime).findings]


@pytest.mark.parametrize("backend", ["sqlite"])
def test_the_audit_names_a_deleted_or_changed_attachment(runtime, photo):
    tenant_id, digest = photo
    assert findings(runtime) == []
    path = runtime.blobs.path(digest)
    path.write_bytes(PDF + b"%changed\n")
    assert findings(runtime) == [
        f"attachment: tenant {tenant_id}: attachment {digest} that event "
        f"{attachment_id_for(tenant_id, digest)} version 1 refers to does "
        "not match its digest (changed)"
    ]
    path.unlink()
    [finding] = findings(runtime)
    assert finding.startswith("attachment:") and f"{digest} that event" in finding
    assert finding.endswith("is missing")


@pytest.mark.parametrize("backend", ["sqlite"])
def test_a_bundle_missing_a_referenced_attachment_is_invalid(
    runtime, photo, trusted_key, tmp_path
):
    tenant_id, digest = photo
    runtime.blobs.path(digest).unlink()
    bundle = export(runtime, Scope(tenant_id), tmp_path / "b.zip").path
    report = verifier.verify(bundle, trusted_key)
    assert report.status == verifier.INVALID
    assert report.faults[0].startswith(f"attachments/{digest}: referenced by")
    assert "no recorded decision redacts it" in report.faults[0]


@pytest.mark.parametrize("backend", ["sqlite"])
def test_an_attachment_withheld_by_a_recorded_decision_leaves_the_bundle_valid(
    runtime, photo, trusted_key, tmp_path
):
    tenant_id, digest = photo
    runtime.store.for_tenant(tenant_id).redact_attachment(
        tenant_id, sha256=digest, reason="学生面部，依未成年人保护规定不予公开"
    )
    runtime.blobs.path(digest).unlink()
    ledgered(runtime)
    assert findings(runtime) == []
    bundle = export(runtime, Scope(tenant_id), tmp_path / "b.zip").path
    report = verifier.verify(bundle, trusted_key)
    assert report.faults == []
    assert any(
        f"attachment {digest} withheld by the decision" in n for n in report.notes
    )


@pytest.mark.parametrize("backend", ["sqlite"])
def test_the_redaction_is_recorded_from_the_command_line(runtime, settings, photo):
    tenant_id, digest = photo
    env = {"SAFELEDGER_INSTANCE_PATH": str(settings.instance_path)}
    args = ["evidence", "redact", "--tenant", str(tenant_id), "--sha256", digest]
    done = CliRunner().invoke(main, [*args, "--reason", "未成年人面部"], env=env)
    assert done.exit_code == 0, done.output
    assert f"recorded the redaction of {digest}" in done.output
    unknown = CliRunner().invoke(main, [*args[:-1], "f" * 64, "--reason", "x"], env=env)
    assert unknown.exit_code == 1
    assert "no attachment" in unknown.output
