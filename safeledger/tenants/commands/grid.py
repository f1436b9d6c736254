"""Commands on a school's grid (网格化管理): places and who answers for them."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from safeledger.tenants.commands.base import CommandBase, Recorded
from safeledger.tenants.grid import Grid


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
        self, school_id: UUID, *, version: int | None = None, **place: Any
    ) -> Recorded:
        """Add a place to the school's grid; ``created_id`` is the place's id."""
        return self._on_grid(school_id, version, lambda g: g.add_place(**place))

    def retire_place(
        self, school_id: UUID, place_id: UUID, version: int | None, reason: str
    ) -> Recorded:
        """Stop using a place; it takes no new assignments."""
        return self._on_grid(
            school_id, version, lambda g: g.retire_place(place_id, reason)
        )

    def assign_place(
        self, school_id: UUID, version: int | None, **details: Any
    ) -> Recorded:
        """Make a person responsible for a place; ``created_id`` is the assignment's."""
        return self._on_grid(school_id, version, lambda g: g.assign(**details))

    def end_assignment(
        self, school_id: UUID, assignment_id: UUID, version: int | None, **details: Any
    ) -> Recorded:
        """End an assignment."""
        return self._on_grid(
            school_id, version, lambda g: g.end_assignment(assignment_id, **details)
        )

    def hand_over(
        self, school_id: UUID, assignment_id: UUID, version: int | None, **details: Any
    ) -> Recorded:
        """Pass an assignment to another person in one event."""
        return self._on_grid(
            school_id, version, lambda g: g.hand_over(assignment_id, **details)
        )

    def _on_grid(self, school_id: UUID, version: int | None, action: Any) -> Recorded:
        return self.change(Grid, school_id, self.grid_id(school_id), version, action)
