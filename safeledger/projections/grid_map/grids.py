"""The grid map of every school under a tenant: who answers for each place in
each school-hour slot of the week before a moment, under the rules in force."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa

from safeledger.projections.directory.tables import directory_tenants as d
from safeledger.projections.grid_map.coverage import school_slots, weekly_map
from safeledger.projections.grid_map.queries import grids
from safeledger.projections.listing import subtree_ids
from safeledger.projections.rulesets.queries import rule_book
from safeledger.projections.scope import Scope


def grid_cells(
    conn: sa.Connection,
    scope: Scope,
    path: str,
    *,
    now: datetime,
    as_of: datetime | None = None,
    offset: int = 0,
    limit: int | None = None,
) -> tuple[list[dict[str, Any]], int]:
    """A page of cells of the schools under ``path``, as recorded at ``as_of``."""
    at = as_of or now
    query = sa.select(d.c.tenant_id, d.c.path).where(
        d.c.tenant_id.in_(subtree_ids(scope, path, kind="school"))
    )
    schools = {row.tenant_id: row.path for row in conn.execute(query)}
    book = rule_book(conn, scope, as_of)
    cells = []
    for school, (places, assignments) in sorted(
        grids(conn, scope, list(schools), as_of).items(),
        key=lambda item: schools.get(item[0]) or "",
    ):
        slots = school_slots(book.rules_for(schools[school], at)["grid"], at)
        cells += [
            {"tenant_id": school, **cell}
            for cell in weekly_map(places, assignments, slots)
        ]
    end = None if limit is None else offset + limit
    return cells[offset:end], len(cells)
