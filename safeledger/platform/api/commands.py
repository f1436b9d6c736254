"""What every command endpoint shares: expected versions and read-your-writes."""

from __future__ import annotations

from typing import Any

from flask import request
from flask_smorest import abort

from safeledger.platform.api.context import runtime
from safeledger.tenants.application import Recorded


def expected_version(body: dict[str, Any]) -> int | None:
    """The version the caller expects, from ``If-Match`` or the body's ``version``."""
    header = request.headers.get("If-Match")
    if header is None:
        return body.get("version")
    raw = header.strip().removeprefix("W/").strip('"')
    if not raw.isdigit() or int(raw) < 1:
        abort(
            400,
            message="If-Match must be the version number the change was made against",
            errors={"headers": {"If-Match": ["must be a positive whole number"]}},
        )
    return int(raw)


def recorded(result: Recorded) -> Recorded:
    """Wait (bounded) until the read models show the command, then return it."""
    runtime().wait_for_projections(result)
    return result
