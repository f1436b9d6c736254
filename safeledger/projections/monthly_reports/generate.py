"""The monthly safety report (安全月报表) of a school, generated from its ledger.

The figures depend only on what happened in the month (by the times the ledger
records), so the report — and its digest — stays the same between the
principal's review and the submission unless the month's record itself changed.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Any
from uuid import UUID

import sqlalchemy as sa

from safeledger.projections.agreement_coverage.tables import agreement_coverage as ag
from safeledger.projections.drill_log.tables import drill_log as dl
from safeledger.projections.grid_map.tables import grid_assignments, grid_places
from safeledger.projections.hazard_board.tables import hazard_board as hb
from safeledger.projections.incident_register.tables import incident_register as ir
from safeledger.projections.scope import Scope
from safeledger.projections.versioned import valid_at
from safeledger.tenants.reports import month_start, next_month


def digest_of(report: dict[str, Any]) -> str:
    """SHA-256 of the report's canonical JSON."""
    text = json.dumps(report, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def generate(
    conn: sa.Connection, scope: Scope, school_id: UUID, month: str
) -> dict[str, Any]:
    """The report's figures for ``school_id`` and ``month``, and its digest."""
    start, end = month_start(month), month_start(next_month(month))

    def rows(table: sa.Table, *where: sa.ColumnElement[bool]) -> list[Any]:
        return conn.execute(
            sa.select(table).where(
                table.c.tenant_id == school_id,
                scope.covers_tenant(table.c.tenant_id),
                valid_at(table, None),
                *where,
            )
        ).all()

    held = rows(dl, dl.c.held_at >= start, dl.c.held_at < end)
    logged = rows(hb, hb.c.logged_at < end)
    incidents = rows(ir, ir.c.occurred_at >= start, ir.c.occurred_at < end)
    figures = {
        "drills_held": len(held),
        "drill_participants": sum(r.participants or 0 for r in held),
        "hazards_logged": sum(start <= r.logged_at for r in logged),
        "hazards_rectified": sum(_within(r.verified_at, start, end) for r in logged),
        "hazards_open_at_month_end": sum(
            r.verified_at is None or r.verified_at >= end for r in logged
        ),
        "major_hazards_open": sum(
            r.severity == "major" and (r.verified_at is None or r.verified_at >= end)
            for r in logged
        ),
        "incidents": len(incidents),
        "deaths": sum(r.deaths for r in incidents),
        "injuries": sum(r.injuries for r in incidents),
        "agreements_signed": _agreements_signed(conn, scope, school_id, start, end),
        "grid_changes": _grid_changes(conn, scope, school_id, start, end),
    }
    report = {"school_id": str(school_id), "month": month, "figures": figures}
    return {**report, "digest": digest_of(report)}


def _within(moment: datetime | None, start: datetime, end: datetime) -> bool:
    return moment is not None and start <= moment < end


def _agreements_signed(
    conn: sa.Connection, scope: Scope, school_id: UUID, start: datetime, end: datetime
) -> int:
    query = sa.select(sa.func.count()).where(
        ag.c.issuer_id == school_id,
        scope.covers_tenant(ag.c.issuer_id),
        valid_at(ag, None),
        ag.c.counterparty_signed_at >= start,
        ag.c.counterparty_signed_at < end,
    )
    return conn.execute(query).scalar_one()


def _grid_changes(
    conn: sa.Connection, scope: Scope, school_id: UUID, start: datetime, end: datetime
) -> int:
    total = 0
    for table in (grid_places, grid_assignments):
        total += conn.execute(
            sa.select(sa.func.count()).where(
                table.c.tenant_id == school_id,
                scope.covers_tenant(table.c.tenant_id),
                table.c.recorded_from >= start,
                table.c.recorded_from < end,
            )
        ).scalar_one()
    return total
