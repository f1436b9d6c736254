"""Signed notes and cosignatures agree with the examples published with the
C2SP specifications and Go's sumdb/note tests, in both implementations: the
platform's (``safeledger.evidence.note``) and the travelling verifier's copy."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from safeledger.evidence import note, verifier

VECTORS = Path(__file__).resolve().parents[2] / "vectors"
C2SP = json.loads((VECTORS / "c2sp" / "examples.json").read_text())
GO = json.loads((VECTORS / "go-sumdb-note" / "vectors.json").read_text())


def platform_verifies(vkey: str, message: str) -> list[int]:
    key = note.VerifierKey.parse(vkey)
    signed = note.Note.parse(message)
    found = [note.verified(key, signed.text, s) for s in signed.signatures]
    return [t for t in found if t is not None]


def verifier_verifies(vkey: str, message: str) -> list[int]:
    key = verifier.NoteKey.parse(vkey)
    text, lines = verifier.parse_note(message)
    found = [verifier.note_verified(key, text, line) for line in lines]
    return [t for t in found if t is not None]


BOTH = pytest.mark.parametrize("verifies", [platform_verifies, verifier_verifies])


@BOTH
def test_the_c2sp_signed_note_example_verifies_with_its_vkey(verifies):
    vector = C2SP["signed_note"]
    assert verifies(vector["vkey"], vector["note"]) == [0]


@BOTH
def test_the_go_note_signed_by_two_keys_verifies_with_each(verifies):
    peter = GO["peter"]
    signed = peter["signed"] + GO["enoch"]["signature_line"] + "\n"
    assert verifies(peter["vkey"], signed) == [0]
    assert verifies(GO["enoch"]["vkey"], signed) == [0]


@BOTH
def test_a_changed_text_or_signature_does_not_verify(verifies):
    vector = C2SP["signed_note"]
    assert verifies(vector["vkey"], vector["note"].replace("example", "Example")) == []
    text, _, line = vector["note"].rpartition("\n\n")
    blob = bytearray(base64.b64decode(line.split(" ")[2]))
    blob[10] ^= 1
    forged = (
        f"{text}\n\n{note.DASH} example.com/foo {base64.b64encode(blob).decode()}\n"
    )
    assert verifies(vector["vkey"], forged) == []


def test_signing_the_go_text_with_its_key_gives_the_published_note():
    name, hash_hex, material = GO["peter"]["skey"].split("+", 4)[2:]
    seed = base64.b64decode(material)[1:]
    key = Ed25519PrivateKey.from_private_bytes(seed)
    signature = note.sign(GO["peter"]["text"], name, key)
    assert f"{signature.hash:08x}" == hash_hex
    assert (
        note.Note(GO["peter"]["text"], (signature,)).format() == GO["peter"]["signed"]
    )
    public = key.public_key().public_bytes_raw()
    assert note.VerifierKey(name, note.ED25519, public).vkey() == GO["peter"]["vkey"]


@pytest.mark.parametrize("parse", [note.VerifierKey.parse, verifier.NoteKey.parse])
@pytest.mark.parametrize("vkey", GO["bad_vkeys"])
def test_mangled_verifier_keys_are_refused(parse, vkey):
    with pytest.raises(ValueError):
        parse(vkey)


@pytest.mark.parametrize("parse", [note.Note.parse, verifier.parse_note])
def test_the_c2sp_cosigned_checkpoint_example_reads_as_two_signatures(parse):
    vector = C2SP["cosigned_checkpoint"]
    parsed = parse(vector["note"])
    lines = parsed.signatures if isinstance(parsed, note.Note) else parsed[1]
    cosignature = lines[1]
    raw = (
        cosignature.signature
        if isinstance(cosignature, note.Signature)
        else (cosignature[2])
    )
    assert len(raw) == 8 + 64
    assert int.from_bytes(raw[:8], "big") == vector["cosignature_timestamp"]
    text = vector["note"].split("\n\n")[0] + "\n"
    message = note.cosignature_message(text, vector["cosignature_timestamp"])
    assert message.decode() == vector["cosignature_message"]


@BOTH
def test_a_cosignature_verifies_with_the_witness_key_only(verifies):
    witness = Ed25519PrivateKey.generate()
    text = "example.com/log\n5\n" + base64.b64encode(b"\x01" * 32).decode() + "\n"
    line = note.cosign(text, "witness.example/w1", witness, 1_700_000_000)
    signed = note.Note(text, (line,)).format()
    public = witness.public_key().public_bytes_raw()
    vkey = note.VerifierKey("witness.example/w1", note.COSIGNATURE_V1, public).vkey()
    assert verifies(vkey, signed) == [1_700_000_000]
    plain = note.VerifierKey("witness.example/w1", note.ED25519, public).vkey()
    assert verifies(plain, signed) == []


@pytest.mark.parametrize("parse", [note.Note.parse, verifier.parse_note])
@pytest.mark.parametrize(
    "message",
    [
        "no blank line\n",
        "text\n\n",
        "text\n\n- name c2ln\n",
        "text\x00\n\n— a AAAAAAA=\n",
    ],
)
def test_malformed_notes_are_refused(parse, message):
    with pytest.raises(ValueError):
        parse(message)
