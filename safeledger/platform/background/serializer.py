"""Job payloads as JSON; rq cron's own argument-free pickles read without classes.

``rq cron`` (RQ 3) enqueues with pickle and offers no serializer option. Its
payloads for our schedule are plain tuples of strings, so they are read with an
unpickler that refuses every class: nothing but data can come out of Redis.
"""

from __future__ import annotations

import io
import json
import pickle
from typing import Any

PICKLE_PROTOCOL_MARK = b"\x80"


class _DataOnlyUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        raise pickle.UnpicklingError(f"refusing to load {module}.{name} from a job")


class JobSerializer:
    """JSON out; JSON or a class-free pickle in."""

    @staticmethod
    def dumps(obj: Any) -> bytes:
        """Encode a job's payload as JSON."""
        return json.dumps(obj, ensure_ascii=False).encode()

    @staticmethod
    def loads(data: bytes) -> Any:
        """Decode JSON, or a class-free pickle written by ``rq cron``."""
        if data[:1] == PICKLE_PROTOCOL_MARK:
            return _DataOnlyUnpickler(io.BytesIO(data)).load()
        return json.loads(data.decode())


# The dotted path `rq worker --serializer` takes.
SERIALIZER_PATH = "safeledger.platform.background.serializer.JobSerializer"
