"""Table views of the read models: a page of JSON, or the whole table as CSV.

Every table view takes ``as_of`` (ISO 8601 with a zone) where the read model
keeps its past, and ``format=csv`` (or ``Accept: text/csv``) for a download.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

import marshmallow as ma
import sqlalchemy as sa
from flask import Response, request
from flask_smorest import abort

from safeledger.platform.api.fields import Moment
from safeledger.platform.api.pagination import PageArgs, offset_limit, page_of
from safeledger.platform.table_views import plain_row, write_csv
from safeledger.projections.listing import tenant_path

CSV_LIMIT = 100_000
Fetch = Callable[[int, int | None], tuple[Sequence[Any], int]]


class ViewArgs(PageArgs):
    """Page, ``as_of`` and ``format`` of a table view."""

    as_of = Moment(
        load_default=None, metadata={"description": "answer as of this past moment"}
    )
    format = ma.fields.String(
        load_default="json", validate=ma.validate.OneOf(["json", "csv"])
    )


def now() -> datetime:
    """The server's clock, for "now"-dependent figures such as overdue."""
    return datetime.now(tz=UTC)


def path_or_404(conn: sa.Connection, scope: Any, tenant_id: UUID) -> str:
    """The directory path of a tenant the caller may see, or a 404."""
    path = tenant_path(conn, scope, tenant_id)
    if path is None:
        abort(404, message=f"no tenant with id {tenant_id}")
    return path


def wants_csv(args: dict[str, Any]) -> bool:
    """Whether the caller asked for CSV, by ``format`` or by ``Accept``."""
    accept = request.accept_mimetypes
    return args.get("format") == "csv" or (
        accept.best == "text/csv" and accept["text/csv"] > accept["application/json"]
    )


def table_view(args: dict[str, Any], fetch: Fetch, name: str) -> Any:
    """A page of ``fetch(offset, limit)`` rows, or every row as ``name``.csv."""
    if wants_csv(args):
        rows, _ = fetch(0, CSV_LIMIT)
        return csv_response(rows, name)
    limits = offset_limit(args)
    rows, total = fetch(limits["offset"], limits["limit"])
    return page_of([plain_row(row) for row in rows], total, args)


def csv_response(rows: Iterable[Any], name: str) -> Response:
    """The rows as a CSV download, columns in the rows' order."""
    out = io.StringIO()
    write_csv(out, rows)
    response = Response(out.getvalue(), mimetype="text/csv")
    response.headers["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response
