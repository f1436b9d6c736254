"""Projections that fail on an event say so, instead of retrying in silence.

A runner that stops on an error is restarted from its tracked position, so an
event it cannot project fails again and again while every later event waits.
Each failure is kept here against the position it stopped at; ``projections
status`` shows it while the projection is still stuck there.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from safeledger.projections.schema import UTCDateTime, metadata, write_transaction
from safeledger.projections.tracking import SQLTrackingRecorder
from safeledger.tenants.context import utc_now

projection_failures = sa.Table(
    "projection_failures",
    metadata,
    sa.Column("projection", sa.String(64), primary_key=True),
    sa.Column("application", sa.String(64), primary_key=True),
    # The last position projected: the failing event is the next one after it.
    sa.Column("position", sa.BigInteger, nullable=False),
    sa.Column("error", sa.Text, nullable=False),
    sa.Column("attempts", sa.Integer, nullable=False),
    sa.Column("failed_at", UTCDateTime, nullable=False),
)


@dataclass(frozen=True)
class Failure:
    """A projection stuck after ``position`` of ``application``, and why."""

    projection: str
    application: str
    position: int
    error: str
    attempts: int


def record_failure(
    engine: sa.Engine, projection: str, application: str, error: BaseException
) -> Failure:
    """Keep (or count again) the failure of ``projection`` on ``application``."""
    position = SQLTrackingRecorder(engine, projection).max_tracking_id(application) or 0
    text = f"{type(error).__name__}: {error}"[:4000]
    key = (
        projection_failures.c.projection == projection,
        projection_failures.c.application == application,
    )
    with write_transaction(engine) as conn:
        earlier = conn.execute(
            sa.select(
                projection_failures.c.position, projection_failures.c.attempts
            ).where(*key)
        ).first()
        attempts = 1 + (
            earlier.attempts if earlier and earlier.position == position else 0
        )
        values = {"position": position, "error": text, "attempts": attempts}
        if earlier is None:
            conn.execute(
                sa.insert(projection_failures).values(
                    projection=projection,
                    application=application,
                    failed_at=utc_now(),
                    **values,
                )
            )
        else:
            conn.execute(
                sa.update(projection_failures)
                .where(*key)
                .values(failed_at=utc_now(), **values)
            )
    return Failure(projection, application, position, text, attempts)


def stuck(engine: sa.Engine) -> list[Failure]:
    """Failures of projections still at the position they failed at."""
    with engine.connect() as conn:
        rows = conn.execute(sa.select(projection_failures)).all()
    failures = []
    for row in rows:
        now_at = SQLTrackingRecorder(engine, row.projection).max_tracking_id(
            row.application
        )
        if (now_at or 0) == row.position:
            failures.append(
                Failure(
                    row.projection,
                    row.application,
                    row.position,
                    row.error,
                    row.attempts,
                )
            )
    return failures
