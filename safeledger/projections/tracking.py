"""A tracking recorder on SQLAlchemy: rows and position commit together.

``eventsourcing``'s projection runner calls the projection for each event; the
projection hands its row writes to :meth:`SQLTrackingRecorder.record`, which runs
them in the same transaction as the new tracking position, and skips an event
whose position is already recorded (a replay, or a second runner).

A read-your-writes wait is woken when a runner of the same process commits a
position, so it answers as soon as the projection does; positions committed by
another process (a hosted projector) are seen by polling, with backoff.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from time import monotonic

import sqlalchemy as sa
from eventsourcing.persistence import Tracking, TrackingRecorder, WaitInterruptedError

from safeledger.projections.schema import projection_tracking, write_transaction
from safeledger.projections.wakeup import Wakeup

Write = Callable[[sa.Connection], None]
BatchWrite = Callable[[sa.Connection, int | None], None]
# Polling bounds for positions another process commits.
FIRST_POLL_SECONDS, LAST_POLL_SECONDS = 0.05, 0.8


# Called whenever this process commits a position of any projection.
COMMITS = Wakeup()


class SQLTrackingRecorder(TrackingRecorder):
    """Tracking positions of one projection, in the read-model database."""

    def __init__(self, engine: sa.Engine, projection: str) -> None:
        self.engine = engine
        self.projection = projection

    def record(self, tracking: Tracking, write: Write) -> bool:
        """Run ``write`` and advance the position atomically; False if seen before."""
        with write_transaction(self.engine) as conn:
            self._serialise(conn)
            seen = self._position(conn, tracking.application_name)
            if seen is not None and seen >= tracking.notification_id:
                return False
            write(conn)
            self._advance(conn, tracking, seen)
        COMMITS.call()
        return True

    def record_batch(self, tracking: Tracking, write: BatchWrite) -> bool:
        """Like :meth:`record` for a batch ending at ``tracking``.

        ``write`` is told the position already recorded, so it can skip the part
        of the batch that a replay or another runner has processed before.
        """
        with write_transaction(self.engine) as conn:
            self._serialise(conn)
            seen = self._position(conn, tracking.application_name)
            if seen is not None and seen >= tracking.notification_id:
                return False
            write(conn, seen)
            self._advance(conn, tracking, seen)
        COMMITS.call()
        return True

    def insert_tracking(self, tracking: Tracking) -> None:
        """Record a position with no rows (an event this projection ignores)."""
        self.record(tracking, lambda conn: None)

    def wait(
        self,
        application_name: str,
        notification_id: int | None,
        timeout: float = 1.0,
        interrupt: threading.Event | None = None,
    ) -> None:
        """Block until ``notification_id`` of ``application_name`` is processed.

        Woken by every commit of a position in this process; raises TimeoutError
        after ``timeout`` seconds, WaitInterruptedError once ``interrupt`` is set.
        """
        deadline = monotonic() + timeout
        poll = FIRST_POLL_SECONDS
        while True:
            seen = COMMITS.seen()  # before the check, so no commit goes unnoticed
            if self.has_tracking_id(application_name, notification_id):
                return
            if interrupt is not None and interrupt.is_set():
                raise WaitInterruptedError
            remaining = deadline - monotonic()
            if remaining <= 0:
                raise TimeoutError(
                    f"timed out waiting for notification {notification_id} of "
                    f"{application_name} in projection {self.projection}"
                )
            COMMITS.wait_after(seen, min(poll, remaining))
            poll = min(poll * 2, LAST_POLL_SECONDS)

    def max_tracking_id(self, application_name: str) -> int | None:
        """The last notification id processed from ``application_name``."""
        with self.engine.connect() as conn:
            return self._position(conn, application_name)

    def positions(self) -> dict[str, int]:
        """Every application's position for this projection."""
        query = sa.select(
            projection_tracking.c.application, projection_tracking.c.notification_id
        ).where(projection_tracking.c.projection == self.projection)
        with self.engine.connect() as conn:
            return dict(conn.execute(query).tuples().all())

    def reset(self, clear: Write) -> None:
        """Forget every position and let ``clear`` delete the rows, atomically."""
        with write_transaction(self.engine) as conn:
            self._serialise(conn)
            clear(conn)
            conn.execute(
                sa.delete(projection_tracking).where(
                    projection_tracking.c.projection == self.projection
                )
            )

    def _serialise(self, conn: sa.Connection) -> None:
        # Runners of different shards write overlapping rows (a parent's path is
        # read to place its child); one transaction at a time keeps them exact.
        # SQLite gets the same from BEGIN IMMEDIATE (see safeledger.platform.db).
        if conn.dialect.name == "postgresql":
            conn.execute(
                sa.text("SELECT pg_advisory_xact_lock(hashtext(:name))"),
                {"name": f"projection:{self.projection}"},
            )

    def _position(self, conn: sa.Connection, application: str) -> int | None:
        return conn.execute(
            sa.select(projection_tracking.c.notification_id).where(
                projection_tracking.c.projection == self.projection,
                projection_tracking.c.application == application,
            )
        ).scalar_one_or_none()

    def _advance(
        self, conn: sa.Connection, tracking: Tracking, seen: int | None
    ) -> None:
        if seen is None:
            conn.execute(
                sa.insert(projection_tracking).values(
                    projection=self.projection,
                    application=tracking.application_name,
                    notification_id=tracking.notification_id,
                )
            )
        else:
            conn.execute(
                sa.update(projection_tracking)
                .where(
                    projection_tracking.c.projection == self.projection,
                    projection_tracking.c.application == tracking.application_name,
                )
                .values(notification_id=tracking.notification_id)
            )
