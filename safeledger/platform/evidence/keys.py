"""The platform's Ed25519 signing key and the published history of its public keys.

The key comes from ``SAFELEDGER_SIGNING_KEY`` or from a PEM file (by default
``signing_key.pem`` in the instance folder). Embedded mode generates that file on
first use; hosted mode never invents a key: ``safeledger evidence keygen`` makes
one. Rotating keeps every old public key; the retiring key and its successor
both sign a hand-over, so trust in the current key walks back to every earlier
key (each counting only until its hand-over), and trust in an earlier key
carries forward to the newest.
"""

from __future__ import annotations

import base64
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from safeledger.evidence.checkpoint import key_id, rotation_text
from safeledger.evidence.leaf import utc_text
from safeledger.platform.evidence.tables import evidence_keys
from safeledger.platform.settings import Settings
from safeledger.projections.schema import write_transaction


class EvidenceError(Exception):
    """Evidence cannot be produced as asked; the message says why and what to do."""


@dataclass(frozen=True)
class Signer:
    """A private key and its id."""

    private_key: Ed25519PrivateKey

    @property
    def public_key(self) -> bytes:
        """The raw 32-byte public key."""
        return raw_public(self.private_key.public_key())

    @property
    def key_id(self) -> str:
        """The id checkpoints name this key by."""
        return key_id(self.public_key)

    def sign(self, message: bytes) -> bytes:
        """The 64-byte Ed25519 signature of ``message``."""
        return self.private_key.sign(message)


def raw_public(public_key: Ed25519PublicKey) -> bytes:
    """A public key's raw 32 bytes."""
    return public_key.public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )


def public_pem(raw: bytes) -> str:
    """A raw public key as SubjectPublicKeyInfo PEM, the form openssl reads."""
    public_key = Ed25519PublicKey.from_public_bytes(raw)
    return public_key.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    ).decode("ascii")


def load_signer(settings: Settings) -> Signer:
    """The configured signing key; embedded mode creates its key file if absent."""
    if settings.signing_key:
        seed = base64.b64decode(settings.signing_key)
        return Signer(Ed25519PrivateKey.from_private_bytes(seed))
    path = settings.key_file
    if path.exists():
        return Signer(_read_key(path))
    if settings.hosted:
        raise EvidenceError(
            f"no signing key at {path}: run `safeledger evidence keygen` or set "
            "SAFELEDGER_SIGNING_KEY_FILE / SAFELEDGER_SIGNING_KEY"
        )
    return write_new_key(path)


def write_new_key(path: Path) -> Signer:
    """Generate a key into ``path`` (readable by its owner only); never overwrite."""
    signer = Signer(Ed25519PrivateKey.generate())
    pem = signer.private_key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as file:
        file.write(pem)
    return signer


def _read_key(path: Path) -> Ed25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except ValueError as error:
        raise EvidenceError(f"{path} is not a PEM private key: {error}") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise EvidenceError(f"{path} holds a {type(key).__name__}, not an Ed25519 key")
    return key


def register(engine: sa.Engine, signer: Signer) -> None:
    """Put the signer's public key in the history if it is not there yet."""
    with write_transaction(engine) as conn:
        known = conn.execute(
            sa.select(evidence_keys.c.key_id).where(
                evidence_keys.c.key_id == signer.key_id
            )
        ).first()
        if known is None:
            conn.execute(
                sa.insert(evidence_keys).values(
                    key_id=signer.key_id,
                    public_key=signer.public_key,
                    activated_at=datetime.now(UTC),
                )
            )


def rotate(settings: Settings, engine: sa.Engine) -> tuple[str, str]:
    """Replace the key file with a new key the old one endorses; (old id, new id)."""
    if settings.signing_key:
        raise EvidenceError(
            "the key comes from SAFELEDGER_SIGNING_KEY: set a new value there "
            "(its public key is added to the history when it first signs)"
        )
    old = load_signer(settings)
    register(engine, old)
    path = settings.key_file
    staged = path.with_name(path.name + ".new")
    staged.unlink(missing_ok=True)
    new = write_new_key(staged)
    now = datetime.now(UTC)
    time = utc_text(now)
    text = rotation_text(old.key_id, new.public_key, time).encode()
    endorsement, acceptance = old.sign(text), new.sign(text)
    with write_transaction(engine) as conn:
        conn.execute(
            sa.insert(evidence_keys).values(
                key_id=new.key_id,
                public_key=new.public_key,
                activated_at=now,
                endorsed_by=old.key_id,
                endorsement_time=time,
                endorsement=endorsement,
                acceptance=acceptance,
            )
        )
    staged.replace(path)
    return old.key_id, new.key_id


def _b64(value: bytes | None) -> str | None:
    return base64.b64encode(value).decode("ascii") if value else None


def history(conn: sa.Connection) -> list[dict[str, object]]:
    """Every public key, oldest first, with its validity and hand-over."""
    rows = list(
        conn.execute(sa.select(evidence_keys).order_by(evidence_keys.c.activated_at))
    )
    keys = []
    for number, row in enumerate(rows):
        successor = rows[number + 1] if number + 1 < len(rows) else None
        keys.append(
            {
                "key_id": row.key_id,
                "algorithm": "Ed25519",
                "public_key": base64.b64encode(row.public_key).decode("ascii"),
                "public_key_pem": public_pem(bytes(row.public_key)),
                "activated_at": utc_text(row.activated_at),
                "retired_at": utc_text(successor.activated_at) if successor else None,
                "endorsed_by": row.endorsed_by,
                "endorsement_time": row.endorsement_time,
                "endorsement": _b64(row.endorsement),
                "acceptance": _b64(row.acceptance),
            }
        )
    return keys
