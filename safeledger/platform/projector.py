"""Runs the projections: one supervised runner per (projection, shard).

In embedded mode the runners are threads of the web process; hosted, they run in
``safeledger projector``. Rebuilding replays a shard's log through the same
projection code the runners use.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass

import sqlalchemy as sa
from eventsourcing.persistence import Tracking
from eventsourcing.projection import BaseProjectionRunner

from safeledger.platform.notifications import follow, project_batch
from safeledger.platform.projection_failures import record_failure
from safeledger.platform.settings import Settings
from safeledger.projections import registry
from safeledger.projections.batch import NotificationProjection
from safeledger.projections.registry import AnyProjection
from safeledger.projections.tracking import SQLTrackingRecorder
from safeledger.tenants.application import Ledger, Recorded

log = logging.getLogger(__name__)

# The registry's projections by name.
PROJECTIONS: dict[str, type[AnyProjection]] = {p.name: p for p in registry.PROJECTIONS}
RESTART_DELAY_SECONDS = 1.0
# A runner reads one shard with one connection (plus its LISTEN connection); the
# store's default pool opens five at once, times every (projection, shard).
RUNNER_POOL_SIZE = "1"
REPLAY_BATCH = 500


def runner_env(settings: Settings, shard: int) -> dict[str, str]:
    """The event-store environment of one runner: a small connection pool."""
    return {**settings.event_store_env(shard), "POSTGRES_POOL_SIZE": RUNNER_POOL_SIZE}


def build(name: str, engine: sa.Engine) -> AnyProjection:
    """The projection called ``name``, writing through ``engine``."""
    try:
        projection_class = PROJECTIONS[name]
    except KeyError:
        known = ", ".join(sorted(PROJECTIONS))
        raise ValueError(f"no projection named {name!r} (known: {known})") from None
    return projection_class(view=SQLTrackingRecorder(engine, name))


@dataclass(frozen=True)
class Lag:
    """How far one projection is behind one shard."""

    projection: str
    application: str
    position: int
    pending: int


class Projector:
    """Keeps every projection following every shard until stopped."""

    def __init__(
        self, settings: Settings, engine: sa.Engine, names: tuple[str, ...] = ()
    ) -> None:
        self.settings = settings
        self.engine = engine
        self.names = names or tuple(PROJECTIONS)
        self._stopping = threading.Event()
        self._threads: list[threading.Thread] = []

    def start(self) -> None:
        """Start one supervised runner thread per (projection, shard)."""
        for name in self.names:
            for shard in range(self.settings.shards):
                thread = threading.Thread(
                    target=self._supervise,
                    args=(name, shard),
                    name=f"projector-{name}-{shard}",
                    daemon=True,
                )
                thread.start()
                self._threads.append(thread)

    def stop(self, timeout: float = 10.0) -> None:
        """Stop every runner and wait for its thread."""
        self._stopping.set()
        for thread in self._threads:
            thread.join(timeout)
        self._threads.clear()

    def run_forever(self) -> None:
        """Start the runners and block until stopped."""
        self.start()
        self._stopping.wait()

    def wait(self, recorded: Recorded, timeout: float) -> bool:
        """Block until every projection has processed ``recorded``; False on timeout."""
        if recorded.notification_id is None:
            return True
        deadline = time.monotonic() + timeout  # one bound for all, not one each
        for name in self.names:
            target = last_followed(recorded, PROJECTIONS[name].topics)
            if target is None:
                continue
            view = SQLTrackingRecorder(self.engine, name)
            remaining = deadline - time.monotonic()
            try:
                if remaining <= 0:
                    raise TimeoutError
                view.wait(recorded.application, target, remaining)
            except TimeoutError:
                return False
        return True

    def _supervise(self, name: str, shard: int) -> None:
        # A runner stops on its first error (a database restart, say); the
        # supervisor logs it and starts a fresh one from the tracked position.
        while not self._stopping.is_set():
            try:
                projection = build(name, self.engine)
                if isinstance(projection, NotificationProjection):
                    env = runner_env(self.settings, shard)
                    follow(projection, Ledger(env=env), self._stopping)
                    continue
                with BaseProjectionRunner(
                    projection=projection,
                    application_class=Ledger,
                    tracking_recorder=projection.view,
                    topics=projection.topics,
                    env=runner_env(self.settings, shard),
                ) as runner:
                    while (
                        not self._stopping.is_set()
                        and not runner.is_interrupted.is_set()
                    ):
                        self._stopping.wait(0.2)
                    runner.run_forever(timeout=0)
            except Exception as error:
                failure = record_failure(self.engine, name, f"ledger_{shard}", error)
                log.exception(
                    "projection %s on shard %s failed after position %s (attempt %s);"
                    " restarting",
                    name,
                    shard,
                    failure.position,
                    failure.attempts,
                )
                self._stopping.wait(RESTART_DELAY_SECONDS)


def last_followed(recorded: Recorded, topics: tuple[str, ...]) -> int | None:
    """The id of the command's last event a projection follows, if any.

    A command's events are stored together, so their ids are consecutive; a
    projection that follows only some of them never reaches the last one. No
    topics means no filter: such a projection (the audit trail, the evidence
    ledger) follows every event.
    """
    if recorded.notification_id is None:
        return None
    if not topics:
        return recorded.notification_id
    first = recorded.notification_id - len(recorded.topics) + 1
    ids = [first + i for i, topic in enumerate(recorded.topics) if topic in topics]
    return ids[-1] if ids else None


def catch_up(settings: Settings, engine: sa.Engine, name: str) -> int:
    """Process every event not yet projected by ``name``; returns how many were new."""
    projection = build(name, engine)
    processed = 0
    for shard in range(settings.shards):
        ledger = Ledger(env=settings.event_store_env(shard))
        try:
            position = projection.view.max_tracking_id(ledger.name) or 0
            while True:
                batch = ledger.recorder.select_notifications(
                    start=position,
                    limit=REPLAY_BATCH,
                    topics=projection.topics,
                    inclusive_of_start=False,
                )
                if isinstance(projection, NotificationProjection):
                    project_batch(projection, ledger, batch)
                else:
                    for notification in batch:
                        event = ledger.mapper.to_domain_event(notification)
                        projection.process_event(
                            event, Tracking(ledger.name, notification.id)
                        )
                processed += len(batch)
                if len(batch) < REPLAY_BATCH:
                    break
                position = batch[-1].id
        finally:
            ledger.close()
    return processed


def rebuild(settings: Settings, engine: sa.Engine, name: str) -> int:
    """Empty ``name``'s tables and replay every shard from the start."""
    projection = build(name, engine)

    def clear(conn: sa.Connection) -> None:
        for table in projection.tables:
            conn.execute(sa.delete(table))

    projection.view.reset(clear)
    return catch_up(settings, engine, name)


def status(settings: Settings, engine: sa.Engine) -> list[Lag]:
    """Each projection's position and pending events, per shard."""
    lags = []
    for shard in range(settings.shards):
        ledger = Ledger(env=settings.event_store_env(shard))
        try:
            for name in PROJECTIONS:
                projection = build(name, engine)
                position = projection.view.max_tracking_id(ledger.name) or 0
                pending = _count_after(ledger, position, projection.topics)
                lags.append(Lag(name, ledger.name, position, pending))
        finally:
            ledger.close()
    return lags


def _count_after(ledger: Ledger, position: int, topics: tuple[str, ...]) -> int:
    count = 0
    while True:
        batch = ledger.recorder.select_notifications(
            start=position, limit=REPLAY_BATCH, topics=topics, inclusive_of_start=False
        )
        count += len(batch)
        if len(batch) < REPLAY_BATCH:
            return count
        position = batch[-1].id
