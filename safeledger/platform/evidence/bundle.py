"""Writing an evidence bundle: a zip whose every file the signed manifest digests.

Layout::

    manifest.json  manifest.sig        scope, algorithms, file digests; signature
    checkpoint.txt checkpoint.sig      the signed checkpoint (openssl-checkable)
    events.jsonl                       one canonical JSON line per event
    leaves.jsonl                       every leaf from the range start to the size
    proofs/prefix.json                 compact range of the leaves before the start
    proofs/inclusion.jsonl             one inclusion proof per event (subsets)
    proofs/consistency.jsonl           from each earlier published checkpoint
    keys/history.json keys/<id>.pem    the public-key history
    attachments/<sha256>               attachments the events refer to
    safeledger_verify.py README.txt    the offline verifier and how to use it
"""

from __future__ import annotations

import base64
import hashlib
import json
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from safeledger.evidence.leaf import canonical_json
from safeledger.platform.evidence.keys import Signer

FORMAT = "safeledger-evidence-bundle/1"
VERIFIER = Path(__file__).resolve().parents[2] / "evidence" / "verifier.py"
ALGORITHMS = {
    "leaf": "SHA-256(0x00 || leaf bytes), RFC 9162 section 2.1.1",
    "leaf_bytes": '["safeledger-leaf/1",tenant,index,originator,version,topic,'
    "recorded_at,sha256(payload)] as compact ASCII JSON (RFC 8785)",
    "node": "SHA-256(0x01 || left || right), RFC 9162 section 2.1.1",
    "proofs": "RFC 9162 sections 2.1.3 (inclusion) and 2.1.4 (consistency)",
    "signature": "Ed25519 (RFC 8032) over the exact bytes of the signed file",
    "file_digest": "SHA-256",
}


def b64(data: bytes) -> str:
    """Standard base64 text."""
    return base64.b64encode(data).decode("ascii")


class BundleWriter:
    """Adds files to a bundle zip, keeping the digest and size of each."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.files: dict[str, dict[str, Any]] = {}
        self._zip = zipfile.ZipFile(
            path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6
        )

    def add(self, name: str, data: bytes | str) -> None:
        """Add one file."""
        raw = data.encode("utf-8") if isinstance(data, str) else data
        self._zip.writestr(name, raw)
        self.files[name] = {"sha256": hashlib.sha256(raw).hexdigest(), "size": len(raw)}

    def add_lines(self, name: str, lines: Iterable[str]) -> int:
        """Stream a JSON-lines file into the zip; returns how many lines."""
        digest, size, count = hashlib.sha256(), 0, 0
        with self._zip.open(name, "w", force_zip64=True) as member:
            chunk: list[bytes] = []
            for line in lines:
                chunk.append(line.encode("utf-8") + b"\n")
                count += 1
                if len(chunk) >= 1000:
                    size += _flush(member, digest, chunk)
            size += _flush(member, digest, chunk)
        self.files[name] = {"sha256": digest.hexdigest(), "size": size}
        return count

    def add_file(self, name: str, source: Path) -> None:
        """Add a file from disk."""
        self.add(name, source.read_bytes())

    def seal(self, manifest: dict[str, Any], signer: Signer) -> None:
        """Write the manifest of every file so far, signed, and close the zip."""
        manifest = {**manifest, "files": dict(sorted(self.files.items()))}
        text = json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False)
        raw = (text + "\n").encode("utf-8")
        self._zip.writestr("manifest.json", raw)
        self._zip.writestr("manifest.sig", signer.sign(raw))
        self.close()

    def close(self) -> None:
        """Close the zip (also after a failure)."""
        self._zip.close()


def _flush(member: Any, digest: Any, chunk: list[bytes]) -> int:
    data = b"".join(chunk)
    chunk.clear()
    digest.update(data)
    member.write(data)
    return len(data)


def proof_lines(proofs: Iterable[tuple[int, int, list[bytes]]]) -> Iterable[str]:
    """Inclusion proofs as JSON lines: leaf index, tree size, hashes."""
    for index, size, proof in proofs:
        yield canonical_json(
            {"index": index, "proof": [b64(h) for h in proof], "tree_size": size}
        )


def consistency_line(checkpoint: Any, size: int, proof: list[bytes]) -> str:
    """An earlier signed checkpoint and the proof that the bundle's extends it."""
    return canonical_json(
        {
            "proof": [b64(h) for h in proof],
            "signature": b64(bytes(checkpoint.signature)),
            "text": checkpoint.text,
            "to_size": size,
        }
    )
