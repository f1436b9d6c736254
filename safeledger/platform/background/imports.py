"""Bulk import of schools from a CSV file: every line is checked before any is recorded.

A file with a bad line is refused whole, with each problem named by line and field,
so a county never ends up with half a list. A good file is registered through the
ledger like any other registration, as a job that reports its progress.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from safeledger.platform.background import jobs
from safeledger.platform.background.runner import current_job_id, current_runtime, job
from safeledger.platform.store.shards import Store
from safeledger.tenants import context
from safeledger.tenants.errors import DomainError
from safeledger.tenants.hierarchy import SchoolType, TenantKind, tenant_id_for

COLUMNS = ("code", "name", "school_type", "boarding")
YES = {"1", "true", "yes", "y", "是"}
NO = {"", "0", "false", "no", "n", "否"}


@dataclass(frozen=True)
class LineError:
    """One problem in an import file."""

    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.field}: {self.message}"


class ImportRefusedError(DomainError):
    """The file has bad lines; nothing of it was recorded."""

    rule = "import_lines_valid"
    field = "file"

    def __init__(self, errors: list[LineError]) -> None:
        super().__init__(f"{len(errors)} problem(s); nothing was imported")
        self.errors = errors


def check_schools(store: Store, county_id: UUID, text: str) -> list[dict[str, Any]]:
    """The file's schools, ready to register; else refused, naming each bad line."""
    county = store.get_tenant(county_id)
    if county.kind is not TenantKind.COUNTY or not county.active:
        raise ImportRefusedError(
            [LineError(1, "county", f"{county.name} is not an active county")]
        )
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise ImportRefusedError([LineError(1, c, "missing column") for c in missing])
    rows, errors, seen = [], [], {}
    for number, raw in enumerate(reader, start=2):
        row, problems = _check_line(number, raw, seen)
        tenant_id = tenant_id_for(row.get("code", ""), county.province_id)
        if not problems and _registered(store, tenant_id):
            problems.append(
                LineError(number, "code", "already registered in the province")
            )
        errors += problems
        rows.append(row)
    if errors:
        raise ImportRefusedError(errors)
    if not rows:
        raise ImportRefusedError([LineError(2, "code", "the file lists no schools")])
    return rows


def _check_line(
    number: int, raw: dict[str, str | None], seen: dict[str, int]
) -> tuple[dict[str, Any], list[LineError]]:
    value = {k: (raw.get(k) or "").strip() for k in COLUMNS}
    problems = []
    if not value["code"]:
        problems.append(LineError(number, "code", "required"))
    elif value["code"] in seen:
        problems.append(
            LineError(number, "code", f"repeats line {seen[value['code']]}")
        )
    else:
        seen[value["code"]] = number
    if not value["name"]:
        problems.append(LineError(number, "name", "required"))
    if value["school_type"] not in {t.value for t in SchoolType}:
        known = ", ".join(t.value for t in SchoolType)
        problems.append(LineError(number, "school_type", f"must be one of {known}"))
    if value["boarding"].lower() not in YES | NO:
        problems.append(LineError(number, "boarding", "must be yes/no (是/否)"))
    boarding = value["boarding"].lower() in YES
    return {**value, "boarding": boarding}, problems


def _registered(store: Store, tenant_id: UUID) -> bool:
    try:
        store.get_tenant(tenant_id)
    except DomainError:
        return False
    return True


@job("system:imports")
def import_schools(county_id: str, text: str, actor: str) -> dict[str, int]:
    """Job: register every school of a checked file under the county, as ``actor``."""
    runtime, job_id = current_runtime(), current_job_id()
    county = UUID(county_id)
    rows = check_schools(runtime.store, county, text)
    with context.acting_as(actor, request_id=job_id):
        for done, row in enumerate(rows, start=1):
            recorded = runtime.store.registrar.register_tenant(
                kind=TenantKind.SCHOOL,
                code=row["code"],
                name=row["name"],
                parent_id=county,
                school_type=SchoolType(row["school_type"]),
                boarding=row["boarding"],
            )
            if job_id is not None:
                jobs.set_progress(runtime.engine, job_id, done * 100 // len(rows))
    # Finished means the directory shows them, as after any command.
    runtime.wait_for_projections(recorded)
    return {"registered": len(rows)}
