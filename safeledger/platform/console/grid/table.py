"""The grid as a table: places down, the school day's slots across, gaps marked.

Each cell covers one slot of the day across the school days of the coming week;
it names who answers for the place then, and is a gap if on any of those days
nobody does (每个时段、每个地点都有一个安全责任人).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa

from safeledger.projections.grid_map.coverage import responsible, school_slots
from safeledger.projections.grid_map.queries import grids
from safeledger.projections.rulesets.queries import rule_book
from safeledger.projections.scope import Scope


@dataclass
class Cell:
    persons: list[str] = field(default_factory=list)
    gap: bool = False


@dataclass
class GridTable:
    columns: list[str]
    rows: list[tuple[dict[str, Any], list[Cell]]]
    assignments: list[dict[str, Any]]

    @property
    def gaps(self) -> int:
        """How many place-slots nobody answers for on some school day."""
        return sum(cell.gap for _place, cells in self.rows for cell in cells)


def grid_table(
    conn: sa.Connection, scope: Scope, school: Any, now: datetime
) -> GridTable:
    """The school's grid for the coming week."""
    rules = rule_book(conn, scope, None).rules_for(school.path, now)["grid"]
    places, assignments = grids(conn, scope, [school.tenant_id], None).get(
        school.tenant_id, ([], [])
    )
    active = sorted(
        (p for p in places if p["retired_at"] is None), key=lambda p: p["code"]
    )
    slots = [s for s in school_slots(rules, now + timedelta(days=7)) if s.moment >= now]
    columns = sorted({f"{s.start}-{s.end}" for s in slots})
    by_id = {p["place_id"]: p for p in places}
    duties: dict[Any, list[dict[str, Any]]] = {}
    for assignment in assignments:
        duties.setdefault(assignment["place_id"], []).append(assignment)
    rows = []
    for place in active:
        cells = {column: Cell() for column in columns}
        for slot in slots:
            cell = cells[f"{slot.start}-{slot.end}"]
            persons = responsible(by_id, duties, place["place_id"], slot.moment)
            if not persons:
                cell.gap = True
            cell.persons = list(dict.fromkeys(cell.persons + persons))
        rows.append((place, [cells[c] for c in columns]))
    in_force = [a for a in assignments if a["valid_to"] is None or a["valid_to"] > now]
    for a in in_force:
        a["place_name"] = by_id.get(a["place_id"], {}).get("name", "")
    return GridTable(columns, rows, in_force)
