"""Grid management (网格化管理): every place and time slot has a responsible person.

One grid per school holds the campus's places (nested: a floor in a building) and
who is responsible for each, in which weekly slots, from when until when. A
place with nobody of its own on duty is covered by whoever is on duty for the
place it sits in, so a building's person answers for its floors until someone
is named for a floor.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid4, uuid5

from eventsourcing.domain import event

from safeledger.tenants import context
from safeledger.tenants.errors import ConflictError, InvalidValueError, NotFoundError
from safeledger.tenants.hierarchy import Tenant, TenantKind, clean_text
from safeledger.tenants.ledger import LedgerAggregate
from safeledger.tenants.values import (
    Assignment,
    Place,
    PlaceKind,
    TimeSlot,
    aware,
    choice,
    given_reason,
    overlaps,
)

GRID_NAMESPACE = uuid5(NAMESPACE_URL, "https://safeledger.example/grids")


class NotASchoolError(ConflictError):
    """Grids are kept per school."""

    rule = "grid_per_school"
    field = "school_id"


class DuplicatePlaceCodeError(ConflictError):
    """Place codes are unique within a grid."""

    rule = "place_code_unique_in_grid"
    field = "code"


class UnknownPlaceError(NotFoundError):
    """The grid has no place with this id."""

    field = "place_id"


class RetiredPlaceError(ConflictError):
    """A retired place takes no new places under it and no new assignments."""

    rule = "place_active"
    field = "place_id"


class ActiveChildrenError(ConflictError):
    """A place is retired only after the places inside it."""

    rule = "children_retired_first"
    field = "place_id"


class UnknownAssignmentError(NotFoundError):
    """The grid has no assignment with this id."""

    field = "assignment_id"


class AssignmentNotActiveError(ConflictError):
    """Only an assignment in force at the moment can be handed over or ended."""

    rule = "assignment_active"
    field = "assignment_id"


class OverlappingAssignmentError(ConflictError):
    """A person is assigned to a place once for any period."""

    rule = "one_assignment_per_person_and_place"
    field = "person"


class HandoverError(InvalidValueError):
    """A handover passes the duty to somebody else."""

    rule = "handover_to_another_person"
    field = "to_person"


class ValidityError(InvalidValueError):
    """An assignment ends after it starts."""

    rule = "valid_to_after_valid_from"
    field = "valid_to"


class Grid(LedgerAggregate):
    """The places of one school and who is responsible for each, when."""

    @staticmethod
    def create_id(school_id: UUID) -> UUID:
        """Derive the id from the school, so each school has one grid."""
        return uuid5(GRID_NAMESPACE, school_id.hex)

    @event("Opened")
    def __init__(self, *, school_id: UUID) -> None:
        self.school_id = school_id
        self.places: dict[UUID, Place] = {}
        self.assignments: dict[UUID, Assignment] = {}

    @classmethod
    def open(cls, school: Tenant) -> Grid:
        """Open the grid of ``school``."""
        if school.kind is not TenantKind.SCHOOL:
            raise NotASchoolError(f"{school.name} is not a school")
        return cls(school_id=school.id)

    def place_id_for(self, code: str) -> UUID:
        """The id a place with ``code`` has in this grid."""
        return uuid5(self.id, code)

    def add_place(
        self,
        *,
        code: str,
        name: str,
        kind: PlaceKind | str,
        parent_id: UUID | None = None,
    ) -> UUID:
        """Add a place (inside ``parent_id``, if given) and return its id."""
        code = clean_text(code, "code", 64)
        place_id = self.place_id_for(code)
        if place_id in self.places:
            raise DuplicatePlaceCodeError(f"place code {code!r} is already in use")
        if parent_id is not None:
            self._active_place(parent_id, "parent_id")
        self._place_added(
            place_id=place_id,
            code=code,
            name=clean_text(name, "name", 200),
            kind=choice(PlaceKind, kind, "kind").value,
            parent_id=parent_id,
        )
        return place_id

    @event("PlaceAdded")
    def _place_added(
        self, place_id: UUID, code: str, name: str, kind: str, parent_id: UUID | None
    ) -> None:
        self.places[place_id] = Place(place_id, code, name, PlaceKind(kind), parent_id)

    def retire_place(self, place_id: UUID, reason: str) -> None:
        """Stop using a place, from now on; the places inside it go first."""
        place = self._active_place(place_id, "place_id")
        if any(
            p.parent_id == place.id and p.retired_at is None
            for p in self.places.values()
        ):
            raise ActiveChildrenError(f"retire the places inside {place.name} first")
        self._place_retired(place_id=place_id, reason=given_reason(reason))

    @event("PlaceRetired")
    def _place_retired(
        self, place_id: UUID, reason: str, timestamp: datetime | None = None
    ) -> None:
        # ``timestamp`` is the event's own: the place is retired from the
        # server's now. Callers never pass it.
        self.places[place_id].retired_at = timestamp

    def assign(
        self,
        *,
        place_id: UUID,
        person: str,
        role: str,
        slots: Iterable[TimeSlot | dict[str, Any]] | None = None,
        valid_from: datetime | None = None,
        valid_to: datetime | None = None,
    ) -> UUID:
        """Make ``person`` responsible for a place, in weekly ``slots`` or always."""
        self._active_place(place_id, "place_id")
        person = clean_text(person, "person", 200)
        checked = None if slots is None else [TimeSlot.parse(slot) for slot in slots]
        if checked == []:
            raise InvalidValueError(
                "give weekly slots, or None for always", field="slots"
            )
        valid_from = aware(valid_from or context.now(), "valid_from")
        if valid_to is not None and aware(valid_to, "valid_to") <= valid_from:
            raise ValidityError("an assignment must end after it starts")
        self._ensure_free(place_id, person, valid_from, valid_to)
        assignment_id = uuid4()
        self._person_assigned(
            assignment_id=assignment_id,
            place_id=place_id,
            person=person,
            role=clean_text(role, "role", 100),
            slots=None if checked is None else [slot.as_dict() for slot in checked],
            valid_from=valid_from,
            valid_to=valid_to,
        )
        return assignment_id

    @event("PersonAssigned")
    def _person_assigned(
        self,
        assignment_id: UUID,
        place_id: UUID,
        person: str,
        role: str,
        slots: list[dict[str, Any]] | None,
        valid_from: datetime,
        valid_to: datetime | None,
    ) -> None:
        self.assignments[assignment_id] = Assignment(
            assignment_id,
            place_id,
            person,
            role,
            None if slots is None else [TimeSlot(**slot) for slot in slots],
            valid_from,
            valid_to,
        )

    def end_assignment(
        self, assignment_id: UUID, reason: str, at: datetime | None = None
    ) -> None:
        """End an assignment at ``at`` (by default now)."""
        at = self._assignment_in_force(assignment_id, at)
        self._assignment_ended(
            assignment_id=assignment_id, ended_at=at, reason=given_reason(reason)
        )

    @event("AssignmentEnded")
    def _assignment_ended(
        self, assignment_id: UUID, ended_at: datetime, reason: str
    ) -> None:
        self.assignments[assignment_id].valid_to = ended_at

    def hand_over(
        self, assignment_id: UUID, *, to_person: str, at: datetime | None = None
    ) -> UUID:
        """Pass an assignment to ``to_person`` at ``at``; returns the new assignment."""
        at = self._assignment_in_force(assignment_id, at)
        current = self.assignments[assignment_id]
        self._active_place(current.place_id, "place_id")
        to_person = clean_text(to_person, "to_person", 200)
        if to_person == current.person:
            raise HandoverError(f"{to_person} already holds this assignment")
        self._ensure_free(current.place_id, to_person, at, current.valid_to)
        new_assignment_id = uuid4()
        self._handed_over(
            assignment_id=assignment_id,
            new_assignment_id=new_assignment_id,
            to_person=to_person,
            at=at,
        )
        return new_assignment_id

    @event("HandedOver")
    def _handed_over(
        self, assignment_id: UUID, new_assignment_id: UUID, to_person: str, at: datetime
    ) -> None:
        current = self.assignments[assignment_id]
        self.assignments[new_assignment_id] = Assignment(
            new_assignment_id,
            current.place_id,
            to_person,
            current.role,
            current.slots,
            at,
            current.valid_to,
        )
        current.valid_to = at

    def responsible_for(self, place_id: UUID, at: datetime) -> list[str]:
        """Who answers for a place at ``at``: its own people, else its parent's."""
        aware(at, "at")
        place: Place | None = self._place(place_id, "place_id")
        while place is not None and place.active_at(at):
            persons = [
                a.person
                for a in self.assignments.values()
                if a.place_id == place.id and a.covers(at)
            ]
            if persons:
                return list(dict.fromkeys(persons))
            place = self.places.get(place.parent_id) if place.parent_id else None
        return []

    def _place(self, place_id: UUID, field: str) -> Place:
        try:
            return self.places[place_id]
        except KeyError:
            raise UnknownPlaceError(
                f"no place {place_id} in this grid", field=field
            ) from None

    def _active_place(self, place_id: UUID, field: str) -> Place:
        place = self._place(place_id, field)
        if place.retired_at is not None:
            raise RetiredPlaceError(f"{place.name} has been retired", field=field)
        return place

    def _ensure_free(
        self, place_id: UUID, person: str, start: datetime, end: datetime | None
    ) -> None:
        for other in self.assignments.values():
            if (
                other.place_id == place_id
                and other.person == person
                and overlaps(other.valid_from, other.valid_to, start, end)
            ):
                raise OverlappingAssignmentError(
                    f"{person} is already assigned to this place for that period"
                )

    def _assignment_in_force(
        self, assignment_id: UUID, at: datetime | None
    ) -> datetime:
        if assignment_id not in self.assignments:
            raise UnknownAssignmentError(f"no assignment {assignment_id} in this grid")
        at = aware(at or context.now(), "at")
        if not self.assignments[assignment_id].in_force(at):
            raise AssignmentNotActiveError(
                "the assignment is not in force at that time"
            )
        return at
