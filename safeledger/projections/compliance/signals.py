"""Authenticity signals against box-ticking (应付检查), listed beside compliance.

They never change a score: a reused photo or a copied summary may be innocent,
so a person looks at each. Three kinds:

- ``reused_photo``: one photo digest on different drills or hazards;
- ``identical_summary``: one drill summary document in different schools or months;
- ``backfilled``: a drill held, or an incident reported, long before it was recorded.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

import sqlalchemy as sa

from safeledger.projections.directory.tables import directory_tenants as d
from safeledger.projections.drill_log.tables import drill_log as dl
from safeledger.projections.hazard_board.tables import hazard_board as hb
from safeledger.projections.incident_register.tables import incident_register as ir
from safeledger.projections.listing import subtree_ids
from safeledger.projections.rulesets.queries import RuleBook, rule_book
from safeledger.projections.scope import Scope
from safeledger.projections.versioned import valid_at


def _rows(
    conn: sa.Connection,
    scope: Scope,
    table: sa.Table,
    path: str,
    as_of: datetime | None,
    *columns: sa.ColumnElement[Any],
) -> list[sa.Row[Any]]:
    return conn.execute(
        sa.select(table.c.tenant_id, *columns).where(
            table.c.tenant_id.in_(subtree_ids(scope, path)),
            scope.covers_tenant(table.c.tenant_id),
            valid_at(table, as_of),
        )
    ).all()


def signals(
    conn: sa.Connection, scope: Scope, path: str, as_of: datetime | None = None
) -> list[dict[str, Any]]:
    """Every signal in the subtree at ``path``, as recorded at ``as_of``."""
    drills = _rows(
        conn,
        scope,
        dl,
        path,
        as_of,
        dl.c.drill_id,
        dl.c.held_at,
        dl.c.held_recorded_at,
        dl.c.summary_digest,
        dl.c.photo_digests,
    )
    hazards = _rows(conn, scope, hb, path, as_of, hb.c.hazard_id, hb.c.photo_digests)
    incidents = _rows(
        conn,
        scope,
        ir,
        path,
        as_of,
        ir.c.incident_id,
        ir.c.occurred_at,
        ir.c.reported_at,
    )
    found = reused_photos(drills, hazards) + identical_summaries(drills)
    book = rule_book(conn, scope, as_of)
    ids = subtree_ids(scope, path)
    query = sa.select(d.c.tenant_id, d.c.path).where(d.c.tenant_id.in_(ids))
    paths = {row.tenant_id: row.path for row in conn.execute(query)}
    for row in drills:
        if row.held_at is not None:
            found += backfilled(
                "drill",
                row.tenant_id,
                row.drill_id,
                row.held_at,
                row.held_recorded_at,
                book,
                paths,
            )
    for row in incidents:
        found += backfilled(
            "incident",
            row.tenant_id,
            row.incident_id,
            row.occurred_at,
            row.reported_at,
            book,
            paths,
        )
    return sorted(found, key=lambda s: (s["kind"], str(s["tenant_id"]), s["detail"]))


def reused_photos(drills: list[Any], hazards: list[Any]) -> list[dict[str, Any]]:
    """One signal per tenant and photo that appears on more than one record."""
    uses: dict[str, set[tuple[UUID, str, UUID]]] = defaultdict(set)
    for row in drills:
        for photo in row.photo_digests:
            uses[photo].add((row.tenant_id, "drill", row.drill_id))
    for row in hazards:
        for photo in row.photo_digests:
            uses[photo].add((row.tenant_id, "hazard", row.hazard_id))
    found = []
    for photo, records in uses.items():
        if len(records) < 2:
            continue
        for tenant in sorted({t for t, _, _ in records}, key=str):
            found.append(
                {
                    "kind": "reused_photo",
                    "tenant_id": tenant,
                    "records": sorted(str(r) for _, _, r in records),
                    "detail": f"photo {photo[:12]}… appears on {len(records)} records",
                }
            )
    return found


def identical_summaries(drills: list[Any]) -> list[dict[str, Any]]:
    """One signal per tenant whose drill summary recurs across schools or months."""
    uses: dict[str, set[tuple[UUID, str, UUID]]] = defaultdict(set)
    for row in drills:
        if row.summary_digest and row.held_at is not None:
            uses[row.summary_digest].add(
                (row.tenant_id, row.held_at.strftime("%Y-%m"), row.drill_id)
            )
    found = []
    for summary, records in uses.items():
        if len({(t, m) for t, m, _ in records}) < 2:
            continue
        for tenant in sorted({t for t, _, _ in records}, key=str):
            found.append(
                {
                    "kind": "identical_summary",
                    "tenant_id": tenant,
                    "records": sorted(str(r) for _, _, r in records),
                    "detail": f"drill summary {summary[:12]}… used "
                    f"{len(records)} times across schools or months",
                }
            )
    return found


def backfilled(
    kind: str,
    tenant: UUID,
    record: UUID,
    occurred: datetime,
    recorded: datetime | None,
    book: RuleBook,
    paths: dict[UUID, str],
) -> list[dict[str, Any]]:
    """A signal if ``recorded`` lies more than the rules allow after ``occurred``."""
    path = paths.get(tenant)
    if path is None or recorded is None:
        return []
    days = book.rules_for(path, occurred)["authenticity"]["backfill_days"]
    late = recorded - occurred
    if late <= timedelta(days=days):
        return []
    return [
        {
            "kind": "backfilled",
            "tenant_id": tenant,
            "records": [str(record)],
            "detail": f"{kind} recorded {late.days} day(s) after it happened "
            f"(more than {days})",
        }
    ]
