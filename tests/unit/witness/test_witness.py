"""The witness cosigns a log's checkpoints only along one consistent history."""

from __future__ import annotations

import base64
import hashlib

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from safeledger.evidence import merkle, note
from safeledger.witness.state import WitnessState
from safeledger.witness.witness import Witness

LOG = "platform.example"
ORIGIN = f"{LOG}/tenants/6f1c"
LOG_KEY = Ed25519PrivateKey.generate()


def leaves(count: int, salt: bytes = b"") -> list[bytes]:
    return [merkle.leaf_hash(salt + str(i).encode()) for i in range(count)]


def checkpoint(hashes: list[bytes], key=LOG_KEY, origin=ORIGIN) -> str:
    root = base64.b64encode(merkle.root_from_leaf_hashes(hashes)).decode()
    text = f"{origin}\n{len(hashes)}\n{root}\ntime 2026-12-01T00:00:00.000000Z\n"
    return note.Note(text, (note.sign(text, LOG, key),)).format()


def request(old: int, proof: list[bytes], signed: str) -> bytes:
    lines = [f"old {old}", *(base64.b64encode(h).decode() for h in proof)]
    return ("\n".join(lines) + "\n\n" + signed).encode()


@pytest.fixture
def witness(tmp_path):
    state = WitnessState(tmp_path / "witness.sqlite")
    public = LOG_KEY.public_key().public_bytes_raw()
    log_key = note.VerifierKey(LOG, note.ED25519, public)
    yield Witness("witness.example/w1", Ed25519PrivateKey.generate(), [log_key], state)
    state.close()


def cosign(witness, old, new_hashes, old_hashes=None):
    proof = merkle.consistency_proof(old, new_hashes) if old else []
    return witness.add_checkpoint(request(old, proof, checkpoint(new_hashes)))


def test_the_first_checkpoint_is_cosigned_with_a_verifiable_cosignature(witness):
    signed = checkpoint(leaves(5))
    response = witness.add_checkpoint(request(0, [], signed))
    assert response.status == 200
    line = note.parse_signature(response.body.rstrip("\n"))
    vkey = note.VerifierKey.parse(witness.vkey())
    text = note.Note.parse(signed).text
    assert note.verified(vkey, text, line) is not None


def test_a_consistent_larger_checkpoint_is_cosigned(witness):
    assert cosign(witness, 0, leaves(5)).status == 200
    assert cosign(witness, 5, leaves(9)).status == 200
    assert cosign(witness, 9, leaves(9)).status == 200


def test_a_stale_old_size_gets_409_with_the_cosigned_size(witness):
    cosign(witness, 0, leaves(5))
    response = cosign(witness, 0, leaves(9))
    assert (response.status, response.body) == (409, "5\n")
    assert response.content_type == "text/x.tlog.size"


def test_a_rewritten_history_is_refused_and_recorded(witness):
    cosign(witness, 0, leaves(8))
    forked = leaves(4) + leaves(6, b"forged")
    response = cosign(witness, 8, forked)
    assert response.status == 422
    assert "not consistent" in response.body
    assert [status for _, status, _ in witness.state.refusals()] == [422]


def test_two_roots_for_one_size_are_never_cosigned(witness):
    cosign(witness, 0, leaves(8))
    response = cosign(witness, 8, leaves(8, b"other"))
    assert response.status == 422
    assert "another root" in response.body


@pytest.mark.parametrize(
    ("signed", "status"),
    [
        (lambda: checkpoint(leaves(3), key=Ed25519PrivateKey.generate()), 403),
        (lambda: checkpoint(leaves(3), origin="elsewhere.example/log"), 404),
        (lambda: checkpoint(leaves(3)).replace("\n3\n", "\n4\n"), 403),
    ],
    ids=["unknown key", "unknown log", "altered size"],
)
def test_checkpoints_not_signed_by_the_log_are_refused(witness, signed, status):
    assert witness.add_checkpoint(request(0, [], signed())).status == status


def test_an_old_size_above_the_new_size_is_a_bad_request(witness):
    assert witness.add_checkpoint(request(9, [], checkpoint(leaves(3)))).status == 400


def test_the_latest_cosigned_checkpoint_is_served_by_origin_hash(witness):
    cosign(witness, 0, leaves(5))
    served = witness.checkpoint_for(hashlib.sha256(ORIGIN.encode()).hexdigest())
    assert served is not None
    assert len(note.Note.parse(served).signatures) == 2
