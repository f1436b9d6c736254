"""Console pages of the frame: sign in and out, language, tenant switcher, a tenant."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask import (
    Blueprint,
    abort,
    current_app,
    g,
    make_response,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _

from safeledger.platform.api.context import read_connection
from safeledger.platform.auth import accounts, sessions
from safeledger.platform.console.frame import (
    guard,
    my_tenants,
    refuse,
    safe_next,
    visible_tenant,
)
from safeledger.platform.console.i18n import LANG_COOKIE, LOCALES
from safeledger.projections.directory import queries
from safeledger.projections.oversight.queries import cases

bp = Blueprint(
    "console",
    __name__,
    url_prefix="/console",
    template_folder="templates",
    static_folder="static",
    static_url_path="/static",
)
bp.before_request(guard)
YEAR = 365 * 24 * 3600


@bp.route("/login", methods=["GET", "POST"])
def login() -> Any:
    """Sign in with a username and password, then go where the user was going."""
    target = safe_next(request.values.get("next"), url_for("tasks.index"))
    if request.method == "GET":
        return render_template("console/login.html", next=target)
    engine = current_app.extensions["safeledger"].engine
    try:
        user = accounts.authenticate(
            engine,
            request.form.get("username", ""),
            request.form.get("password", ""),
            request.remote_addr or "unknown",
        )
    except accounts.LoginRefusedError:
        refuse(_("Wrong username or password."))
        return render_template("console/login.html", next=target), 401
    except accounts.LoginThrottledError:
        refuse(_("Too many failed sign-ins. Try again in a quarter of an hour."))
        return render_template("console/login.html", next=target), 429
    lang = session.get("lang")
    session.clear()
    session["sid"] = sessions.start(engine, user.user_id)
    if lang:
        session["lang"] = lang
    return redirect(target)


@bp.post("/logout")
def logout() -> Any:
    """Sign out: the session ends on the server, so a copied cookie is dead too."""
    if "sid" in session:
        sessions.end(current_app.extensions["safeledger"].engine, session["sid"])
    session.clear()
    return redirect(url_for("console.login"))


@bp.post("/language")
def language() -> Any:
    """Switch the console's language; the choice outlives the session."""
    lang = request.form.get("lang", "")
    if lang not in LOCALES:
        abort(400)
    session["lang"] = lang
    response = make_response(
        redirect(safe_next(request.form.get("_page"), url_for("tasks.index")))
    )
    response.set_cookie(LANG_COOKIE, lang, max_age=YEAR, samesite="Lax", httponly=True)
    return response


@bp.post("/tenant")
def switch_tenant() -> Any:
    """Work in another of the tenants one holds roles on."""
    chosen = request.form.get("tenant_id", "")
    if chosen not in {str(t.tenant_id) for t in my_tenants()}:
        abort(404)
    session["tenant_id"] = chosen
    return redirect(url_for("tasks.index"))


@bp.get("")
def home() -> Any:
    """The landing page is one's tasks."""
    return redirect(url_for("tasks.index"))


@bp.get("/tenants/<uuid:tenant_id>")
def tenant(tenant_id: UUID) -> Any:
    """A tenant, its children, and its open accountability cases."""
    row = visible_tenant(tenant_id)
    g.page_tenant = tenant_id
    scope = g.identity.scope()
    with read_connection(scope) as conn:
        children, _count = queries.children(conn, scope, tenant_id)
        open_cases, open_count = cases(conn, scope, row.path, state="open", limit=10)
    return render_template(
        "console/tenant.html",
        tenant=row,
        children=children,
        open_cases=open_cases,
        open_count=open_count,
    )
