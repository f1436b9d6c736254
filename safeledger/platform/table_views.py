"""The table views of the read models: one registry, read by the HTTP views, the
export job and the export's schema, and the one way their rows become CSV cells.

A table view answers a page of rows of a tenant's subtree, as of any moment; the
HTTP view adds its own filters (state, overdue, year), the export takes the defaults.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum
from typing import Any, TextIO
from uuid import UUID

import sqlalchemy as sa

from safeledger.platform.spreadsheet_cells import csv_row
from safeledger.projections.agreement_coverage import queries as agreements
from safeledger.projections.drill_log import queries as drills
from safeledger.projections.grid_map.grids import grid_cells
from safeledger.projections.hazard_board import queries as hazards
from safeledger.projections.incident_register import queries as incidents
from safeledger.projections.oversight.queries import cases
from safeledger.projections.scope import Scope


@dataclass(frozen=True)
class Query:
    """What a table view is asked: where, when, and the view's own filters."""

    tenant_id: UUID
    path: str
    now: datetime
    as_of: datetime | None = None
    filters: Mapping[str, Any] = field(default_factory=dict)


# fetch(conn, scope, query, offset, limit) → (rows, total)
Fetch = Callable[
    [sa.Connection, Scope, Query, int, int | None], tuple[Sequence[Any], int]
]


@dataclass(frozen=True)
class TableView:
    """A read model's rows as a table: its URL segment and file name, and a fetch."""

    name: str
    fetch: Fetch


def _hazard_board(
    conn: sa.Connection, scope: Scope, q: Query, offset: int, limit: int | None
) -> tuple[Sequence[Any], int]:
    return hazards.board(
        conn,
        scope,
        q.path,
        now=q.now,
        as_of=q.as_of,
        state=q.filters.get("state"),
        overdue=q.filters.get("overdue"),
        offset=offset,
        limit=limit,
    )


def _drill_log(
    conn: sa.Connection, scope: Scope, q: Query, offset: int, limit: int | None
) -> tuple[Sequence[Any], int]:
    return drills.log(
        conn,
        scope,
        q.path,
        as_of=q.as_of,
        state=q.filters.get("state"),
        offset=offset,
        limit=limit,
    )


def _incident_register(
    conn: sa.Connection, scope: Scope, q: Query, offset: int, limit: int | None
) -> tuple[Sequence[Any], int]:
    return incidents.register(
        conn, scope, q.path, now=q.now, as_of=q.as_of, offset=offset, limit=limit
    )


def _agreement_coverage(
    conn: sa.Connection, scope: Scope, q: Query, offset: int, limit: int | None
) -> tuple[Sequence[Any], int]:
    return agreements.page(
        conn, scope, q.tenant_id, q.filters.get("year"), q.as_of, offset, limit
    )


def _grid_map(
    conn: sa.Connection, scope: Scope, q: Query, offset: int, limit: int | None
) -> tuple[Sequence[Any], int]:
    return grid_cells(
        conn, scope, q.path, now=q.now, as_of=q.as_of, offset=offset, limit=limit
    )


def _accountability_cases(
    conn: sa.Connection, scope: Scope, q: Query, offset: int, limit: int | None
) -> tuple[Sequence[Any], int]:
    return cases(
        conn, scope, q.path, state=q.filters.get("state"), offset=offset, limit=limit
    )


HAZARD_BOARD = TableView("hazard-board", _hazard_board)
DRILL_LOG = TableView("drill-log", _drill_log)
INCIDENT_REGISTER = TableView("incident-register", _incident_register)
AGREEMENT_COVERAGE = TableView("agreement-coverage", _agreement_coverage)
GRID_MAP = TableView("grid-map", _grid_map)
ACCOUNTABILITY_CASES = TableView("accountability-cases", _accountability_cases)

TABLE_VIEWS: dict[str, TableView] = {
    view.name: view
    for view in (
        HAZARD_BOARD,
        DRILL_LOG,
        INCIDENT_REGISTER,
        AGREEMENT_COVERAGE,
        GRID_MAP,
        ACCOUNTABILITY_CASES,
    )
}


def plain_row(row: Any) -> dict[str, Any]:
    """A row as a dict (SQLAlchemy rows and dicts alike)."""
    return dict(row._mapping) if hasattr(row, "_mapping") else dict(row)


def cell(value: Any) -> Any:
    """A CSV cell: times in ISO 8601, ids as text, lists and objects as JSON."""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, (UUID, Enum)):
        return str(value.value if isinstance(value, Enum) else value)
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, default=str)
    return value


def cells(rows: Iterable[Any]) -> Iterable[dict[str, Any]]:
    """Each row as a dict of cells, columns in the row's order."""
    for row in rows:
        yield {k: cell(v) for k, v in plain_row(row).items()}


def write_csv(out: TextIO, rows: Iterable[Any]) -> int:
    """Write the rows as CSV with a header of their columns; how many rows."""
    writer: csv.DictWriter[str] | None = None
    written = 0
    for values in cells(rows):
        if writer is None:
            writer = csv.DictWriter(out, fieldnames=list(values))
            writer.writeheader()
        writer.writerow(csv_row(values))
        written += 1
    return written
