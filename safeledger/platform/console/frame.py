"""What every console page shares: the guard, the header's data, forms' errors.

Each area (tasks, hazards, accounts ...) is a blueprint made by
:func:`area_blueprint`, so every page passes the same guard: CSRF on forms,
sign-in for everything but the sign-in page.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

import sqlalchemy as sa
from flask import Blueprint, abort, current_app, g, request, session, url_for
from flask_babel import gettext as _
from flask_wtf.csrf import generate_csrf, validate_csrf
from werkzeug.datastructures import MultiDict
from wtforms.validators import ValidationError

from safeledger.platform.api.context import read_connection, runtime
from safeledger.platform.auth.web import identify, tenant_path
from safeledger.platform.console import labels
from safeledger.projections.directory.tables import directory_tenants as d
from safeledger.tenants import context
from safeledger.tenants.access import Action, allows
from safeledger.tenants.errors import DomainError

OPEN_PAGES = {"console.login", "console.static"}
NEVER_ECHOED = {"csrf_token", "password", "new_password", "current_password"}


class FormExpiredError(Exception):
    """A form came back with a missing or expired CSRF token."""


def area_blueprint(name: str, import_name: str) -> Blueprint:
    """A console area: its own templates, under ``/console``, behind the guard."""
    bp = Blueprint(
        name, import_name, url_prefix="/console", template_folder="templates"
    )
    bp.before_request(guard)
    return bp


def guard() -> Any:
    """Refuse a form without a valid CSRF token; send strangers to sign in."""
    from flask import redirect

    if request.endpoint not in OPEN_PAGES:
        g.identity = identify()
    if request.method == "POST":
        try:
            validate_csrf(request.form.get("csrf_token"))
        except ValidationError:
            raise FormExpiredError from None
    if request.endpoint in OPEN_PAGES or g.get("identity") is not None:
        return None
    return redirect(url_for("console.login", next=request.full_path.rstrip("?")))


def header_globals() -> dict[str, Any]:
    """What the base template needs: the caller, CSRF, labels, typed values."""
    return {
        "csrf_token": generate_csrf,
        "me": g.get("identity"),
        "label": labels.label,
        "choices": labels.choices,
        "typed": typed,
        "field_error": field_error,
        "form_message": lambda: g.get("form_message"),
        "my_tenants": my_tenants,
        "breadcrumbs": breadcrumbs,
        "manages_access": manages_access,
    }


def manages_access() -> bool:
    """Whether the caller may manage accounts anywhere (the Accounts area)."""
    caller = g.get("identity")
    return caller is not None and (
        caller.user.platform_admin
        or any(allows(grant.role, Action.MANAGE_ACCESS) for grant in caller.grants)
    )


def typed(name: str, default: Any = "") -> Any:
    """What the user typed into ``name`` on a form that came back, else ``default``."""
    form: MultiDict[str, str] | None = g.get("typed")
    if form is not None and name in form and name not in NEVER_ECHOED:
        return form.get(name)
    return default


def field_error(name: str) -> Any:
    """The message to show beside field ``name``, if its form was refused."""
    return (g.get("field_errors") or {}).get(name)


def refuse(message: Any, field_name: str | None = None) -> None:
    """Keep what was typed and say what is wrong (beside the field, if one is named)."""
    g.typed = request.form
    if field_name:
        g.setdefault("field_errors", {})[field_name] = message
    g.form_message = message


def refuse_domain_error(error: DomainError, fields: set[str] | None = None) -> None:
    """Show a broken domain rule beside its field, or above the form."""
    where = (
        error.field
        if error.field and (fields is None or error.field in fields)
        else None
    )
    refuse(labels.rule_message(error), where)


@contextmanager
def acting() -> Iterator[None]:
    """Stamp the events of a console command with the caller."""
    with context.acting_as(g.identity.actor):
        yield


@dataclass
class Crumb:
    tenant_id: UUID
    name: str
    kind: str
    linked: bool


@dataclass
class TenantChoice:
    tenant_id: UUID
    name: str
    roles: list[str] = field(default_factory=list)


def my_tenants() -> list[TenantChoice]:
    """The tenants the caller holds roles on, for the tenant switcher."""
    caller = g.get("identity")
    if caller is None:
        return []
    if "my_tenants" in g:
        return g.my_tenants
    ids = list(dict.fromkeys(grant.tenant_id for grant in caller.grants))
    with runtime().engine.connect() as conn:
        names = dict(
            conn.execute(
                sa.select(d.c.tenant_id, d.c.name).where(d.c.tenant_id.in_(ids))
            ).all()
        )
    choices = [TenantChoice(tid, names.get(tid, "")) for tid in ids]
    for choice in choices:
        choice.roles = [
            gr.role.value for gr in caller.grants if gr.tenant_id == choice.tenant_id
        ]
    g.my_tenants = choices
    return choices


def current_tenant_id() -> UUID | None:
    """The tenant the caller works in: their choice, else their first grant's."""
    chosen = session.get("tenant_id")
    tenants = my_tenants()
    for choice in tenants:
        if str(choice.tenant_id) == chosen:
            return choice.tenant_id
    if tenants:
        return tenants[0].tenant_id
    if g.identity.user.platform_admin:
        with runtime().engine.connect() as conn:
            return conn.execute(
                sa.select(d.c.tenant_id)
                .where(d.c.parent_id.is_(None))
                .order_by(d.c.code)
            ).scalar()
    return None


def breadcrumbs(tenant_id: UUID | None = None) -> list[Crumb]:
    """省 › 市 › 县 › 学校: the tenant and its ancestors the caller may see."""
    tenant_id = tenant_id or g.get("page_tenant") or current_tenant_id()
    path = tenant_path(tenant_id) if tenant_id else None
    if not path:
        return []
    hexes = [part for part in path.strip("/").split("/") if part]
    scope = g.identity.scope()
    with read_connection(scope) as conn:
        rows = conn.execute(
            sa.select(d.c.tenant_id, d.c.name, d.c.kind, d.c.path).where(
                d.c.path.in_(
                    ["/" + "/".join(hexes[: i + 1]) + "/" for i in range(len(hexes))]
                )
            )
        ).all()
    # Names above one's reach are shown (they are no secret), but not linked.
    return [
        Crumb(r.tenant_id, r.name, r.kind, scope.covers(r.path))
        for r in sorted(rows, key=lambda r: len(r.path))
    ]


def visible_tenant(tenant_id: UUID, action: Action = Action.READ) -> sa.Row:
    """The directory row of a tenant the caller may act on; 404 or 403 otherwise."""
    path = tenant_path(tenant_id)
    if path is None or not g.identity.may(Action.READ, path):
        abort(404)
    if not g.identity.may(action, path):
        abort(403)
    with runtime().engine.connect() as conn:
        return conn.execute(sa.select(d).where(d.c.tenant_id == tenant_id)).one()


def safe_next(target: str | None, default: str) -> str:
    """``target`` if it is a path on this site, else ``default`` (no open redirects)."""
    if (
        not target
        or not target.startswith("/")
        or target.startswith("//")
        or "\\" in target
        or any(ord(c) < 32 for c in target)
    ):
        return default
    return target


def expired_form_message() -> str:
    """The message shown above a form whose CSRF token had expired."""
    return _("This form had expired. Check what you typed and send it again.")


def page_size() -> int:
    """Rows per page of a list."""
    return int(current_app.config.get("CONSOLE_PAGE_SIZE", 20))
