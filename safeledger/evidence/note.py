"""C2SP signed notes (c2sp.org/signed-note), checkpoints' Ed25519 signatures, and
witnesses' cosignatures (c2sp.org/tlog-cosignature, ``cosignature/v1``).

Standard library and ``cryptography`` only, like the rest of this package. The
offline verifier carries its own copy of the reading and checking rules; unit
tests pin both to the examples published with the specifications.

A note is its text (ending in a newline), a blank line, then one line per
signature: ``— <key name> base64(4-byte key hash || signature)``. A checkpoint's
Ed25519 signature is over the text exactly, so ``openssl pkeyutl -rawin`` checks
it too; a cosignature is over ``cosignature/v1``, ``time <unix seconds>`` and the
text, and carries its 8-byte big-endian timestamp before the signature.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import struct
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

ED25519 = 0x01
COSIGNATURE_V1 = 0x04
DASH = "\u2014"
MAX_SIGNATURES = 100


class NoteError(ValueError):
    """A note, a signature line or a verifier key is malformed."""


def key_hash(name: str, kind: int, public_key: bytes) -> int:
    """SHA-256(name || "\\n" || type byte || public key)[:4] as an integer."""
    digest = hashlib.sha256(name.encode() + b"\n" + bytes([kind]) + public_key)
    return struct.unpack(">I", digest.digest()[:4])[0]


def check_name(name: str) -> str:
    """A key name: non-empty, without spaces or plus signs."""
    if not name or any(c.isspace() or c == "+" for c in name):
        raise NoteError(f"bad key name {name!r}")
    return name


@dataclass(frozen=True)
class VerifierKey:
    """A public key a note's signatures are checked against, by name and hash."""

    name: str
    kind: int
    public_key: bytes

    @property
    def hash(self) -> int:
        """The 4-byte key hash its signature lines carry."""
        return key_hash(self.name, self.kind, self.public_key)

    def vkey(self) -> str:
        """The ``name+hash+base64(type || key)`` text form."""
        material = base64.b64encode(bytes([self.kind]) + self.public_key).decode()
        return f"{self.name}+{self.hash:08x}+{material}"

    @classmethod
    def parse(cls, text: str) -> VerifierKey:
        """Read a vkey; only Ed25519 (0x01) and cosignature/v1 (0x04) keys."""
        parts = text.strip().split("+", 2)  # base64 may hold "+" too
        if len(parts) != 3 or len(parts[1]) != 8:
            raise NoteError("a verifier key is name+hash+key")
        name, hash_hex, material = parts
        try:
            raw = base64.b64decode(material, validate=True)
            stated = int(hash_hex, 16)
        except (binascii.Error, ValueError):
            raise NoteError("bad verifier key encoding") from None
        if hash_hex != hash_hex.lower() or len(raw) != 33:
            raise NoteError("bad verifier key encoding")
        if raw[0] not in (ED25519, COSIGNATURE_V1):
            raise NoteError(f"unsupported signature type {raw[0]:#04x}")
        key = cls(check_name(name), raw[0], raw[1:])
        if key.hash != stated:
            raise NoteError("verifier key hash does not match its key")
        return key


@dataclass(frozen=True)
class Signature:
    """One signature line of a note."""

    name: str
    hash: int
    signature: bytes

    def line(self) -> str:
        """The line, without its newline."""
        blob = struct.pack(">I", self.hash) + self.signature
        return f"{DASH} {self.name} {base64.b64encode(blob).decode()}"


@dataclass(frozen=True)
class Note:
    """A note's text (with its final newline) and its signatures."""

    text: str
    signatures: tuple[Signature, ...]

    def format(self) -> str:
        """The whole signed note."""
        return self.text + "\n" + "".join(s.line() + "\n" for s in self.signatures)

    @classmethod
    def parse(cls, message: str) -> Note:
        """Read a signed note, or raise NoteError."""
        if any(ord(c) < 0x20 and c != "\n" for c in message):
            raise NoteError("a note holds no control characters but newlines")
        if not message.endswith("\n"):
            raise NoteError("a note ends with a newline")
        split = message.rfind("\n\n")
        if split < 0:
            raise NoteError("a note has a blank line before its signatures")
        text, block = message[: split + 1], message[split + 2 :]
        lines = block[:-1].split("\n") if block else []
        if not lines or len(lines) > MAX_SIGNATURES:
            raise NoteError("a note has 1 to 100 signatures")
        return cls(text, tuple(parse_signature(line) for line in lines))


def parse_signature(line: str) -> Signature:
    """Read one ``— name base64`` line (without its newline)."""
    prefix = DASH + " "
    if not line.startswith(prefix):
        raise NoteError("a signature line starts with an em dash and a space")
    name, _, blob = line[len(prefix) :].partition(" ")
    try:
        raw = base64.b64decode(blob, validate=True)
    except binascii.Error:
        raise NoteError("a signature is base64") from None
    if len(raw) < 5:
        raise NoteError("a signature is a key hash and at least one byte")
    return Signature(check_name(name), struct.unpack(">I", raw[:4])[0], raw[4:])


def sign(text: str, name: str, private_key: Ed25519PrivateKey) -> Signature:
    """The Ed25519 note signature of ``text`` by ``name``'s key."""
    public = private_key.public_key().public_bytes_raw()
    return Signature(
        name, key_hash(name, ED25519, public), private_key.sign(text.encode())
    )


def cosignature_message(text: str, timestamp: int) -> bytes:
    """What a cosignature/v1 signs: header, time line, then the checkpoint text."""
    return f"cosignature/v1\ntime {timestamp}\n{text}".encode()


def cosign(
    text: str, name: str, private_key: Ed25519PrivateKey, timestamp: int
) -> Signature:
    """A witness's timestamped cosignature of a checkpoint text."""
    public = private_key.public_key().public_bytes_raw()
    signature = private_key.sign(cosignature_message(text, timestamp))
    return Signature(
        name,
        key_hash(name, COSIGNATURE_V1, public),
        struct.pack(">Q", timestamp) + signature,
    )


def verified(key: VerifierKey, text: str, signature: Signature) -> int | None:
    """For a line by ``key``: the cosignature's timestamp (0 for a plain
    signature) when it verifies over ``text``, else None. Lines by other keys
    are not ``key``'s to judge: None too."""
    if (signature.name, signature.hash) != (key.name, key.hash):
        return None
    if key.kind == COSIGNATURE_V1:
        if len(signature.signature) != 72:
            return None
        (timestamp,) = struct.unpack(">Q", signature.signature[:8])
        message, raw = cosignature_message(text, timestamp), signature.signature[8:]
    else:
        timestamp, message, raw = 0, text.encode(), signature.signature
    try:
        Ed25519PublicKey.from_public_bytes(key.public_key).verify(raw, message)
    except (InvalidSignature, ValueError):
        return None
    return timestamp
