"""Signed texts of the evidence ledger: checkpoints and key rotations.

Standard library only. What is signed is exactly these texts, UTF-8 encoded, so
anyone can check a signature with ``openssl pkeyutl -verify -rawin`` and the
platform's published Ed25519 public key. The offline verifier parses them with
its own copy of these rules (pinned by a unit test).

A checkpoint follows the C2SP ``tlog-checkpoint`` body: the log's origin, the
tree size in decimal, the root hash in base64, then extension lines::

    safeledger.local/tenants/6f1c…
    1234
    q7E0…=
    time 2026-11-29T09:46:32.982334Z
    key 1a2b3c4d5e6f7a8b
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass

CHECKPOINT_LINES = 5
ROTATION_FORMAT = "safeledger-key-rotation/1"


def key_id(public_key: bytes) -> str:
    """The id of a raw 32-byte Ed25519 public key: 16 hex digits of its SHA-256."""
    return hashlib.sha256(public_key).hexdigest()[:16]


def tenant_origin(prefix: str, tenant_id: str) -> str:
    """The origin line naming one tenant's log in a deployment."""
    return f"{prefix}/tenants/{tenant_id}"


@dataclass(frozen=True)
class Checkpoint:
    """A tenant log's size and root at a moment, as signed by one key."""

    origin: str
    tree_size: int
    root: bytes
    time: str
    key_id: str

    def text(self) -> str:
        """The exact text that is signed."""
        root = base64.b64encode(self.root).decode("ascii")
        return (
            f"{self.origin}\n{self.tree_size}\n{root}\n"
            f"time {self.time}\nkey {self.key_id}\n"
        )

    @classmethod
    def parse(cls, text: str) -> Checkpoint:
        """Read a checkpoint text, or raise ValueError naming the bad line."""
        if not text.endswith("\n"):
            raise ValueError("a checkpoint ends with a newline")
        lines = text[:-1].split("\n")
        if len(lines) != CHECKPOINT_LINES:
            raise ValueError(f"a checkpoint has {CHECKPOINT_LINES} lines")
        origin, size, root, time, key = lines
        if not size.isdigit() or str(int(size)) != size:
            raise ValueError("line 2 (tree size) is not a decimal number")
        try:
            root_bytes = base64.b64decode(root, validate=True)
        except ValueError:
            raise ValueError("line 3 (root) is not base64") from None
        if len(root_bytes) != hashlib.sha256().digest_size:
            raise ValueError("line 3 (root) is not a SHA-256 hash")
        if not time.startswith("time ") or not key.startswith("key "):
            raise ValueError("lines 4 and 5 must be 'time …' and 'key …'")
        return cls(origin, int(size), root_bytes, time[5:], key[4:])


def rotation_text(old_key_id: str, new_public_key: bytes, time: str) -> str:
    """What a retiring key signs to hand over to its successor."""
    new_key = base64.b64encode(new_public_key).decode("ascii")
    return (
        f"{ROTATION_FORMAT}\nfrom {old_key_id}\nto {key_id(new_public_key)}\n"
        f"key {new_key}\ntime {time}\n"
    )
