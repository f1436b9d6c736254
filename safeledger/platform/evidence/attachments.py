"""The attachments an event refers to, and where their bytes are kept.

Events name photos and documents by SHA-256 digest (``sha256``, ``…_digest``,
``…_digests`` fields); their bytes come from the runtime's blob store.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

DIGEST = re.compile(r"[0-9a-f]{64}")
REDACTED_TOPIC = ":Attachment.Redacted"


def referenced_digests(payload: bytes) -> set[str]:
    """Every attachment digest a stored payload names."""
    if b"sha256" not in payload and b"_digest" not in payload:
        return set()  # most events name none; parsing them all cost a third
    try:
        document = json.loads(payload)
    except ValueError:
        return set()
    return set(_digests(document))


def _digests(value: Any, key: str = "") -> Iterator[str]:
    if isinstance(value, dict):
        for name, item in value.items():
            yield from _digests(item, name)
    elif isinstance(value, list):
        for item in value:
            yield from _digests(item, key)
    elif (
        isinstance(value, str)
        and (key == "sha256" or key.endswith(("_digest", "_digests")))
        and DIGEST.fullmatch(value)
    ):
        yield value


def redacted_digest(topic: str, payload: bytes) -> str | None:
    """The digest a redaction decision withholds, if the event is one."""
    if not topic.endswith(REDACTED_TOPIC):
        return None
    try:
        value = json.loads(payload).get("sha256")
    except (ValueError, AttributeError):
        return None
    return value if isinstance(value, str) and DIGEST.fullmatch(value) else None
