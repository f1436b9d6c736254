"""Projects grid events into ``grid_places`` and ``grid_assignments``.

Rows are versioned by the grid's version, so each change of a place or an
assignment is kept with the moment it was recorded.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from eventsourcing.dispatch import singledispatchmethod
from eventsourcing.persistence import Tracking
from eventsourcing.projection import Projection
from eventsourcing.utils import get_topic

from safeledger.projections.grid_map.tables import grid_assignments as a
from safeledger.projections.grid_map.tables import grid_places as p
from safeledger.projections.tracking import SQLTrackingRecorder
from safeledger.projections.versioned import current, revise, start
from safeledger.tenants.grid import Grid

EVENTS = (
    Grid.PlaceAdded,
    Grid.PlaceRetired,
    Grid.PersonAssigned,
    Grid.AssignmentEnded,
    Grid.HandedOver,
)


class GridMapProjection(Projection[SQLTrackingRecorder]):
    """Every school's grid, as of any moment."""

    name = "grid_map"
    topics = tuple(get_topic(cls) for cls in EVENTS)
    tables = (p, a)

    @singledispatchmethod
    def process_event(self, domain_event: Any, tracking: Tracking) -> None:
        """Record the position of an event this projection has no use for."""
        self.view.insert_tracking(tracking)

    @process_event.register
    def _(self, event: Grid.PlaceAdded, tracking: Tracking) -> None:
        values = {
            "place_id": event.place_id,
            "tenant_id": event.tenant_id,
            "code": event.code,
            "name": event.name,
            "kind": event.kind,
            "parent_id": event.parent_id,
        }
        self.view.record(tracking, lambda conn: start(conn, p, event, **values))

    @process_event.register
    def _(self, event: Grid.PlaceRetired, tracking: Tracking) -> None:
        key = ("place_id", event.place_id)
        self.view.record(
            tracking,
            lambda conn: revise(conn, p, key, event, retired_at=event.timestamp),
        )

    @process_event.register
    def _(self, event: Grid.PersonAssigned, tracking: Tracking) -> None:
        values = {
            "assignment_id": event.assignment_id,
            "tenant_id": event.tenant_id,
            "place_id": event.place_id,
            "person": event.person,
            "role": event.role,
            "slots": event.slots,
            "valid_from": event.valid_from,
            "valid_to": event.valid_to,
        }
        self.view.record(tracking, lambda conn: start(conn, a, event, **values))

    @process_event.register
    def _(self, event: Grid.AssignmentEnded, tracking: Tracking) -> None:
        key = ("assignment_id", event.assignment_id)
        self.view.record(
            tracking, lambda conn: revise(conn, a, key, event, valid_to=event.ended_at)
        )

    @process_event.register
    def _(self, event: Grid.HandedOver, tracking: Tracking) -> None:
        def write(conn: sa.Connection) -> None:
            key = ("assignment_id", event.assignment_id)
            old = current(conn, a, key)
            revise(conn, a, key, event, valid_to=event.at)
            start(
                conn,
                a,
                event,
                assignment_id=event.new_assignment_id,
                tenant_id=old.tenant_id,
                place_id=old.place_id,
                person=event.to_person,
                role=old.role,
                slots=old.slots,
                valid_from=event.at,
                valid_to=old.valid_to,
            )

        self.view.record(tracking, write)
