"""Console pages: sign in and out, the tenants one may see, logging a hazard."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_wtf.csrf import generate_csrf, validate_csrf
from wtforms.validators import ValidationError

from safeledger.platform.api.context import read_connection
from safeledger.platform.auth import accounts, sessions
from safeledger.platform.auth.web import identify, tenant_path
from safeledger.projections.directory import queries
from safeledger.projections.oversight.queries import cases
from safeledger.tenants import context
from safeledger.tenants.access import Action
from safeledger.tenants.errors import DomainError

bp = Blueprint("console", __name__, url_prefix="/console", template_folder="templates")
OPEN_PAGES = {"console.login"}


@bp.before_request
def guard() -> Any:
    """Refuse a form without its CSRF token; send strangers to sign in."""
    if request.method == "POST":
        try:
            validate_csrf(request.form.get("csrf_token"))
        except ValidationError as error:
            abort(400, description=f"refused: {error}")
    if request.endpoint in OPEN_PAGES:
        return None
    g.identity = identify()
    if g.identity is None:
        return redirect(url_for("console.login", next=request.path))
    return None


@bp.app_context_processor
def template_globals() -> dict[str, Any]:
    return {"csrf_token": generate_csrf, "me": g.get("identity")}


@bp.route("/login", methods=["GET", "POST"])
def login() -> Any:
    """Sign in with a username and password."""
    if request.method == "GET":
        return render_template("console/login.html")
    engine = current_app.extensions["safeledger"].engine
    try:
        user = accounts.authenticate(
            engine,
            request.form.get("username", ""),
            request.form.get("password", ""),
            request.remote_addr or "unknown",
        )
    except (accounts.LoginRefusedError, accounts.LoginThrottledError) as error:
        flash(str(error))
        return render_template("console/login.html"), 401
    session.clear()
    session["sid"] = sessions.start(engine, user.user_id)
    return redirect(url_for("console.home"))


@bp.post("/logout")
def logout() -> Any:
    """Sign out: the session ends on the server, so a copied cookie is dead too."""
    if "sid" in session:
        sessions.end(current_app.extensions["safeledger"].engine, session["sid"])
    session.clear()
    return redirect(url_for("console.login"))


@bp.get("")
def home() -> Any:
    """The tenants one holds roles on."""
    scope = g.identity.scope()
    with read_connection() as conn:
        tenants = [
            queries.get_tenant(conn, scope, grant.tenant_id)
            for grant in g.identity.grants
        ]
        if g.identity.user.platform_admin:
            tenants = queries.provinces(conn, scope)
    return render_template("console/home.html", tenants=[t for t in tenants if t])


@bp.get("/tenants/<uuid:tenant_id>")
def tenant(tenant_id: UUID) -> Any:
    """A tenant, its children, and what one may do there."""
    row, children = visible_tenant(tenant_id)
    path = tenant_path(tenant_id)
    may_record = g.identity.may(Action.RECORD, path)
    with read_connection() as conn:
        open_cases, open_count = cases(
            conn, g.identity.scope(), path, state="open", limit=10
        )
    return render_template(
        "console/tenant.html",
        tenant=row,
        children=children,
        may_record=may_record,
        open_cases=open_cases,
        open_count=open_count,
    )


@bp.post("/tenants/<uuid:tenant_id>/hazards")
def log_hazard(tenant_id: UUID) -> Any:
    """Log a hazard from the form."""
    visible_tenant(tenant_id)
    if not g.identity.may(Action.RECORD, tenant_path(tenant_id)):
        abort(403)
    ledger = current_app.extensions["safeledger"].store.for_tenant(tenant_id)
    form = request.form
    try:
        with context.acting_as(g.identity.actor):
            ledger.log_hazard(
                tenant_id,
                category=form.get("category", ""),
                severity=form.get("severity", ""),
                description=form.get("description", ""),
                found_by=g.identity.user.display_name,
                place=form.get("place") or None,
            )
        flash("已登记隐患 · hazard logged")
    except DomainError as error:
        flash(f"未登记 · not logged: {error.message}")
    return redirect(url_for("console.tenant", tenant_id=tenant_id))


def visible_tenant(tenant_id: UUID) -> tuple[Any, list[Any]]:
    """The tenant and its children, or 404 if the caller cannot see it."""
    scope = g.identity.scope()
    with read_connection() as conn:
        row = queries.get_tenant(conn, scope, tenant_id)
        if row is None:
            abort(404)
        children, _ = queries.children(conn, scope, tenant_id)
    return row, children
