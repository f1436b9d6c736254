"""A subscription for SQLite, which has no LISTEN/NOTIFY: it polls the events table.

SQLite admits one writer at a time, so rowids become visible in order and a
poll never skips an event that commits later with a smaller id. Events appended
by this process wake the subscriptions at once (:data:`APPENDS`); those of other
processes are found by the poll.
"""

from __future__ import annotations

from collections.abc import Sequence
from threading import Event, Thread
from typing import Any

from eventsourcing.persistence import (
    ApplicationRecorder,
    ListenNotifySubscription,
    StoredEvent,
)
from eventsourcing.postgres import PostgresApplicationRecorder
from eventsourcing.sqlite import SQLiteApplicationRecorder

from safeledger.projections.wakeup import Wakeup

POLL_INTERVAL_SECONDS = 0.1
# Called whenever this process has appended events to any shard.
APPENDS = Wakeup()


class PollingSubscription(ListenNotifySubscription[ApplicationRecorder]):
    """Wakes the library's pull loop on a timer instead of on a notification."""

    def __init__(
        self,
        recorder: ApplicationRecorder,
        gt: int | None = None,
        topics: Sequence[str] = (),
        interval: float = POLL_INTERVAL_SECONDS,
    ) -> None:
        self._interval = interval
        self._stopped = Event()
        super().__init__(recorder=recorder, gt=gt, topics=topics)
        self._timer = Thread(target=self._tick, daemon=True)
        self._timer.start()

    def _tick(self) -> None:
        while not self._stopped.is_set():
            seen = APPENDS.seen()  # before waking the reader: nothing is missed
            self._has_been_notified.set()
            APPENDS.wait_after(seen, self._interval)

    def stop(self) -> None:
        """Stop polling and the subscription."""
        self._stopped.set()
        super().stop()


class PollingSQLiteApplicationRecorder(SQLiteApplicationRecorder):
    """The library's SQLite recorder, plus subscriptions by polling."""

    def insert_events(
        self, stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> Sequence[int] | None:
        """Append the events, then wake the subscriptions."""
        ids = super().insert_events(stored_events, **kwargs)
        APPENDS.call()
        return ids

    def subscribe(
        self, gt: int | None = None, topics: Sequence[str] = ()
    ) -> PollingSubscription:
        """Follow the events table from after ``gt``."""
        return PollingSubscription(self, gt=gt, topics=topics)


class SignallingPostgresApplicationRecorder(PostgresApplicationRecorder):
    """The library's PostgreSQL recorder, which also wakes this process's readers."""

    def insert_events(
        self, stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> Sequence[int] | None:
        """Append the events, then wake the readers."""
        ids = super().insert_events(stored_events, **kwargs)
        APPENDS.call()
        return ids
