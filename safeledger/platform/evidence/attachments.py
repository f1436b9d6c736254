"""The attachments an event refers to, and where their bytes are kept.

Events name photos and documents by SHA-256 digest (``sha256``, ``…_digest``,
``…_digests`` fields); their bytes come from the runtime's blob store.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

DIGEST = re.compile(r"^[0-9a-f]{64}$")


def referenced_digests(payload: bytes) -> set[str]:
    """Every attachment digest a stored payload names."""
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
        and DIGEST.match(value)
    ):
        yield value
