"""The one place where errors become HTTP responses.

Every error body is ``{code, status, message, errors}``; ``errors`` names the
field at fault and the rule it broke.
"""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from flask import Flask

from safeledger.tenants.errors import (
    ConflictError,
    DomainError,
    InvalidValueError,
    NotFoundError,
)

STATUS_BY_ERROR: tuple[tuple[type[DomainError], HTTPStatus], ...] = (
    (NotFoundError, HTTPStatus.NOT_FOUND),
    (ConflictError, HTTPStatus.CONFLICT),
    (InvalidValueError, HTTPStatus.UNPROCESSABLE_ENTITY),
    (DomainError, HTTPStatus.UNPROCESSABLE_ENTITY),
)


def status_for(error: DomainError) -> HTTPStatus:
    """The HTTP status of a domain error."""
    return next(status for kind, status in STATUS_BY_ERROR if isinstance(error, kind))


def error_body(
    status: HTTPStatus, message: str, errors: dict[str, Any] | None = None
) -> dict[str, Any]:
    """An error payload in the API's one shape."""
    return {
        "code": status.value,
        "status": status.phrase,
        "message": message,
        "errors": errors or {},
    }


def domain_error_body(error: DomainError) -> dict[str, Any]:
    """The payload for a broken domain rule, naming the field and the rule."""
    status = status_for(error)
    detail = {"rule": error.rule, "message": error.message}
    errors = {"json": {error.field: [detail]}} if error.field else {"rule": error.rule}
    return error_body(status, error.message, errors)


def register_error_handlers(app: Flask) -> None:
    """Turn domain errors into JSON responses."""

    @app.errorhandler(DomainError)
    def _domain_error(error: DomainError) -> tuple[dict[str, Any], int]:
        body = domain_error_body(error)
        return body, body["code"]
