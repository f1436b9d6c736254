"""The add-checkpoint rules of c2sp.org/tlog-witness, without HTTP.

Statuses: 200 cosigned; 400 malformed request or old size above the new size;
403 no valid signature by a trusted log key (or a bad one by a trusted key);
404 unknown log; 409 the old size is not the last cosigned size (the body says
which it is); 422 the consistency proof fails, or a same-size checkpoint has
another root, or a size-0 checkpoint has not the empty root.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from safeledger.evidence import merkle, note
from safeledger.witness.state import Latest, WitnessState

MAX_PROOF = 63
SIZE_TYPE = "text/x.tlog.size"
NOTE_TYPE = "text/plain; charset=utf-8"


@dataclass(frozen=True)
class Response:
    """Status, content type and body of an answer."""

    status: int
    body: str
    content_type: str = NOTE_TYPE


class Refused(Exception):
    """A request the witness will not cosign; carries the HTTP status."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status, self.reason = status, reason


@dataclass(frozen=True)
class Request:
    """A parsed add-checkpoint body."""

    old: int
    proof: list[bytes]
    checkpoint: note.Note
    origin: str
    size: int
    root: bytes


class Witness:
    """Cosigns checkpoints of the logs whose keys it was given."""

    def __init__(
        self,
        name: str,
        private_key: Ed25519PrivateKey,
        log_keys: list[note.VerifierKey],
        state: WitnessState,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.name = note.check_name(name)
        self.clock = clock
        self.private_key = private_key
        self.log_keys = log_keys
        self.state = state

    def vkey(self) -> str:
        """This witness's public key as a cosignature/v1 vkey."""
        public = self.private_key.public_key().public_bytes_raw()
        return note.VerifierKey(self.name, note.COSIGNATURE_V1, public).vkey()

    def keys_for(self, origin: str) -> list[note.VerifierKey]:
        """The log keys trusted for ``origin``: named for it or for a prefix of it."""
        return [
            k
            for k in self.log_keys
            if origin == k.name or origin.startswith(k.name.rstrip("/") + "/")
        ]

    def add_checkpoint(self, body: bytes) -> Response:
        """Answer one add-checkpoint request."""
        try:
            request = parse_request(body)
            self.authenticate(request)
        except Refused as refusal:
            return Response(refusal.status, refusal.reason + "\n")
        try:
            with self.state.transaction() as conn:
                latest = self.state.latest(conn, request.origin)
                if request.old != (latest.size if latest else 0):
                    size = latest.size if latest else 0
                    return Response(409, f"{size}\n", SIZE_TYPE)
                check_consistency(request, latest)
                cosignature = note.cosign(
                    request.checkpoint.text,
                    self.name,
                    self.private_key,
                    int(self.clock()),
                )
                signed = note.Note(
                    request.checkpoint.text,
                    (*self.log_signatures(request), cosignature),
                )
                self.state.record(
                    conn, request.origin, request.size, request.root, signed.format()
                )
        except Refused as refusal:
            self.state.refuse(
                request.origin, refusal.status, refusal.reason, body.decode()
            )
            return Response(refusal.status, refusal.reason + "\n")
        return Response(200, cosignature.line() + "\n")

    def authenticate(self, request: Request) -> None:
        """Raise 404 for an unknown log, 403 unless a trusted log key signed it."""
        keys = self.keys_for(request.origin)
        if not keys:
            raise Refused(404, f"unknown log {request.origin}")
        text, good = request.checkpoint.text, 0
        for signature in request.checkpoint.signatures:
            for key in keys:
                if (signature.name, signature.hash) != (key.name, key.hash):
                    continue
                if note.verified(key, text, signature) is None:
                    raise Refused(403, f"a signature by {key.name} does not verify")
                good += 1
        if not good:
            raise Refused(403, "no signature by a trusted key of this log")

    def log_signatures(self, request: Request) -> list[note.Signature]:
        """The log's own signature lines, kept with the witness's cosignature."""
        keys = {(k.name, k.hash) for k in self.keys_for(request.origin)}
        return [s for s in request.checkpoint.signatures if (s.name, s.hash) in keys]

    def checkpoint_for(self, origin_hash: str) -> str | None:
        """The latest cosigned note of the log whose origin hashes to this."""
        return self.state.latest_note(
            lambda origin: hashlib.sha256(origin.encode()).hexdigest() == origin_hash
        )


def check_consistency(request: Request, latest: Latest | None) -> None:
    """Raise 422 unless the checkpoint extends the latest cosigned one."""
    if request.size == 0 and request.root != merkle.EMPTY_ROOT:
        raise Refused(422, "a size-0 checkpoint must have the empty tree's root")
    if latest is None or request.old == 0:
        if request.proof:
            raise Refused(422, "no proof is needed from size 0")
        return
    if request.old == request.size:
        if request.proof or request.root != latest.root:
            raise Refused(
                422, f"size {request.size} was cosigned with another root: refused"
            )
        return
    try:
        merkle.verify_consistency(
            request.old, request.size, latest.root, request.root, request.proof
        )
    except merkle.ProofError as error:
        raise Refused(
            422,
            f"not consistent with the checkpoint of size {request.old} "
            f"cosigned before ({error})",
        ) from None


def parse_request(body: bytes) -> Request:
    """Read ``old N``, proof lines, a blank line and the checkpoint; 400 if bad."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise Refused(400, "the request is not UTF-8") from None
    head, blank, rest = text.partition("\n\n")
    lines = head.split("\n")
    if not blank or not lines[0].startswith("old "):
        raise Refused(400, "the request starts with 'old N', proof lines, a blank line")
    old = _decimal(lines[0][4:], "old size")
    if len(lines) - 1 > MAX_PROOF:
        raise Refused(400, f"at most {MAX_PROOF} proof lines")
    proof = [_hash(line, "proof line") for line in lines[1:]]
    try:
        checkpoint = note.Note.parse(rest)
    except note.NoteError as error:
        raise Refused(400, f"the checkpoint is not a signed note ({error})") from None
    body_lines = checkpoint.text[:-1].split("\n")
    if len(body_lines) < 3 or not all(body_lines):
        raise Refused(400, "a checkpoint is origin, size, root and extension lines")
    origin = body_lines[0]
    size = _decimal(body_lines[1], "tree size")
    root = _hash(body_lines[2], "root")
    if old > size:
        raise Refused(400, f"old size {old} exceeds the checkpoint's size {size}")
    return Request(old, proof, checkpoint, origin, size, root)


def _decimal(value: str, what: str) -> int:
    if not value.isdigit() or not value.isascii() or str(int(value)) != value:
        raise Refused(400, f"the {what} is not a decimal number")
    return int(value)


def _hash(value: str, what: str) -> bytes:
    try:
        raw = base64.b64decode(value, validate=True)
    except binascii.Error:
        raw = b""
    if len(raw) != merkle.HASH_SIZE:
        raise Refused(400, f"a {what} is a base64 SHA-256 hash")
    return raw
