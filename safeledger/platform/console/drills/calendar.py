"""The drill calendar of one school: each month's drills and its rhythm's status.

A school's rules say how often it must drill (primary and secondary schools every
month, kindergartens every quarter ...). A month is "met" once its block of the
rhythm has the drills required, "missed" once the block ended short, else "due".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from safeledger.projections.compliance.metrics import drill_schedule
from safeledger.projections.compliance.periods import month_start
from safeledger.projections.drill_log.tables import drill_log as t
from safeledger.projections.rulesets.queries import rule_book
from safeledger.projections.scope import Scope
from safeledger.projections.versioned import valid_at


@dataclass
class Month:
    """One month of the calendar."""

    year: int
    month: int
    status: str  # met, due, missed, none (no drill required in this block)
    required: int
    held_in_block: int
    drills: list[dict[str, Any]] = field(default_factory=list)

    @property
    def label(self) -> str:
        """YYYY-MM."""
        return f"{self.year:04d}-{self.month:02d}"


def school_drills(
    conn: sa.Connection, scope: Scope, school_id: Any
) -> list[dict[str, Any]]:
    """The school's current drill rows, by planned date."""
    rows = conn.execute(
        sa.select(t)
        .where(
            t.c.tenant_id == school_id,
            valid_at(t, None),
            scope.covers_tenant(t.c.tenant_id),
        )
        .order_by(t.c.planned_on, t.c.drill_id)
    )
    return [row._asdict() for row in rows]


def calendar(
    conn: sa.Connection, scope: Scope, school: Any, year: int, now: datetime
) -> list[Month]:
    """The twelve months of ``year`` for ``school`` (a directory row)."""
    book = rule_book(conn, scope, None)
    drills = school_drills(conn, scope, school.tenant_id)
    held = [d["held_at"] for d in drills if d["state"] == "held" and d["held_at"]]
    facts = {"boarding": school.boarding, "school_type": school.school_type}
    months = []
    for month in range(1, 13):
        start = month_start(year, month)
        schedule = drill_schedule(facts, book.rules_for(school.path, start))
        every, at_least = schedule["every_months"], schedule["at_least"]
        first = month - (month - 1) % every if every else month
        block_start, block_end = (
            month_start(year, first),
            month_start(year, first + every),
        )
        count = sum(block_start <= h < block_end for h in held)
        if not every or not at_least:
            status = "none"
        elif count >= at_least:
            status = "met"
        elif block_end <= now:
            status = "missed"
        else:
            status = "due"
        months.append(
            Month(
                year,
                month,
                status,
                at_least,
                count,
                [
                    d
                    for d in drills
                    if d["planned_on"].startswith(f"{year:04d}-{month:02d}")
                ],
            )
        )
    return months
