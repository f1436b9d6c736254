"""Bulk creation of a county's principals from a CSV: checked whole, then created.

Columns: ``school_code,display_name,username`` and an optional ``password``
(empty: a one-time password is made and returned once). Every line is checked
before anything is created; a refused file names each bad line.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from safeledger.platform.auth import management
from safeledger.platform.auth.accounts import MIN_PASSWORD
from safeledger.platform.auth.tables import users
from safeledger.projections.directory.tables import directory_tenants as d
from safeledger.tenants.access import Role
from safeledger.tenants.errors import InvalidValueError

COLUMNS = ("school_code", "display_name", "username")
MAX_LINES = 2000


# What can be wrong with a line, and how the API and the CLI say it.
PROBLEMS = {
    "columns": "missing column(s) {value}",
    "school": "no school with code {value!r} in this county",
    "required": "display_name and username are required",
    "taken": "the username {value!r} is taken",
    "password": f"a password has at least {MIN_PASSWORD} characters",
    "too_long": f"at most {MAX_LINES} lines per file",
}


class PrincipalsFileError(InvalidValueError):
    """Lines of the file are wrong; nothing was created."""

    rule = "import_lines_valid"
    field = "file"

    def __init__(self, problems: list[tuple[int, str, str]]) -> None:
        self.problems = problems  # (line, problem, value)
        self.errors = [
            f"line {line}: " + PROBLEMS[problem].format(value=value)
            for line, problem, value in problems
        ]
        super().__init__("; ".join(self.errors[:20]))


@dataclass(frozen=True)
class PrincipalLine:
    line: int
    school_id: Any
    school_name: str
    display_name: str
    username: str
    password: str


def check_principals(
    conn: sa.Connection, county_path: str, text: str
) -> list[PrincipalLine]:
    """Every line of the file, checked against the county's schools and usernames."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise PrincipalsFileError([(1, "columns", ", ".join(missing))])
    schools = {
        row.code: row
        for row in conn.execute(
            sa.select(d.c.code, d.c.tenant_id, d.c.name).where(
                d.c.kind == "school",
                d.c.path >= county_path,
                d.c.path < county_path[:-1] + "0",
            )
        )
    }
    taken = set(conn.execute(sa.select(users.c.username)).scalars())
    lines: list[PrincipalLine] = []
    errors: list[tuple[int, str, str]] = []
    seen: set[str] = set()
    for number, row in enumerate(reader, start=2):
        if number > MAX_LINES + 1:
            errors.append((number, "too_long", ""))
            break
        code = (row.get("school_code") or "").strip()
        name = (row.get("display_name") or "").strip()
        username = (row.get("username") or "").strip().lower()
        password = (row.get("password") or "").strip()
        school = schools.get(code)
        if school is None:
            errors.append((number, "school", code))
        if not name or not username:
            errors.append((number, "required", ""))
        elif username in taken or username in seen:
            errors.append((number, "taken", username))
        if password and len(password) < MIN_PASSWORD:
            errors.append((number, "password", ""))
        seen.add(username)
        if school is not None:
            lines.append(
                PrincipalLine(
                    number, school.tenant_id, school.name, name, username, password
                )
            )
    if errors:
        raise PrincipalsFileError(errors)
    return lines


def create_principals(
    engine: sa.Engine, store: Any, lines: list[PrincipalLine]
) -> list[dict[str, Any]]:
    """Create each checked line's account and grant it the principal's role."""
    made = []
    for line in lines:
        password = line.password or management.one_time_password()
        user, _done = management.create_account(
            engine,
            store.for_tenant(line.school_id),
            line.school_id,
            username=line.username,
            display_name=line.display_name,
            password=password,
            role=Role.PRINCIPAL.value,
        )
        made.append(
            {
                "line": line.line,
                "user_id": user.user_id,
                "username": user.username,
                "school": line.school_name,
                "password": None if line.password else password,
            }
        )
    return made
