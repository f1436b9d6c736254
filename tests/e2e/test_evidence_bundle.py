"""A 10,000-event bundle verifies; every kind of tampering fails, naming the fault."""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest

from safeledger.evidence import note, verifier
from safeledger.platform.evidence.export import Scope, export
from safeledger.platform.evidence.keys import load_signer, public_pem
from safeledger.platform.migrate import migrate
from safeledger.platform.runtime import Runtime
from safeledger.platform.settings import Settings
from safeledger.tenants import context
from tests.evidence_support import ledgered, province, renames

EVENTS = 10_000


@pytest.fixture(scope="module")
def bundles(tmp_path_factory) -> dict[str, Any]:
    """A tenant of 10,000 events (checkpointed on the way), another tenant's bundle."""
    folder = tmp_path_factory.mktemp("evidence")
    settings = Settings.from_env({"SAFELEDGER_INSTANCE_PATH": str(folder / "i")})
    runtime = Runtime(settings)
    try:
        migrate(settings, runtime.engine)
        with context.acting_as("test:operator"):
            big, other = province(runtime.store, "BIG"), province(runtime.store, "O")
            renames(runtime.store, big, 4_000)
            export(runtime, Scope(big), folder / "early.zip")
            renames(runtime.store, big, EVENTS - 4_001)
            renames(runtime.store, other, 3)
        ledgered(runtime)
        paths = {
            "big": export(runtime, Scope(big), folder / "big.zip").path,
            "other": export(runtime, Scope(other), folder / "other.zip").path,
            "early": folder / "early.zip",
            "settings": settings,
        }
    finally:
        runtime.close()
    return paths


def rewritten(source: Path, target: Path, edit) -> Path:
    """A copy of the bundle with ``edit(name, data)`` applied to each member."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            data = edit(info.filename, old.read(info.filename))
            if data is not None:
                new.writestr(info.filename, data)
    return target


def lines_edited(change):
    def edit(name: str, data: bytes) -> bytes:
        if name != "events.jsonl":
            return data
        lines = data.decode().split("\n")[:-1]
        change(lines)
        return ("\n".join(lines) + "\n").encode()

    return edit


def first_fault(path: Path) -> str:
    report = verifier.verify(path)
    assert report.status == verifier.INVALID
    return report.faults[0]


def test_a_ten_thousand_event_bundle_verifies(bundles):
    report = verifier.verify(bundles["big"])
    assert report.faults == []
    assert any(f"leaves 0..{EVENTS - 1}" in note for note in report.notes)
    assert any("consistent with 1 of 1 earlier" in n for n in report.notes)
    with zipfile.ZipFile(bundles["big"]) as bundle:
        assert len(bundle.read("events.jsonl").splitlines()) == EVENTS


def test_a_flipped_byte_in_an_event_names_that_event(bundles, tmp_path):
    def flip(lines):
        # Lines are ASCII: the name's characters appear as JSON escapes.
        old, new = (json.dumps(name)[1:-1] for name in ("名称", "名稱"))
        lines[1234] = lines[1234].replace(old, new, 1)

    fault = first_fault(
        rewritten(bundles["big"], tmp_path / "b.zip", lines_edited(flip))
    )
    assert fault.startswith("events.jsonl line 1235")
    assert "leaf 1234" in fault and "payload differs" in fault


def test_a_dropped_event_is_named(bundles, tmp_path):
    def drop(lines):
        del lines[4321]

    fault = first_fault(
        rewritten(bundles["big"], tmp_path / "b.zip", lines_edited(drop))
    )
    assert "(leaf 4321) is in scope but missing" in fault


def test_two_reordered_events_are_named(bundles, tmp_path):
    def swap(lines):
        lines[10], lines[11] = lines[11], lines[10]

    fault = first_fault(
        rewritten(bundles["big"], tmp_path / "b.zip", lines_edited(swap))
    )
    assert "events.jsonl line 12" in fault and "out of order" in fault


@pytest.mark.parametrize("other", ["other", "early"])
def test_a_swapped_in_checkpoint_is_named(bundles, tmp_path, other):
    with zipfile.ZipFile(bundles[other]) as source:
        swapped = {n: source.read(n) for n in ("checkpoint.txt", "checkpoint.sig")}

    def swap(name, data):
        return swapped.get(name, data)

    fault = first_fault(rewritten(bundles["big"], tmp_path / "b.zip", swap))
    assert fault.startswith("checkpoint.txt")


def test_an_edited_manifest_fails_its_signature(bundles, tmp_path):
    def edit(name, data):
        if name != "manifest.json":
            return data
        manifest = json.loads(data)
        manifest["scope"]["from"] = "2000-01-01T00:00:00.000000Z"
        return json.dumps(manifest).encode()

    fault = first_fault(rewritten(bundles["big"], tmp_path / "b.zip", edit))
    assert fault.startswith("manifest.json: the signature")


def test_any_flipped_byte_of_the_zip_makes_it_fail(bundles, tmp_path):
    data = bytearray(bundles["big"].read_bytes())
    for offset in (100, len(data) // 3, len(data) // 2, len(data) - 300):
        damaged = bytearray(data)
        damaged[offset] ^= 0x01
        path = tmp_path / f"flip-{offset}.zip"
        path.write_bytes(damaged)
        assert verifier.main([str(path)]) != verifier.VALID


def test_the_checkpoint_signature_verifies_with_openssl(bundles, tmp_path):
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("openssl is not installed")
    with zipfile.ZipFile(bundles["other"]) as bundle:
        bundle.extractall(tmp_path)
    # The key an inspector pinned out of band, never one from the bundle.
    key = tmp_path / "platform.pem"
    key.write_text(public_pem(load_signer(bundles["settings"]).public_key))
    command = [
        openssl, "pkeyutl", "-verify", "-pubin", "-inkey", str(key), "-rawin",
        "-in", str(tmp_path / "checkpoint.txt"),
        "-sigfile", str(tmp_path / "checkpoint.sig"),
    ]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "Signature Verified Successfully" in done.stdout
    # checkpoint.txt is the text of the C2SP signed note in checkpoint.note.
    signed = note.Note.parse((tmp_path / "checkpoint.note").read_text())
    assert signed.text == (tmp_path / "checkpoint.txt").read_text()
    assert signed.signatures[0].signature == (tmp_path / "checkpoint.sig").read_bytes()
