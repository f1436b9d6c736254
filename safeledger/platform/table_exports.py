"""Whole read-model tables as CSV files, written by a job that reports progress.

The caller's read scope travels with the job (as directory paths), so a
background export shows exactly what the caller's own request would have.
The rows are read in chunks inside one transaction, so the file is consistent.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from safeledger.platform import jobs
from safeledger.platform.api.tables import cell, plain_row
from safeledger.platform.evidence.export import exports_folder
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
) -> dict[str, Any]:
    """Job: write ``view`` of the tenant's subtree as CSV, recording progress."""
    fetch = VIEWS[view]
    scope = Scope(tuple(paths) if paths is not None else None, tuple(singles))
    moment = datetime.fromisoformat(as_of) if as_of else None
    now = datetime.now(UTC)
    out = exports_folder(runtime.settings) / f"{job_id}.csv"
    out.parent.mkdir(parents=True, exist_ok=True)
    written = 0
    engine = runtime.engine
    if engine.dialect.name == "postgresql":
        engine = engine.execution_options(isolation_level="REPEATABLE READ")
    with engine.connect() as conn, conn.begin(), out.open("w", newline="") as file:
        path = tenant_path(conn, scope, UUID(tenant_id))
        if path is None:
            raise LookupError(f"no tenant with id {tenant_id} in the caller's scope")
        writer = None
        while True:
            rows, total = fetch(conn, scope, path, now, moment, written, CHUNK)
            for row in rows:
                values = {k: cell(v) for k, v in plain_row(row).items()}
                if writer is None:
                    writer = csv.DictWriter(file, fieldnames=list(values))
                    writer.writeheader()
                writer.writerow(values)
            written += len(rows)
            jobs.set_progress(runtime.engine, job_id, written * 100 // max(total, 1))
            if not rows or written >= total:
                break
    return {
        "tenant_id": tenant_id,
        "file": out.name,
        "media_type": "text/csv",
        "filename": f"{view}.csv",
        "rows": written,
    }


def scope_args(scope: Scope) -> tuple[list[str] | None, list[str]]:
    """A scope as JSON job arguments."""
    return (list(scope.paths) if scope.paths is not None else None), list(scope.singles)
