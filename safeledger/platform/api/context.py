"""Request context for API commands: who acts, under which request id."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from flask import current_app, request

from safeledger.platform.runtime import Runtime
from safeledger.tenants import context

# Until accounts exist every API caller is the same unauthenticated actor; the
# events say so rather than pretend to know who it was.
UNAUTHENTICATED = "api:unauthenticated"


def runtime() -> Runtime:
    """The platform runtime of the current app."""
    return current_app.extensions["safeledger"]


@contextmanager
def command_context() -> Iterator[None]:
    """Stamp events created in the block with the caller and the request id."""
    request_id = request.headers.get("X-Request-Id") or uuid.uuid4().hex
    with context.acting_as(UNAUTHENTICATED, request_id=request_id[:64]):
        yield
