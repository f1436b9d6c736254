"""Feeds notification projections (the evidence ledger) from a shard's log.

The projection is given each batch of stored notifications with their raw
``state`` bytes, which the library's runners would decode before handing over.
The follower polls: after a full batch it reads on at once, otherwise it waits a
moment, or until this process appends events, so it keeps up under load and costs
little when idle.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

from eventsourcing.persistence import Notification

from safeledger.platform.store.polling import APPENDS
from safeledger.projections.batch import NotificationProjection
from safeledger.tenants.application import Ledger

BATCH = 500
POLL_SECONDS = 0.2


def project_batch(
    projection: NotificationProjection,
    ledger: Ledger,
    batch: Sequence[Notification],
) -> None:
    """Hand one batch of ``ledger``'s notifications to the projection."""
    projection.process_notifications(ledger.name, batch, ledger.mapper)


def follow(
    projection: NotificationProjection, ledger: Ledger, stopping: threading.Event
) -> None:
    """Project ``ledger``'s notifications as they come until ``stopping`` is set."""
    try:
        position = projection.view.max_tracking_id(ledger.name) or 0
        while not stopping.is_set():
            seen = APPENDS.seen()
            batch = list(
                ledger.recorder.select_notifications(
                    start=position, limit=BATCH, inclusive_of_start=False
                )
            )
            if batch:
                project_batch(projection, ledger, batch)
                position = batch[-1].id
            if len(batch) < BATCH:
                APPENDS.wait_after(seen, POLL_SECONDS)
    finally:
        ledger.close()
