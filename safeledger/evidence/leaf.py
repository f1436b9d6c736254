"""The canonical bytes of a ledger leaf, and of a bundle's event and leaf lines.

Standard library only, like ``merkle``. The offline verifier carries its own copy
of these rules; a unit test pins both to the same golden bytes, so the two cannot
drift apart.

A leaf commits to one stored event: its tenant, its index in the tenant's log,
the aggregate and version, the event's topic, the server's recorded-at time, and
SHA-256 of the payload bytes exactly as the store holds them. The leaf bytes are
the compact JSON array

    ["safeledger-leaf/1", tenant, index, originator, version, topic,
     recorded_at, payload_sha256]

(ASCII only, no spaces), which is also its RFC 8785 (JCS) serialisation; the
leaf hash is SHA-256(0x00 || leaf bytes) as RFC 9162 defines it.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

LEAF_FORMAT = "safeledger-leaf/1"


def utc_text(moment: datetime) -> str:
    """An aware datetime as ``YYYY-MM-DDTHH:MM:SS.ffffffZ`` in UTC."""
    if moment.tzinfo is None:
        raise ValueError("leaf times must be timezone-aware")
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def canonical_json(value: Any) -> str:
    """Sorted keys, no spaces, ASCII only: one line per record.

    Every non-ASCII character is a JSON escape, so U+2028, U+2029, U+0085 and
    the like in a record's text can never be taken for a line end.
    """
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=True)


@dataclass(frozen=True)
class Leaf:
    """What one leaf of a tenant's log commits to."""

    tenant_id: str
    index: int
    originator_id: str
    version: int
    topic: str
    recorded_at: str
    payload_sha256: str

    def canonical_bytes(self) -> bytes:
        """The bytes the leaf hash is taken over."""
        fields = [
            LEAF_FORMAT,
            self.tenant_id,
            self.index,
            self.originator_id,
            self.version,
            self.topic,
            self.recorded_at,
            self.payload_sha256,
        ]
        return json.dumps(fields, separators=(",", ":"), ensure_ascii=True).encode()

    def leaf_hash(self) -> bytes:
        """SHA-256(0x00 || canonical bytes), the RFC 9162 leaf hash."""
        return hashlib.sha256(b"\x00" + self.canonical_bytes()).digest()

    def line(self) -> str:
        """The leaf as a line of a bundle's ``leaves.jsonl``, with its hash."""
        return canonical_json(
            {
                "hash": self.leaf_hash().hex(),
                "index": self.index,
                "originator_id": self.originator_id,
                "payload_sha256": self.payload_sha256,
                "recorded_at": self.recorded_at,
                "tenant_id": self.tenant_id,
                "topic": self.topic,
                "version": self.version,
            }
        )


def payload_field(payload: bytes) -> dict[str, str]:
    """The stored payload for an event line: readable text when it is UTF-8."""
    try:
        return {"payload": payload.decode("utf-8")}
    except UnicodeDecodeError:
        return {"payload_base64": base64.b64encode(payload).decode("ascii")}


def event_line(leaf: Leaf, payload: bytes) -> str:
    """One event of a bundle's ``events.jsonl``: the leaf's fields and the payload."""
    return canonical_json(
        {
            "index": leaf.index,
            "originator_id": leaf.originator_id,
            "recorded_at": leaf.recorded_at,
            "tenant_id": leaf.tenant_id,
            "topic": leaf.topic,
            "version": leaf.version,
            **payload_field(payload),
        }
    )
