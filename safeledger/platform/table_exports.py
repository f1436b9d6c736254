"""Whole read-model tables as CSV or XLSX files, written by a job with progress.

The caller's read scope travels with the job (as directory paths), so a
background export shows exactly what the caller's own request would have.
The rows are read in chunks inside one transaction, so the file is consistent.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from uuid import UUID

from openpyxl import Workbook

from safeledger.platform import jobs
from safeledger.platform.api.tables import cell, plain_row
from safeledger.platform.evidence.export import exports_folder
from safeledger.platform.spreadsheet_cells import csv_row, xlsx_row
from safeledger.projections.drill_log import queries as drills
from safeledger.projections.grid_map.grids import grid_cells
from safeledger.projections.hazard_board import queries as hazards
from safeledger.projections.incident_register import queries as incidents
from safeledger.projections.listing import tenant_path
from safeledger.projections.oversight.queries import cases
from safeledger.projections.scope import Scope

CHUNK = 500
# view → fetch(conn, scope, path, now, as_of, offset, limit) → (rows, total)
Fetch = Callable[..., tuple[list[Any], int]]
VIEWS: dict[str, Fetch] = {
    "hazard-board": lambda c, s, p, now, as_of, o, n: hazards.board(
        c, s, p, now=now, as_of=as_of, offset=o, limit=n
    ),
    "drill-log": lambda c, s, p, now, as_of, o, n: drills.log(
        c, s, p, as_of=as_of, offset=o, limit=n
    ),
    "incident-register": lambda c, s, p, now, as_of, o, n: incidents.register(
        c, s, p, now=now, as_of=as_of, offset=o, limit=n
    ),
    "grid-map": lambda c, s, p, now, as_of, o, n: grid_cells(
        c, s, p, now=now, as_of=as_of, offset=o, limit=n
    ),
    "accountability-cases": lambda c, s, p, now, as_of, o, n: cases(
        c, s, p, offset=o, limit=n
    ),
}


def export_table(
    runtime: Any,
    job_id: str,
    tenant_id: str,
    view: str,
    paths: list[str] | None,
    singles: list[str],
    as_of: str | None = None,
    fmt: str = "csv",
) -> dict[str, Any]:
    """Job: write ``view`` of the subtree as CSV or XLSX, recording progress."""
    scope = Scope(tuple(paths) if paths is not None else None, tuple(singles))
    moment = datetime.fromisoformat(as_of) if as_of else None
    out = exports_folder(runtime.settings) / f"{job_id}.{fmt}"
    out.parent.mkdir(parents=True, exist_ok=True)
    engine = runtime.engine
    if engine.dialect.name == "postgresql":
        engine = engine.execution_options(isolation_level="REPEATABLE READ")
    with engine.connect() as conn, conn.begin():
        path = tenant_path(conn, scope, UUID(tenant_id))
        if path is None:
            raise LookupError(f"no tenant with id {tenant_id} in the caller's scope")
        rows = _rows(runtime, job_id, conn, VIEWS[view], scope, path, moment)
        written = SINKS[fmt](out, view, rows)
    return {
        "tenant_id": tenant_id,
        "file": out.name,
        "media_type": MEDIA_TYPES[fmt],
        "filename": f"{view}.{fmt}",
        "rows": written,
    }


def _rows(
    runtime: Any,
    job_id: str,
    conn: Any,
    fetch: Fetch,
    scope: Scope,
    path: str,
    moment: datetime | None,
) -> Iterator[dict[str, Any]]:
    """The view's rows, a chunk at a time, recording progress after each chunk."""
    now, written = datetime.now(UTC), 0
    while True:
        rows, total = fetch(conn, scope, path, now, moment, written, CHUNK)
        for row in rows:
            yield {k: cell(v) for k, v in plain_row(row).items()}
        written += len(rows)
        jobs.set_progress(runtime.engine, job_id, written * 100 // max(total, 1))
        if not rows or written >= total:
            return


def _write_csv(out: Path, view: str, rows: Iterator[dict[str, Any]]) -> int:
    written = 0
    with out.open("w", newline="", encoding="utf-8") as file:
        writer = None
        for values in rows:
            if writer is None:
                writer = csv.DictWriter(file, fieldnames=list(values))
                writer.writeheader()
            writer.writerow(csv_row(values))
            written += 1
    return written


def _write_xlsx(out: Path, view: str, rows: Iterator[dict[str, Any]]) -> int:
    # Write-only mode streams rows to the file instead of holding the sheet.
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(view[:31])
    written = 0
    for values in rows:
        if written == 0:
            sheet.append(xlsx_row(sheet, list(values)))
        sheet.append(xlsx_row(sheet, list(values.values())))
        written += 1
    workbook.save(out)
    return written


SINKS: dict[str, Callable[[Path, str, Iterator[dict[str, Any]]], int]] = {
    "csv": _write_csv,
    "xlsx": _write_xlsx,
}
MEDIA_TYPES = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def scope_args(scope: Scope) -> tuple[list[str] | None, list[str]]:
    """A scope as JSON job arguments."""
    return (list(scope.paths) if scope.paths is not None else None), list(scope.singles)
