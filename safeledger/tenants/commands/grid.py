"""Commands on a school's grid (网格化管理): places and who answers for them."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any
from uuid import UUID

from safeledger.tenants.commands.base import CommandBase, Recorded
from safeledger.tenants.grid import Grid
from safeledger.tenants.values import PlaceKind, TimeSlot


class GridCommands(CommandBase):
    """Grid management through the ledger; one grid per school."""

    def grid_id(self, school_id: UUID) -> UUID:
        """The id of ``school_id``'s grid."""
        return Grid.create_id(school_id)

    def open_grid(self, school_id: UUID) -> Recorded:
        """Open the grid of a school."""
        school = self.locator.get_tenant(school_id)
        return self.create(school_id, lambda: Grid.open(school))

    def add_place(
        self,
        school_id: UUID,
        *,
        version: int | None = None,
        code: str,
        name: str,
        kind: PlaceKind | str,
        parent_id: UUID | None = None,
    ) -> Recorded:
        """Add a place to the school's grid; ``created_id`` is the place's id."""
        return self._on_grid(
            school_id,
            version,
            lambda g: g.add_place(code=code, name=name, kind=kind, parent_id=parent_id),
        )

    def retire_place(
        self, school_id: UUID, place_id: UUID, version: int | None, reason: str
    ) -> Recorded:
        """Stop using a place; it takes no new assignments."""
        return self._on_grid(
            school_id, version, lambda g: g.retire_place(place_id, reason)
        )

    def assign_place(
        self,
        school_id: UUID,
        version: int | None = None,
        *,
        place_id: UUID,
        person: str,
        role: str,
        slots: Iterable[TimeSlot | dict[str, Any]] | None = None,
        valid_from: datetime | None = None,
        valid_to: datetime | None = None,
    ) -> Recorded:
        """Make a person responsible for a place; ``created_id`` is the assignment's."""
        return self._on_grid(
            school_id,
            version,
            lambda g: g.assign(
                place_id=place_id,
                person=person,
                role=role,
                slots=slots,
                valid_from=valid_from,
                valid_to=valid_to,
            ),
        )

    def end_assignment(
        self,
        school_id: UUID,
        assignment_id: UUID,
        version: int | None,
        *,
        reason: str,
        at: datetime | None = None,
    ) -> Recorded:
        """End an assignment."""
        return self._on_grid(
            school_id, version, lambda g: g.end_assignment(assignment_id, reason, at)
        )

    def hand_over(
        self,
        school_id: UUID,
        assignment_id: UUID,
        version: int | None,
        *,
        to_person: str,
        at: datetime | None = None,
    ) -> Recorded:
        """Pass an assignment to another person in one event."""
        return self._on_grid(
            school_id,
            version,
            lambda g: g.hand_over(assignment_id, to_person=to_person, at=at),
        )

    def _on_grid(
        self, school_id: UUID, version: int | None, action: Callable[[Grid], object]
    ) -> Recorded:
        return self.change(Grid, school_id, self.grid_id(school_id), version, action)
