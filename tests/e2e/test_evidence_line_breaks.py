"""A record's text cannot break its tenant's bundles: lines end at "\\n" only."""

from __future__ import annotations

import zipfile

import pytest

from safeledger.evidence import verifier
from safeledger.platform.evidence.export import Scope, export
from safeledger.tenants import context
from tests.evidence_support import ledgered, province, signing_key

pytestmark = pytest.mark.usefixtures("operator", "signing_key")
__all__ = ["signing_key"]

# Characters that str.splitlines() and some JSON readers take for line ends and
# that recorded text may hold (the C0/C1 controls among them are refused at input).
BREAKS = "\u2028\u2029"


@pytest.mark.parametrize("backend", ["sqlite"])
def test_text_with_unicode_line_separators_still_verifies(runtime, tmp_path):
    tenant_id = province(runtime.store)
    ledger = runtime.store.for_tenant(tenant_id)
    tenant = ledger.get_tenant(tenant_id)
    with context.on_ledger(tenant_id):
        tenant.rename(f"安全{BREAKS}科")
        ledger.save(tenant)
    ledgered(runtime)
    out = export(runtime, Scope(tenant_id), tmp_path / "b.zip").path

    report = verifier.verify(out)
    assert report.faults == []
    with zipfile.ZipFile(out) as bundle:
        events = bundle.read("events.jsonl").decode("utf-8")
    assert not set(BREAKS) & set(events), "separators are written as JSON escapes"
    assert events.count("\n") == 2
