"""A bundle's zip holds each expected member once and nothing else."""

from __future__ import annotations

import warnings
import zipfile

import pytest

from safeledger.evidence import verifier
from safeledger.platform.evidence.export import Scope, export
from tests.evidence_support import ledgered, province, renames, signing_key

pytestmark = pytest.mark.usefixtures("operator", "signing_key")
__all__ = ["signing_key"]


@pytest.fixture
def bundle(runtime, tmp_path):
    """A genuine bundle of a tenant with four events."""
    tenant_id = province(runtime.store)
    renames(runtime.store, tenant_id, 3)
    ledgered(runtime)
    return export(runtime, Scope(tenant_id), tmp_path / "genuine.zip").path


def with_member_first(source, target, name, data):
    """A copy of ``source`` with an extra member ``name`` ahead of all others."""
    with (
        zipfile.ZipFile(source) as old,
        zipfile.ZipFile(target, "w") as new,
        warnings.catch_warnings(),
    ):
        warnings.simplefilter("ignore")  # zipfile warns of the duplicate
        new.writestr(name, data)
        for info in old.infolist():
            new.writestr(info, old.read(info.filename))
    return target


@pytest.mark.parametrize("backend", ["sqlite"])
def test_a_forged_events_file_ahead_of_the_genuine_one_is_refused(bundle, tmp_path):
    forged = with_member_first(bundle, tmp_path / "f.zip", "events.jsonl", b"{}\n")
    report = verifier.verify(forged)
    assert report.status == verifier.INVALID
    assert report.faults[0] == "events.jsonl: appears twice in the zip (refused)"


@pytest.mark.parametrize("backend", ["sqlite"])
@pytest.mark.parametrize(
    "name", ["notes.txt", "keys/../manifest.json", "attachments/abc", "proofs/"]
)
def test_an_unexpected_member_name_is_refused(bundle, tmp_path, name):
    odd = with_member_first(bundle, tmp_path / "o.zip", name, b"x")
    report = verifier.verify(odd)
    assert report.status == verifier.INVALID
    assert report.faults[0] == f"{name}: is not a member a bundle has (refused)"
