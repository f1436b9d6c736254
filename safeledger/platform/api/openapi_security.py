"""What the OpenAPI document says of identity and of failure, for every operation.

Two security schemes: a Bearer token (scripts and integrations) and the
console's session cookie (reads only). Every operation documents the answers
any request may get besides its success: 400 (a body or parameter no store can
hold), 401 (no identity), 403 (a role that does not allow it), 404 (a tenant or
record the caller cannot see), 409 (a stale version or a state that forbids it),
422 (a broken rule, naming the field) and 429 (sign-in throttled).
"""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from flask_smorest import Api

SESSION_COOKIE = "safeledger_session"
SECURITY_SCHEMES: dict[str, dict[str, Any]] = {
    "bearer": {
        "type": "http",
        "scheme": "bearer",
        "description": "a personal API token from POST /api/v1/auth/tokens",
    },
    "cookie": {
        "type": "apiKey",
        "in": "cookie",
        "name": SESSION_COOKIE,
        "description": "the console's session; good for reading only",
    },
}
SECURITY = [{"bearer": []}, {"cookie": []}]
ANSWERS = (
    HTTPStatus.BAD_REQUEST,
    HTTPStatus.UNAUTHORIZED,
    HTTPStatus.FORBIDDEN,
    HTTPStatus.NOT_FOUND,
    HTTPStatus.CONFLICT,
    HTTPStatus.UNPROCESSABLE_ENTITY,
    HTTPStatus.TOO_MANY_REQUESTS,
)
# Operations anyone may call: they answer without an identity.
PUBLIC = {("/api/v1/auth/tokens", "post")}
METHODS = {"get", "put", "post", "patch", "delete", "head", "options"}


def document_security(api: Api) -> None:
    """Declare the security schemes and every operation's error answers."""
    for name, scheme in SECURITY_SCHEMES.items():
        api.spec.components.security_scheme(name, scheme)
    error = {"$ref": "#/components/schemas/Error"}
    for status in ANSWERS:
        if status.name not in api.spec.components.responses:
            api.spec.components.response(
                status.name,
                {
                    "description": status.phrase,
                    "content": {"application/json": {"schema": error}},
                },
            )
    # apispec keeps the paths it was given in a plain dict; complete each here.
    for path, operations in api.spec._paths.items():
        for method, operation in operations.items():
            if method not in METHODS:
                continue
            responses = operation.setdefault("responses", {})
            for status in ANSWERS:
                responses.setdefault(str(status.value), status.name)
            operation["security"] = [] if (path, method) in PUBLIC else SECURITY
