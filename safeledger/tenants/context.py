"""Who is acting, on whose ledger, and by which clock: request context for events.

The platform sets these ContextVars (per request, per job, per CLI command); every
event reads them when it is created, so no command method has to pass them along.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime
from uuid import UUID

from safeledger.tenants.errors import MissingContextError

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    """The server's clock, timezone-aware in UTC."""
    return datetime.now(tz=UTC)


_actor: ContextVar[str | None] = ContextVar("safeledger_actor", default=None)
_request_id: ContextVar[str | None] = ContextVar("safeledger_request_id", default=None)
_ledger: ContextVar[UUID | None] = ContextVar("safeledger_ledger", default=None)
_clock: ContextVar[Clock] = ContextVar("safeledger_clock", default=utc_now)


@contextmanager
def acting_as(actor: str, request_id: str | None = None) -> Iterator[None]:
    """Attribute every event created inside the block to ``actor``."""
    if not actor:
        raise MissingContextError("actor")
    tokens = (_actor.set(actor), _request_id.set(request_id))
    try:
        yield
    finally:
        _actor.reset(tokens[0])
        _request_id.reset(tokens[1])


@contextmanager
def on_ledger(tenant_id: UUID) -> Iterator[None]:
    """Put every event created inside the block into ``tenant_id``'s ledger."""
    token = _ledger.set(tenant_id)
    try:
        yield
    finally:
        _ledger.reset(token)


@contextmanager
def using_clock(clock: Clock) -> Iterator[None]:
    """Read recorded-at times from ``clock`` inside the block (sweeps, tests)."""
    token = _clock.set(clock)
    try:
        yield
    finally:
        _clock.reset(token)


def current_actor() -> str:
    """The acting user or process; an event cannot be created without one."""
    actor = _actor.get()
    if actor is None:
        raise MissingContextError("actor")
    return actor


def current_request_id() -> str | None:
    """The request or job that caused the event, when there is one."""
    return _request_id.get()


def current_ledger() -> UUID:
    """The tenant whose ledger the event goes into."""
    tenant_id = _ledger.get()
    if tenant_id is None:
        raise MissingContextError("tenant")
    return tenant_id


def now() -> datetime:
    """The current time by the context's clock."""
    return _clock.get()()
