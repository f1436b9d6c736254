"""Whole table views as CSV or XLSX files, written by a job with progress.

The caller's read scope travels with the job (as directory paths), so a
background export shows exactly what the caller's own request would have.
The rows are read in chunks inside one transaction, so the file is consistent.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from uuid import UUID

import sqlalchemy as sa
from openpyxl import Workbook

from safeledger.platform.background import jobs
from safeledger.platform.background.runner import current_job_id, current_runtime, job
from safeledger.platform.evidence.export import exports_folder
from safeledger.platform.spreadsheet_cells import xlsx_row
from safeledger.platform.table_views import (
    TABLE_VIEWS,
    Query,
    TableView,
    cells,
    write_csv,
)
from safeledger.projections.listing import tenant_path
from safeledger.projections.scope import Scope

CHUNK = 500


@job("system:exports")
def export_table(
    tenant_id: str,
    view: str,
    paths: list[str] | None,
    singles: list[str],
    as_of: str | None = None,
    fmt: str = "csv",
) -> dict[str, Any]:
    """Job: write ``view`` of the subtree as CSV or XLSX, recording progress."""
    runtime, job_id = current_runtime(), current_job_id()
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
        query = Query(UUID(tenant_id), path, datetime.now(UTC), moment)
        rows = _rows(runtime.engine, job_id, conn, TABLE_VIEWS[view], scope, query)
        written = SINKS[fmt](out, view, rows)
    return {
        "tenant_id": tenant_id,
        "file": out.name,
        "media_type": MEDIA_TYPES[fmt],
        "filename": f"{view}.{fmt}",
        "rows": written,
    }


def _rows(
    engine: sa.Engine,
    job_id: str | None,
    conn: sa.Connection,
    table: TableView,
    scope: Scope,
    query: Query,
) -> Iterator[dict[str, Any]]:
    """The view's rows, a chunk at a time, recording progress after each chunk."""
    written = 0
    while True:
        rows, total = table.fetch(conn, scope, query, written, CHUNK)
        yield from cells(rows)
        written += len(rows)
        if job_id is not None:
            jobs.set_progress(engine, job_id, written * 100 // max(total, 1))
        if not rows or written >= total:
            return


def _write_csv(out: Path, view: str, rows: Iterator[dict[str, Any]]) -> int:
    with out.open("w", newline="", encoding="utf-8") as file:
        return write_csv(file, rows)


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
