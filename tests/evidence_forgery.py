"""Forging bundles as an operator with a key of their own would: re-sign everything."""

from __future__ import annotations

import base64
import hashlib
import json
import zipfile
from collections.abc import Callable
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from safeledger.evidence.checkpoint import key_id
from safeledger.platform.evidence.keys import public_pem, raw_public

Edit = Callable[[dict[str, bytes]], None]


def members(path: Path) -> dict[str, bytes]:
    """Every member of a bundle, by name, in order."""
    with zipfile.ZipFile(path) as bundle:
        return {name: bundle.read(name) for name in bundle.namelist()}


def write(path: Path, files: dict[str, bytes]) -> Path:
    """A zip of ``files``."""
    with zipfile.ZipFile(path, "w") as bundle:
        for name, data in files.items():
            bundle.writestr(name, data)
    return path


def public_key_file(path: Path, raw: bytes) -> Path:
    """A PEM file of a raw Ed25519 public key, as an inspector would pin it."""
    path.write_text(public_pem(raw))
    return path


def resign(
    source: Path,
    target: Path,
    key: Ed25519PrivateKey,
    edit: Edit | None = None,
    history: list[dict] | None = None,
) -> Path:
    """The bundle re-signed with ``key``: checkpoint, key history and manifest.

    ``edit`` may change the files first (an event, a checkpoint line); the key
    history becomes ``history`` or just ``key`` with no hand-over.
    """
    files = members(source)
    public = raw_public(key.public_key())
    kid = key_id(public)
    lines = files["checkpoint.txt"].decode().split("\n")
    lines[4] = f"key {kid}"
    files["checkpoint.txt"] = "\n".join(lines).encode()
    if edit is not None:
        edit(files)
    files["checkpoint.sig"] = key.sign(files["checkpoint.txt"])
    entry = {
        "key_id": kid,
        "algorithm": "Ed25519",
        "public_key": base64.b64encode(public).decode(),
        "public_key_pem": public_pem(public),
        "activated_at": "2000-01-01T00:00:00.000000Z",
        "retired_at": None,
        "endorsed_by": None,
        "endorsement_time": None,
        "endorsement": None,
    }
    history = history if history is not None else [entry]
    files = {n: d for n, d in files.items() if not n.startswith("keys/")}
    files["keys/history.json"] = json.dumps(history).encode()
    for item in history:
        files[f"keys/{item['key_id']}.pem"] = item["public_key_pem"].encode()
    manifest = json.loads(files["manifest.json"])
    manifest["signed_by"] = kid
    manifest["checkpoint"]["key_id"] = kid
    manifest["files"] = {
        name: {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
        for name, data in files.items()
        if name not in ("manifest.json", "manifest.sig")
    }
    files["manifest.json"] = json.dumps(manifest).encode()
    files["manifest.sig"] = key.sign(files["manifest.json"])
    return write(target, files)
