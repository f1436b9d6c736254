"""用户与授权: accounts of one's subtree, their roles, passwords; one's own password."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask import (
    abort,
    flash,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _

from safeledger.platform.api.context import runtime
from safeledger.platform.auth import management, sessions
from safeledger.platform.auth.principals import (
    PrincipalsFileError,
    check_principals,
    create_principals,
)
from safeledger.platform.console.accounts import forms
from safeledger.platform.console.frame import (
    acting,
    area_blueprint,
    current_tenant_id,
    refuse,
    refuse_domain_error,
    visible_tenant,
)
from safeledger.platform.console.hazards.forms import FieldError, uuid_field
from safeledger.platform.console.labels import line_problem, rule_message
from safeledger.projections.directory import queries as directory
from safeledger.tenants.access import GRANTABLE, Action, Role
from safeledger.tenants.errors import DomainError
from safeledger.tenants.grants import RoleGrant

bp = area_blueprint("account_pages", __name__)
MAX_TENANTS = 500


@bp.get("/accounts")
def index() -> Any:
    """The accounts of the tenant one works in and below, and a form for a new one."""
    tenant_id = request.args.get("tenant", type=UUID) or current_tenant_id()
    if tenant_id is None:
        abort(403)
    tenant = visible_tenant(tenant_id, Action.MANAGE_ACCESS)
    g.page_tenant = tenant_id
    # Accounts are platform tables, never granted to the reader role: the
    # checks in ``management`` decide what the caller may see of them.
    with runtime().engine.connect() as conn:
        accounts = management.accounts_under(conn, g.identity, tenant.path)
        found = directory.subtree(
            conn, g.identity.scope(Action.MANAGE_ACCESS), tenant_id, limit=MAX_TENANTS
        )
    return render_template(
        "accounts/index.html",
        tenant=tenant,
        accounts=accounts,
        tenants=found[0] if found else [],
        roles=[role.value for role in Role if role in GRANTABLE],
        handed=g.get("handed_over"),
        made=g.get("principals_made"),
    )


@bp.post("/accounts/principals")
def import_principals() -> Any:
    """Create the principals of the schools below from a CSV; passwords shown once."""
    tenant_id = request.args.get("tenant", type=UUID) or current_tenant_id()
    if tenant_id is None:
        abort(404)
    tenant = visible_tenant(tenant_id, Action.MANAGE_ACCESS)
    upload = request.files.get("file")
    text = upload.read().decode("utf-8-sig", errors="replace") if upload else ""
    rt = runtime()
    try:
        with rt.engine.connect() as conn:
            lines = check_principals(conn, tenant.path, text)
    except PrincipalsFileError as refused:
        lines = [line_problem(*problem) for problem in refused.problems[:10]]
        refuse("；".join(lines), "file")
        return index(), 422
    with acting():
        g.principals_made = create_principals(rt.engine, rt.store, lines)
    return index()


@bp.post("/accounts")
def create() -> Any:
    """Create an account with a role; the initial password is shown once."""
    try:
        details = forms.new_account()
        tenant_id = details.pop("tenant_id")
        visible_tenant(tenant_id, Action.MANAGE_ACCESS)
        password = details.pop("password") or management.one_time_password()
        with acting():
            user, done = management.create_account(
                runtime().engine,
                runtime().store.for_tenant(tenant_id),
                tenant_id,
                password=password,
                **details,
            )
    except FieldError as error:
        refuse(error.message, error.field)
        return index(), 422
    except DomainError as error:
        refuse_domain_error(error)
        return index(), 422
    runtime().wait_for_projections(done)
    g.handed_over = {"username": user.username, "password": password}
    return index()


def managed(user_id: UUID) -> None:
    """404 unless the caller manages the account."""
    # Accounts are platform tables, never granted to the reader role: the
    # checks in ``management`` decide what the caller may see of them.
    with runtime().engine.connect() as conn:
        if not management.manages(conn, g.identity, user_id):
            abort(404)


@bp.post("/accounts/<uuid:user_id>/password")
def reset_password(user_id: UUID) -> Any:
    """Give the account a new one-time password, shown once."""
    managed(user_id)
    password = management.one_time_password()
    management.set_password(runtime().engine, user_id, password)
    # Accounts are platform tables, never granted to the reader role: the
    # checks in ``management`` decide what the caller may see of them.
    with runtime().engine.connect() as conn:
        username = management.username_of(conn, user_id)
    g.handed_over = {"username": username, "password": password}
    return index()


@bp.post("/accounts/<uuid:user_id>/active")
def set_active(user_id: UUID) -> Any:
    """Deactivate or reactivate an account."""
    managed(user_id)
    active = request.form.get("active") == "yes"
    management.set_disabled(runtime().engine, user_id, not active)
    flash(_("Account reactivated.") if active else _("Account deactivated."))
    return redirect(url_for("account_pages.index", tenant=request.form.get("tenant")))


@bp.post("/accounts/<uuid:user_id>/grants")
def grant(user_id: UUID) -> Any:
    """Grant the account a role on a tenant one manages, time-boxed if wished."""
    managed(user_id)
    try:
        tenant_id = uuid_field("tenant_id")
        visible_tenant(tenant_id, Action.MANAGE_ACCESS)
        role = Role(request.form.get("role", ""))
        with acting():
            done = (
                runtime()
                .store.for_tenant(tenant_id)
                .grant_role(
                    tenant_id, user_id=user_id, role=role, expires_at=forms.expiry()
                )
            )
    except FieldError as error:
        refuse(error.message, error.field)
        return index(), 422
    except ValueError:
        abort(400)
    except DomainError as error:
        refuse_domain_error(error)
        return index(), 422
    runtime().wait_for_projections(done)
    flash(_("Role granted."))
    return redirect(url_for("account_pages.index", tenant=request.form.get("tenant")))


@bp.post("/accounts/grants/<uuid:tenant_id>/<uuid:grant_id>/revocation")
def revoke(tenant_id: UUID, grant_id: UUID) -> Any:
    """Withdraw a role."""
    visible_tenant(tenant_id, Action.MANAGE_ACCESS)
    ledger = runtime().store.for_tenant(tenant_id)
    try:
        held = ledger.load(RoleGrant, tenant_id, grant_id)
        if held.user_id == g.identity.user.user_id:
            abort(403)
        with acting():
            done = ledger.revoke_role(
                tenant_id, grant_id, None, request.form.get("reason") or _("Revoked")
            )
    except DomainError as error:
        refuse_domain_error(error)
        return index(), 422
    runtime().wait_for_projections(done)
    flash(_("Role revoked."))
    return redirect(url_for("account_pages.index", tenant=request.form.get("tenant")))


@bp.get("/account/password")
def own_password() -> Any:
    """The form to change one's own password."""
    return render_template("accounts/password.html")


@bp.post("/account/password")
def change_own_password() -> Any:
    """Change one's own password, proving the current one."""
    try:
        new = forms.new_password()
        management.change_own_password(
            runtime().engine,
            g.identity.user.user_id,
            request.form.get("current_password") or "",
            new,
        )
    except FieldError as error:
        refuse(error.message, error.field)
        return render_template("accounts/password.html"), 422
    except DomainError as error:
        # The account rule names "password"; on this form that is the new one.
        field = "new_password" if error.field == "password" else error.field
        refuse(rule_message(error), field)
        return render_template("accounts/password.html"), 422
    # The change ended every session of the account, this one too (a stolen
    # cookie dies with the old password); the person who proved it goes on.
    session["sid"] = sessions.start(runtime().engine, g.identity.user.user_id)
    flash(_("Your password was changed."))
    return redirect(url_for("tasks.index"))
