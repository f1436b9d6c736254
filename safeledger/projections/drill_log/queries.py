"""The drill log of a tenant's subtree, as of any moment."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa

from safeledger.projections import listing
from safeledger.projections.drill_log.tables import drill_log as t
from safeledger.projections.scope import Scope


def log(
    conn: sa.Connection,
    scope: Scope,
    path: str,
    *,
    as_of: datetime | None = None,
    state: str | None = None,
    offset: int = 0,
    limit: int | None = None,
) -> tuple[list[dict[str, Any]], int]:
    """Drills of the subtree, by planned date."""
    where = sa.true() if state is None else t.c.state == state
    return listing.page(
        conn,
        scope,
        t,
        path,
        as_of=as_of,
        where=where,
        order_by=(t.c.planned_on, t.c.drill_id),
        offset=offset,
        limit=limit,
    )
