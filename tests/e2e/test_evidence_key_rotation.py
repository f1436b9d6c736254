"""After a key rotation the current key verifies every genuine bundle, and a
retired key's signatures count only inside its validity window."""

from __future__ import annotations

import json
import time
import zipfile

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from safeledger.evidence import note, verifier
from safeledger.platform.evidence import keys
from safeledger.platform.evidence.export import Scope, export
from safeledger.witness.state import WitnessState
from safeledger.witness.witness import Witness
from tests.evidence_forgery import public_key_file, resign
from tests.evidence_support import ledgered, province, renames, signing_key

pytestmark = pytest.mark.usefixtures("operator", "signing_key")
__all__ = ["signing_key"]


@pytest.fixture
def rotated(runtime, settings, tmp_path):
    """Bundles before and after a rotation, the retired private key, the history."""
    tenant_id = province(runtime.store)
    renames(runtime.store, tenant_id, 3)
    ledgered(runtime)
    before = export(runtime, Scope(tenant_id), tmp_path / "before.zip").path
    retired = keys.load_signer(settings)
    keys.rotate(settings, runtime.engine)
    renames(runtime.store, tenant_id, 3)
    ledgered(runtime)
    after = export(runtime, Scope(tenant_id), tmp_path / "after.zip").path
    with runtime.engine.connect() as conn:
        history = keys.history(conn)
    current = keys.load_signer(settings)
    return {
        "before": before,
        "after": after,
        "retired": retired,
        "history": history,
        "current_pem": public_key_file(tmp_path / "current.pem", current.public_key),
        "retired_pem": public_key_file(tmp_path / "retired.pem", retired.public_key),
    }


def anchor_file(path, record) -> str:
    """A trust anchor as the keys endpoint serves one: key and validity window."""
    path.write_text(json.dumps(record))
    return str(path)


@pytest.mark.parametrize("backend", ["sqlite"])
def test_the_current_key_verifies_a_bundle_and_its_checkpoints_from_before(rotated):
    report = verifier.verify(rotated["after"], rotated["current_pem"])
    assert report.faults == []
    assert report.status == verifier.VALID
    assert any("consistent with 1 of 1 earlier" in note for note in report.notes)


@pytest.mark.parametrize("backend", ["sqlite"])
def test_the_key_list_as_served_verifies_a_bundle_made_before_the_rotation(
    rotated, tmp_path
):
    served = anchor_file(tmp_path / "keys.json", rotated["history"])
    report = verifier.verify(rotated["before"], served)
    assert report.faults == []
    assert report.status == verifier.VALID
    # The current key alone cannot know a hand-over made after the bundle.
    report = verifier.verify(rotated["before"], rotated["current_pem"])
    assert report.status == verifier.INVALID


@pytest.mark.parametrize("backend", ["sqlite"])
def test_the_retired_key_with_its_window_verifies_the_later_bundle(rotated, tmp_path):
    anchor = anchor_file(tmp_path / "a.json", rotated["history"][0])
    report = verifier.verify(rotated["after"], anchor)
    assert report.faults == []
    assert report.status == verifier.VALID


def forged_after_retirement(rotated, tmp_path, history):
    """The later bundle re-signed, today, with the retired key."""
    with zipfile.ZipFile(rotated["after"]) as bundle:
        kept = json.loads(bundle.read("keys/history.json"))
    return resign(
        rotated["after"],
        tmp_path / "forged.zip",
        rotated["retired"].private_key,
        history=kept if history == "kept" else [kept[0]],
    )


@pytest.mark.parametrize("backend", ["sqlite"])
@pytest.mark.parametrize("history", ["kept", "hand-over left out"])
def test_a_bundle_signed_after_retirement_with_the_retired_key_is_invalid(
    rotated, tmp_path, history
):
    forged = forged_after_retirement(rotated, tmp_path, history)
    retired_id = rotated["history"][0]["key_id"]
    report = verifier.verify(forged, rotated["current_pem"])
    assert report.status == verifier.INVALID
    assert retired_id in report.faults[0]
    windowed = anchor_file(tmp_path / "old.json", rotated["history"][0])
    report = verifier.verify(forged, windowed)
    assert report.status == verifier.INVALID
    assert f"after key {retired_id} was retired" in report.faults[0]


@pytest.mark.parametrize("backend", ["sqlite"])
def test_a_back_dated_checkpoint_of_a_retired_key_is_caught_by_a_witness_time(
    rotated, settings, tmp_path
):
    retired, record = rotated["retired"], rotated["history"][0]
    back_dated = record["activated_at"]  # inside the retired key's window
    with zipfile.ZipFile(rotated["after"]) as bundle:
        kept = json.loads(bundle.read("keys/history.json"))
        lines = bundle.read("checkpoint.txt").decode().split("\n")
    lines[3], lines[4] = f"time {back_dated}", f"key {retired.key_id}"
    text = "\n".join(lines)
    name = settings.evidence_origin
    # A witness that still trusts the retired key cosigns it, at its own time:
    # an hour after the rotation.
    state = WitnessState(tmp_path / "w.sqlite")
    log_key = note.VerifierKey(name, note.ED25519, retired.public_key)
    witness = Witness(
        "jyt.example/w1", Ed25519PrivateKey.generate(), [log_key], state,
        clock=lambda: time.time() + 3600,
    )  # fmt: skip
    signed = note.Note(text, (note.sign(text, name, retired.private_key),)).format()
    answer = witness.add_checkpoint(("old 0\n\n" + signed).encode())
    state.close()
    assert answer.status == 200

    def back_date(files):
        files["checkpoint.txt"] = text.encode()

    forged = resign(
        rotated["after"], tmp_path / "forged.zip", retired.private_key,
        edit=back_date, history=kept, signed_at=back_dated,
        cosignatures=(answer.body.strip(),),
    )  # fmt: skip
    # Signatures and windows alone cannot tell ...
    assert verifier.verify(forged, rotated["current_pem"]).faults == []
    # ... the witness's time can.
    report = verifier.verify(
        forged, rotated["current_pem"], witness_keys=[witness.vkey()], min_witnesses=1
    )
    assert report.status == verifier.INVALID
    assert "back-dated with a retired key" in report.faults[0]
