"""Projections fed the stored notifications themselves, a batch at a time.

``eventsourcing``'s runners hand a projection decoded domain events. The evidence
ledger must commit to the payload bytes exactly as stored, so it is given the
notifications (with their ``state`` bytes) and the shard's mapper to decode them.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from typing import Any, ClassVar

import sqlalchemy as sa
from eventsourcing.persistence import Mapper, Notification

from safeledger.projections.tracking import SQLTrackingRecorder


class NotificationProjection(ABC):
    """A named projection that processes raw notifications in batches."""

    name: ClassVar[str]
    # No topic filter: every stored event is processed.
    topics: ClassVar[tuple[str, ...]] = ()
    tables: ClassVar[tuple[sa.Table, ...]] = ()

    def __init__(self, view: SQLTrackingRecorder) -> None:
        self.view = view

    @abstractmethod
    def process_notifications(
        self,
        application_name: str,
        notifications: Sequence[Notification],
        mapper: Mapper[Any],
    ) -> None:
        """Project a batch, in notification order, with its tracking position."""
