"""A subscription for SQLite, which has no LISTEN/NOTIFY: it polls the events table.

SQLite admits one writer at a time, so rowids become visible in order and a
poll never skips an event that commits later with a smaller id.
"""

from __future__ import annotations

from collections.abc import Sequence
from threading import Event, Thread

from eventsourcing.persistence import ApplicationRecorder, ListenNotifySubscription
from eventsourcing.sqlite import SQLiteApplicationRecorder

POLL_INTERVAL_SECONDS = 0.1


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
        while not self._stopped.wait(self._interval):
            self._has_been_notified.set()

    def stop(self) -> None:
        """Stop polling and the subscription."""
        self._stopped.set()
        super().stop()


class PollingSQLiteApplicationRecorder(SQLiteApplicationRecorder):
    """The library's SQLite recorder, plus subscriptions by polling."""

    def subscribe(
        self, gt: int | None = None, topics: Sequence[str] = ()
    ) -> PollingSubscription:
        """Follow the events table from after ``gt``."""
        return PollingSubscription(self, gt=gt, topics=topics)
