"""The incident register of a tenant's subtree, with reporting timeliness judged
under the rules in force when each incident happened, as of any moment."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa

from safeledger.projections import listing
from safeledger.projections.directory.tables import directory_tenants as d
from safeledger.projections.incident_register.tables import incident_register as t
from safeledger.projections.rulesets.queries import RuleBook, rule_book
from safeledger.projections.scope import Scope


def register(
    conn: sa.Connection,
    scope: Scope,
    path: str,
    *,
    now: datetime,
    as_of: datetime | None = None,
    offset: int = 0,
    limit: int | None = None,
) -> tuple[list[dict[str, Any]], int]:
    """Incidents of the subtree by when they occurred, each with its timeliness."""
    rows, total = listing.page(
        conn,
        scope,
        t,
        path,
        as_of=as_of,
        order_by=(t.c.occurred_at, t.c.incident_id),
        offset=offset,
        limit=limit,
    )
    tenants = {row["tenant_id"] for row in rows}
    query = sa.select(d.c.tenant_id, d.c.path).where(d.c.tenant_id.in_(tenants))
    paths = {row.tenant_id: row.path for row in conn.execute(query)}
    book = rule_book(conn, scope, as_of)
    at = as_of or now
    return [
        timeliness(row, book, paths.get(row["tenant_id"]), at) for row in rows
    ], total


def timeliness(
    row: dict[str, Any], book: RuleBook, path: str | None, at: datetime
) -> dict[str, Any]:
    """The row with its report limits and whether each report was on time.

    ``written_on_time`` is None while the written report is not yet due.
    """
    rules = book.rules_for(path or "/", row["occurred_at"])
    limit = rules["incidents"]["report_within_minutes"][row["severity"]]
    verbal_by = row["occurred_at"] + timedelta(minutes=limit["verbal"])
    written_by = row["occurred_at"] + timedelta(minutes=limit["written"])
    written = row["written_report_at"]
    if written is not None:
        written_on_time: bool | None = written <= written_by
    else:
        written_on_time = None if at <= written_by else False
    return {
        **row,
        "verbal_limit_minutes": limit["verbal"],
        "written_limit_minutes": limit["written"],
        "verbal_on_time": row["reported_at"] <= verbal_by,
        "written_on_time": written_on_time,
    }
