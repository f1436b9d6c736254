"""Routes of the auth resource: a token for scripts, your tokens, who you are."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from uuid import UUID

from flask import request
from flask.views import MethodView
from flask_smorest import Blueprint, abort

from safeledger.platform.api.auth import schemas
from safeledger.platform.api.context import identity, runtime
from safeledger.platform.auth import accounts, tokens

blp = Blueprint(
    "auth",
    __name__,
    url_prefix="/api/v1/auth",
    description="Tokens for scripts and integrations: shown once, stored hashed.",
)


@blp.route("/tokens")
class Tokens(MethodView):
    @blp.arguments(schemas.TokenRequestSchema)
    @blp.response(201, schemas.IssuedTokenSchema)
    def post(self, body: dict[str, Any]) -> dict[str, Any]:
        """Exchange a username and password for a personal API token."""
        engine = runtime().engine
        user = sign_in(body["username"], body["password"])
        secret, token_id = tokens.issue(
            engine,
            user.user_id,
            body["name"],
            tenant_ids=body["tenant_ids"],
            roles=body["roles"],
            lifetime=timedelta(days=body["days"]),
        )
        return {"token": secret, "token_id": token_id}

    @blp.response(200, schemas.TokenSchema(many=True))
    def get(self) -> list[Any]:
        """List your tokens (never their secrets)."""
        return tokens.list_tokens(runtime().engine, identity().user.user_id)


@blp.route("/tokens/<uuid:token_id>")
class Token(MethodView):
    @blp.response(204)
    def delete(self, token_id: UUID) -> None:
        """Revoke one of your tokens; it fails from the very next request on."""
        tokens.revoke(runtime().engine, identity().user.user_id, token_id)


@blp.route("/me")
class Me(MethodView):
    @blp.response(200, schemas.MeSchema)
    def get(self) -> dict[str, Any]:
        """Who you are, and your roles in force."""
        caller = identity()
        return {**vars(caller.user), "grants": [vars(g) for g in caller.grants]}


def sign_in(username: str, password: str) -> accounts.User:
    """The account, or 401/429 saying only what may be said."""
    address = request.remote_addr or "unknown"
    try:
        return accounts.authenticate(runtime().engine, username, password, address)
    except accounts.LoginThrottledError as error:
        abort(429, message=str(error), headers={"Retry-After": str(error.retry_after)})
    except accounts.LoginRefusedError as error:
        abort(401, message=str(error))
