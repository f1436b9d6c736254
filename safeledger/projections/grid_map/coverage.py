"""Who answers for each place in each school-hour slot: pure Python over rows.

A place with nobody of its own on duty is covered by whoever is on duty for the
place it sits in, as in :meth:`safeledger.tenants.grid.Grid.responsible_for`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any
from uuid import UUID

from safeledger.tenants.values import CHINA_TIME, TimeSlot


@dataclass(frozen=True)
class Slot:
    """One school-hour slot of the week ending at the judging moment."""

    weekday: int
    start: str
    end: str
    moment: datetime  # the slot's middle, the moment that is checked


def school_slots(grid_rules: dict[str, Any], until: datetime) -> list[Slot]:
    """The school-hour slots of the seven days before ``until`` (China time)."""
    step = timedelta(minutes=max(int(grid_rules["slot_minutes"]), 1))
    first, last = (time.fromisoformat(grid_rules[k]) for k in ("day_start", "day_end"))
    slots = []
    local_end = until.astimezone(CHINA_TIME)
    for back in range(7, 0, -1):
        day = (local_end - timedelta(days=back)).date()
        if day.isoweekday() not in grid_rules["school_days"]:
            continue
        begin = datetime.combine(day, first, CHINA_TIME)
        stop = datetime.combine(day, last, CHINA_TIME)
        while begin + step <= stop:
            middle = begin + step / 2
            if middle < until:
                slots.append(
                    Slot(
                        day.isoweekday(),
                        begin.strftime("%H:%M"),
                        (begin + step).strftime("%H:%M"),
                        middle,
                    )
                )
            begin += step
    return slots


def covers(assignment: dict[str, Any], at: datetime) -> bool:
    """Whether the assignment's person is on duty at ``at``."""
    if assignment["valid_from"] > at:
        return False
    if assignment["valid_to"] is not None and at >= assignment["valid_to"]:
        return False
    slots = assignment["slots"]
    return slots is None or any(TimeSlot(**slot).covers(at) for slot in slots)


def responsible(
    places: dict[UUID, dict[str, Any]],
    duties: dict[UUID, list[dict[str, Any]]],
    place_id: UUID,
    at: datetime,
) -> list[str]:
    """Who answers for the place at ``at``: its own people, else its parent's."""
    place = places.get(place_id)
    seen: set[UUID] = set()
    while place is not None and place["place_id"] not in seen:
        seen.add(place["place_id"])
        if place["retired_at"] is not None and at >= place["retired_at"]:
            return []
        persons = [
            a["person"] for a in duties.get(place["place_id"], []) if covers(a, at)
        ]
        if persons:
            return list(dict.fromkeys(persons))
        place = places.get(place["parent_id"]) if place["parent_id"] else None
    return []


def weekly_map(
    places: list[dict[str, Any]], assignments: list[dict[str, Any]], slots: list[Slot]
) -> list[dict[str, Any]]:
    """One cell per active place and slot, naming who answers for it."""
    by_id = {p["place_id"]: p for p in places}
    duties: dict[UUID, list[dict[str, Any]]] = {}
    for assignment in assignments:
        duties.setdefault(assignment["place_id"], []).append(assignment)
    cells = []
    for place in sorted(places, key=lambda p: p["code"]):
        for slot in slots:
            if place["retired_at"] is not None and slot.moment >= place["retired_at"]:
                continue
            persons = responsible(by_id, duties, place["place_id"], slot.moment)
            cells.append(
                {
                    "place_id": place["place_id"],
                    "place": place["name"],
                    "weekday": slot.weekday,
                    "start": slot.start,
                    "end": slot.end,
                    "persons": persons,
                }
            )
    return cells


def uncovered(
    places: list[dict[str, Any]], assignments: list[dict[str, Any]], slots: list[Slot]
) -> tuple[int, int, int]:
    """How many places are in use, how many place-slots there are, and how many
    of them nobody answers for (the counts of :func:`weekly_map`, faster)."""
    if not slots:
        return 0, 0, 0
    first, last = slots[0].moment, slots[-1].moment
    by_id = {p["place_id"]: p for p in places}
    duties: dict[UUID, list[dict[str, Any]]] = {}
    for assignment in assignments:
        duties.setdefault(assignment["place_id"], []).append(assignment)

    def always(a: dict[str, Any]) -> bool:
        return (
            a["slots"] is None
            and a["valid_from"] <= first
            and (a["valid_to"] is None or a["valid_to"] > last)
        )

    in_use = cells = gaps = 0
    for place in places:
        active = [
            s
            for s in slots
            if place["retired_at"] is None or s.moment < place["retired_at"]
        ]
        in_use += bool(active)
        cells += len(active)
        chain, seen, node = [], set(), place
        while node is not None and node["place_id"] not in seen:
            seen.add(node["place_id"])
            chain.append(node)
            node = by_id.get(node["parent_id"]) if node["parent_id"] else None
        own = [a for n in chain for a in duties.get(n["place_id"], [])]
        if not own:  # nobody on the place or above it: every slot is a gap
            gaps += len(active)
            continue
        if any(always(a) for a in own) and all(n["retired_at"] is None for n in chain):
            continue
        gaps += sum(
            not responsible(by_id, duties, place["place_id"], s.moment) for s in active
        )
    return in_use, cells, gaps
