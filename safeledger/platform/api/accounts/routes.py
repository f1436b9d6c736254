"""Routes of the account resource: a tenant admin's people, and one's own password.

Accounts are created for a tenant the caller manages access to, with a role on
it; passwords are reset and accounts deactivated only for people whose every
grant lies within the caller's reach (see :mod:`safeledger.platform.auth.management`).
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask.views import MethodView
from flask_smorest import Blueprint, abort

from safeledger.platform.api.accounts import schemas
from safeledger.platform.api.commands import recorded
from safeledger.platform.api.context import (
    command_context,
    identity,
    runtime,
)
from safeledger.platform.auth import management
from safeledger.platform.auth.principals import (
    PrincipalsFileError,
    check_principals,
    create_principals,
)
from safeledger.platform.auth.web import tenant_path

blp = Blueprint(
    "accounts",
    __name__,
    url_prefix="/api/v1/tenants/<uuid:tenant_id>/accounts",
    description="Accounts of the people of a tenant's subtree (用户与授权).",
)
own = Blueprint(
    "own_account",
    __name__,
    url_prefix="/api/v1/auth/password",
    description="Your own password.",
)


@blp.route("")
class Accounts(MethodView):
    @blp.response(200, schemas.AccountSchema(many=True))
    def get(self, tenant_id: UUID) -> list[Any]:
        """List the accounts holding roles here and below that you manage."""
        # Accounts are platform tables, never granted to the reader role: the
        # checks in ``management`` decide what the caller may see of them.
        with runtime().engine.connect() as conn:
            return management.accounts_under(conn, identity(), path_of(tenant_id))

    @blp.arguments(schemas.NewAccountSchema)
    @blp.response(201, schemas.CreatedAccountSchema)
    def post(self, body: dict[str, Any], tenant_id: UUID) -> dict[str, Any]:
        """Create an account with a role on this tenant; a one-time password if none."""
        given = body.pop("password")
        password = given or management.one_time_password()
        rt = runtime()
        with command_context():
            user, done = management.create_account(
                rt.engine,
                rt.store.for_tenant(tenant_id),
                tenant_id,
                password=password,
                **body,
            )
        recorded(done)
        return {**vars(user), "password": None if given else password}


@blp.route("/<uuid:user_id>/password-reset")
class PasswordReset(MethodView):
    @blp.response(200, schemas.PasswordResetSchema)
    def post(self, tenant_id: UUID, user_id: UUID) -> dict[str, Any]:
        """Give an account you manage a new one-time password, returned once."""
        username = managed(user_id)
        password = management.one_time_password()
        management.set_password(runtime().engine, user_id, password)
        return {"user_id": user_id, "username": username, "password": password}


@blp.route("/<uuid:user_id>/deactivation")
class Deactivation(MethodView):
    @blp.response(204)
    def post(self, tenant_id: UUID, user_id: UUID) -> None:
        """Deactivate an account you manage: it can no longer sign in."""
        managed(user_id)
        management.set_disabled(runtime().engine, user_id, True)


@blp.route("/<uuid:user_id>/reactivation")
class Reactivation(MethodView):
    @blp.response(204)
    def post(self, tenant_id: UUID, user_id: UUID) -> None:
        """Let a deactivated account you manage sign in again."""
        managed(user_id)
        management.set_disabled(runtime().engine, user_id, False)


@blp.route("/principals")
class Principals(MethodView):
    @blp.arguments(schemas.PrincipalsUploadSchema, location="files")
    @blp.response(201, schemas.CreatedPrincipalSchema(many=True))
    def post(self, files: dict[str, Any], tenant_id: UUID) -> list[dict[str, Any]]:
        """Create the principals of a county's schools from a CSV file."""
        text = files["file"].read().decode("utf-8-sig", errors="replace")
        rt = runtime()
        with rt.engine.connect() as conn:
            try:
                lines = check_principals(conn, path_of(tenant_id), text)
            except PrincipalsFileError as refused:
                abort(
                    422,
                    message="the file was refused; nothing was created",
                    errors={"files": {"file": refused.errors}},
                )
        with command_context():
            return create_principals(rt.engine, rt.store, lines)


@own.route("")
class OwnPassword(MethodView):
    @own.arguments(schemas.OwnPasswordSchema)
    @own.response(204)
    def post(self, body: dict[str, Any]) -> None:
        """Change your own password, proving the current one."""
        management.change_own_password(
            runtime().engine,
            identity().user.user_id,
            body["current_password"],
            body["new_password"],
        )


def path_of(tenant_id: UUID) -> str:
    """The tenant's path (the access check already found it)."""
    path = tenant_path(tenant_id)
    if path is None:
        abort(404, message=f"no tenant with id {tenant_id}")
    return path


def managed(user_id: UUID) -> str:
    """The account's username, or 404 unless the caller manages it."""
    # Accounts are platform tables, never granted to the reader role: the
    # checks in ``management`` decide what the caller may see of them.
    with runtime().engine.connect() as conn:
        if not management.manages(conn, identity(), user_id):
            abort(404, message=f"no account {user_id} that you manage")
        return management.username_of(conn, user_id)
