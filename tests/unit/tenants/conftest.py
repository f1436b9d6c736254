"""Fixtures for the domain's unit tests: a request context and a clock to steer.

A module opts in with ``pytestmark = pytest.mark.usefixtures("request_context")``;
tests that check what happens without a context simply leave it out.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID, uuid4

import pytest
from eventsourcing.application import Application

from safeledger.tenants import context

START = datetime(2025, 3, 10, 9, 0, tzinfo=UTC)


class FakeClock:
    """A clock that stands still until a test moves it."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        """Move the clock on by ``timedelta(**delta)`` and return the new now."""
        self.now += timedelta(**delta)
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    """The context clock, standing at START."""
    return FakeClock(START)


@pytest.fixture
def ledger_id() -> UUID:
    """The tenant whose ledger the test's events go into."""
    return uuid4()


@pytest.fixture
def request_context(clock: FakeClock, ledger_id: UUID) -> Iterator[None]:
    """Act as "tester" on ``ledger_id``'s ledger, by ``clock``."""
    with (
        context.acting_as("tester", request_id="req-1"),
        context.on_ledger(ledger_id),
        context.using_clock(clock),
    ):
        yield


def _state(aggregate: Any) -> dict[str, Any]:
    return copy.deepcopy(
        {k: v for k, v in vars(aggregate).items() if k != "_pending_events"}
    )


@pytest.fixture
def refused() -> Callable[..., Any]:
    """Run a command that must fail; check it recorded and changed nothing."""

    def check(
        aggregate: Any, error: type[Exception], command: Callable[..., Any], *a, **kw
    ) -> Any:
        before, pending = _state(aggregate), list(aggregate.pending_events)
        with pytest.raises(error) as raised:
            command(*a, **kw)
        assert aggregate.pending_events == pending
        assert _state(aggregate) == before
        return raised.value

    return check


@pytest.fixture
def reloaded() -> Callable[[Any], Any]:
    """Store an aggregate's events through the JSON transcoder and replay them."""
    app = Application(env={"PERSISTENCE_MODULE": "eventsourcing.popo"})

    def reload(aggregate: Any) -> Any:
        app.save(aggregate)
        return app.repository.get(aggregate.id)

    return reload
