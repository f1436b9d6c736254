"""Monthly reports submitted in a tenant's subtree, as of any moment."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa

from safeledger.projections import listing
from safeledger.projections.monthly_reports.tables import monthly_reports as t
from safeledger.projections.scope import Scope


def submissions(
    conn: sa.Connection,
    scope: Scope,
    path: str,
    *,
    as_of: datetime | None = None,
    offset: int = 0,
    limit: int | None = None,
) -> tuple[list[dict[str, Any]], int]:
    """Reports of the subtree, by month."""
    return listing.page(
        conn,
        scope,
        t,
        path,
        as_of=as_of,
        order_by=(t.c.month, t.c.tenant_id),
        offset=offset,
        limit=limit,
    )
