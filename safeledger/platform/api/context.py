"""Request context for API commands: who acts, under which request id."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from flask import current_app, g, request

from safeledger.platform.runtime import Runtime
from safeledger.projections.scope import Scope
from safeledger.tenants import context

# Until accounts exist every API caller is the same unauthenticated actor; the
# events say so rather than pretend to know who it was.
UNAUTHENTICATED = "api:unauthenticated"


def reader_scope() -> Scope:
    """The tenants the current caller may read; every read-model query takes it."""
    # Until accounts exist every caller is the same unauthenticated actor, who
    # sees everything; the access checks will narrow this per caller.
    return getattr(g, "scope", None) or Scope.everything()


def runtime() -> Runtime:
    """The platform runtime of the current app."""
    return current_app.extensions["safeledger"]


@contextmanager
def command_context() -> Iterator[None]:
    """Stamp events created in the block with the caller and the request id."""
    request_id = request.headers.get("X-Request-Id") or uuid.uuid4().hex
    with context.acting_as(UNAUTHENTICATED, request_id=request_id[:64]):
        yield
