"""Grids of the schools in a subtree, as recorded at any moment."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from typing import Any
from uuid import UUID

import sqlalchemy as sa

from safeledger.projections.grid_map.tables import grid_assignments as a
from safeledger.projections.grid_map.tables import grid_places as p
from safeledger.projections.scope import Scope
from safeledger.projections.versioned import valid_at

Grids = dict[UUID, tuple[list[dict[str, Any]], list[dict[str, Any]]]]


def grids(
    conn: sa.Connection,
    scope: Scope,
    schools: sa.Select[Any] | list[UUID],
    as_of: datetime | None,
) -> Grids:
    """Each school's places and assignments as recorded at ``as_of``."""
    found: Grids = defaultdict(lambda: ([], []))
    for table, index in ((p, 0), (a, 1)):
        query = sa.select(table).where(
            table.c.tenant_id.in_(schools),
            scope.covers_tenant(table.c.tenant_id),
            valid_at(table, as_of),
        )
        for row in conn.execute(query):
            found[row.tenant_id][index].append(row._asdict())
    return dict(found)
