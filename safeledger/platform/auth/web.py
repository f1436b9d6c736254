"""The access checks every API request passes before its view runs.

Identify the caller (a Bearer token, or the console's session), then hold the
endpoint's action against the caller's grants on the tenant in the path.
"""

from __future__ import annotations

from uuid import UUID

import sqlalchemy as sa
from flask import Flask, Response, current_app, g, request, session
from flask_smorest import abort

from safeledger.platform.auth import policy, sessions, tokens
from safeledger.platform.auth.accounts import get_user
from safeledger.platform.auth.identity import Identity, load_identity
from safeledger.projections.directory.tables import directory_tenants
from safeledger.tenants import context
from safeledger.tenants.access import Action
from safeledger.tenants.context import utc_now

API_PREFIX = "/api/v1/"


def init_auth(app: Flask) -> None:
    """Check every API request before its view runs; trace reads that must be."""
    app.before_request(check_api_request)
    app.after_request(record_read)


def record_read(response: Response) -> Response:
    """Record a successful read of evidence or an audit trail in the tenant's ledger."""
    blueprint, method = request.blueprint or "", request.method
    tenant_id = (request.view_args or {}).get("tenant_id")
    if (
        tenant_id is None
        or method not in policy.RECORDED_READS.get(blueprint, ())
        or not 200 <= response.status_code < 300
        or g.get("identity") is None
    ):
        return response
    ledger = current_app.extensions["safeledger"].store.for_tenant(tenant_id)
    with context.acting_as(g.identity.actor):
        ledger.record_read(
            tenant_id, what=request.path, query=request.query_string.decode()
        )
    return response


def check_api_request() -> None:
    """Identify the caller and hold the endpoint against the access matrix."""
    if not request.path.startswith(API_PREFIX) or request.endpoint is None:
        return
    key = (request.endpoint, request.method)
    g.identity = identify()
    if key in policy.PUBLIC:
        return
    if g.identity is None:
        abort(401, message="sign in: send Authorization: Bearer <token>")
    tenant_id = (request.view_args or {}).get("tenant_id")
    if tenant_id is None:
        check_untenanted(g.identity, key)
    else:
        check_tenant(g.identity, request.endpoint, tenant_id)


def identify() -> Identity | None:
    """The caller of this request, from its token or its console session."""
    engine = current_app.extensions["safeledger"].engine
    header = request.headers.get("Authorization", "")
    token = None
    if header:
        scheme, _, secret = header.partition(" ")
        token = (
            tokens.verify(engine, secret.strip())
            if scheme.lower() == "bearer"
            else None
        )
        if token is None:
            abort(401, message="the token is unknown, expired or revoked")
        user_id = token.user_id
    elif "sid" in session and safe_for_session():
        # The cookie only names a server-side session, which may have ended.
        found = sessions.resolve(engine, session["sid"])
        if found is None:
            return None
        user_id = found
    else:
        return None
    user = get_user(engine, user_id)
    if user is None:
        abort(401, message="the account is disabled")
    with engine.connect() as conn:
        return load_identity(conn, user, token, utc_now())


def safe_for_session() -> bool:
    """Whether a session cookie may identify this request.

    Console pages check CSRF tokens; the API does not, so there a cookie is only
    good for reading, and every change needs a Bearer token.
    """
    return not request.path.startswith(API_PREFIX) or request.method in ("GET", "HEAD")


def check_untenanted(caller: Identity, key: tuple[str, str]) -> None:
    """Endpoints with no tenant in the path: by their own rule."""
    rule = policy.UNTENANTED.get(key)
    if rule is None:
        abort(403, message="no access rule covers this endpoint")
    if rule == policy.PLATFORM_ADMIN and not caller.user.platform_admin:
        abort(403, message="only platform admins may do this")


def check_tenant(caller: Identity, endpoint: str, tenant_id: UUID) -> None:
    """Hold the endpoint's action against the caller's grants on the tenant."""
    action = policy.tenant_action(endpoint, request.method)
    if action is None:
        abort(403, message="no access rule covers this endpoint")
    require(caller, action, tenant_id)


def require(caller: Identity, action: Action, tenant_id: UUID) -> None:
    """404 for a tenant the caller cannot see, 403 for an action not granted."""
    path = tenant_path(tenant_id)
    if path is None and caller.user.platform_admin:
        return  # the view answers 404 for a tenant that does not exist
    if not caller.may(Action.READ, path) and not caller.may(action, path):
        abort(404, message=f"no tenant with id {tenant_id}")
    if not caller.may(action, path):
        abort(
            403,
            message=f"your roles on this tenant do not allow {action.value}",
            errors={"rule": "role_allows_action", "action": action.value},
        )


def tenant_path(tenant_id: UUID) -> str | None:
    """The tenant's directory path, or None if unknown."""
    with current_app.extensions["safeledger"].engine.connect() as conn:
        return conn.execute(
            sa.select(directory_tenants.c.path).where(
                directory_tenants.c.tenant_id == tenant_id
            )
        ).scalar_one_or_none()
