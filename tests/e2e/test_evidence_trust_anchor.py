"""Without a trust anchor a bundle is at best consistent, never VALID."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from safeledger.evidence import verifier
from safeledger.platform.evidence.export import Scope, export
from tests.evidence_forgery import resign
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
def bundle(runtime, tmp_path):
    """A genuine bundle of a tenant with four events."""
    tenant_id = province(runtime.store)
    renames(runtime.store, tenant_id, 3)
    ledgered(runtime)
    return export(runtime, Scope(tenant_id), tmp_path / "genuine.zip").path


@pytest.mark.parametrize("backend", ["sqlite"])
def test_a_genuine_bundle_without_a_trusted_key_is_only_consistent(bundle, capsys):
    status = verifier.main([str(bundle)])
    out = capsys.readouterr().out
    assert status == verifier.UNAUTHENTICATED == 3
    assert "CONSISTENT BUT UNAUTHENTICATED" in out
    assert "VALID" not in out.replace("UNAUTHENTICATED", "")


@pytest.mark.parametrize("backend", ["sqlite"])
def test_a_genuine_bundle_with_the_platform_key_is_valid(bundle, trusted_key):
    assert verifier.main([str(bundle), "--trusted-key", str(trusted_key)]) == 0


@pytest.mark.parametrize("backend", ["sqlite"])
def test_a_bundle_re_signed_with_another_key_is_never_valid(
    bundle, trusted_key, tmp_path
):
    forged = resign(bundle, tmp_path / "f.zip", Ed25519PrivateKey.generate())
    assert verifier.main([str(forged)]) == verifier.UNAUTHENTICATED
    report = verifier.verify(forged, trusted_key)
    assert report.status == verifier.INVALID
    assert "not by the trusted key" in report.faults[0]
