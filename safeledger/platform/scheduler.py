"""The embedded scheduler: ``rq cron``'s schedule, run in a thread of the web process.

Under ``make run`` there is no Redis and no cron process, yet deadlines still pass:
this thread runs the same entries as
:mod:`safeledger.platform.background.schedule`, inline, with the process's runtime.
One instance folder has one scheduler: a lock file keeps a second process on the
same folder from running the schedule twice (each job is idempotent anyway).
"""

from __future__ import annotations

import fcntl
import logging
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TextIO

from croniter import croniter

from safeledger.platform.background.runner import using_runtime
from safeledger.platform.runtime import Runtime

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Entry:
    """One scheduled job: every ``interval`` seconds, or on a cron expression."""

    function: Callable[[], Any]
    interval: float | None = None
    cron: str | None = None

    @property
    def name(self) -> str:
        """The job's name, as ``safeledger jobs run`` knows it."""
        return self.function.__name__

    def next_after(self, moment: datetime) -> datetime:
        """When the entry is due next after ``moment`` (local time for cron)."""
        if self.cron is not None:
            return croniter(self.cron, moment).get_next(datetime)
        assert self.interval is not None
        return datetime.fromtimestamp(moment.timestamp() + self.interval).astimezone()


def scheduled() -> list[Entry]:
    """The schedule ``rq cron`` runs in hosted mode, as entries."""
    from safeledger.platform.background.schedule import SCHEDULE

    return [
        Entry(function, when.get("interval"), when.get("cron"))
        for function, _queue, when in SCHEDULE
    ]


def find(name: str) -> Entry:
    """The scheduled job called ``name``; KeyError names the known ones."""
    for entry in scheduled():
        if entry.name == name:
            return entry
    known = ", ".join(sorted(e.name for e in scheduled()))
    raise KeyError(f"no scheduled job {name!r}; known: {known}")


def run_once(runtime: Runtime, entry: Entry) -> Any:
    """Run one scheduled job now, inline, with ``runtime``."""
    with using_runtime(runtime):
        return entry.function()


class EmbeddedScheduler:
    """A daemon thread running the schedule until stopped."""

    def __init__(
        self,
        runtime: Runtime,
        entries: Sequence[Entry] | None = None,
        *,
        tick: float = 1.0,
    ) -> None:
        self.runtime = runtime
        self.entries = list(entries if entries is not None else scheduled())
        self.tick = tick
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self._lock_file: TextIO | None = None

    def start(self) -> bool:
        """Start the thread, unless another process runs this instance's schedule."""
        if not self._claim():
            log.info("another process runs this instance's schedule")
            return False
        self._thread = threading.Thread(
            target=self._run, name="safeledger-scheduler", daemon=True
        )
        self._thread.start()
        return True

    def stop(self) -> None:
        """Stop after the job in progress, and let another process take over."""
        self._stopping.set()
        if self._thread is not None:
            self._thread.join(timeout=30)
        if self._lock_file is not None:
            self._lock_file.close()
            self._lock_file = None

    def _claim(self) -> bool:
        path = self.runtime.settings.instance_path / "scheduler.lock"
        path.parent.mkdir(parents=True, exist_ok=True)
        lock = path.open("w")
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            lock.close()
            return False
        self._lock_file = lock
        return True

    def _run(self) -> None:
        now = datetime.now().astimezone()
        # Interval jobs run at start (a restart catches up at once); cron jobs wait.
        due = {
            entry.name: now if entry.interval is not None else entry.next_after(now)
            for entry in self.entries
        }
        while not self._stopping.is_set():
            now = datetime.now().astimezone()
            for entry in self._due(due, now):
                self._run_entry(entry)
                due[entry.name] = entry.next_after(datetime.now().astimezone())
            self._stopping.wait(self.tick)

    def _due(self, due: dict[str, datetime], now: datetime) -> Iterable[Entry]:
        return [e for e in self.entries if due[e.name] <= now]

    def _run_entry(self, entry: Entry) -> None:
        try:
            run_once(self.runtime, entry)
        except Exception:
            # One failing job must not stop the others; the next tick retries it.
            log.exception("scheduled job %s failed", entry.name)
