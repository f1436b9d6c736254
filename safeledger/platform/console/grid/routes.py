"""网格化管理: a school's places × time slots, gaps highlighted, assignments edited."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask import abort, g, render_template, request, url_for

from safeledger.platform.api.context import read_connection, runtime
from safeledger.platform.console import people
from safeledger.platform.console.frame import (
    area_blueprint,
    current_tenant_id,
    visible_tenant,
)
from safeledger.platform.console.grid.table import grid_table
from safeledger.platform.console.hazards.forms import text, uuid_field
from safeledger.platform.console.steps import perform
from safeledger.projections.directory import queries as directory
from safeledger.tenants.access import Action
from safeledger.tenants.context import utc_now
from safeledger.tenants.errors import NotFoundError
from safeledger.tenants.grid import Grid

bp = area_blueprint("grid_pages", __name__)


def school_arg() -> UUID:
    tenant_id = request.args.get("tenant", type=UUID) or current_tenant_id()
    if tenant_id is None:
        abort(404)
    return tenant_id


@bp.get("/grid")
def index() -> Any:
    """The school's grid as a table; a bureau picks one of its schools."""
    tenant_id = school_arg()
    tenant = visible_tenant(tenant_id)
    g.page_tenant = tenant_id
    scope = g.identity.scope()
    if tenant.kind != "school":
        with read_connection(scope) as conn:
            found = directory.subtree(conn, scope, tenant_id, kind="school", limit=500)
        return render_template(
            "grid/schools.html", tenant=tenant, schools=found[0] if found else []
        )
    ledger = runtime().store.for_tenant(tenant_id)
    try:
        grid = ledger.load(Grid, tenant_id, ledger.grid_id(tenant_id))
    except NotFoundError:
        grid = None
    with read_connection(scope) as conn:
        table = grid_table(conn, scope, tenant, utc_now())
    return render_template(
        "grid/index.html",
        tenant=tenant,
        grid=grid,
        table=table,
        people=people.names_around(tenant.path),
        may_record=g.identity.may(Action.RECORD, tenant.path),
    )


def _open(ledger: Any, school: UUID, version: int | None) -> Any:
    return ledger.open_grid(school)


def _place(ledger: Any, school: UUID, version: int | None) -> Any:
    parent = request.form.get("parent_id") or None
    return ledger.add_place(
        school,
        version=version,
        code=text("code"),
        name=text("name"),
        kind=text("kind"),
        parent_id=UUID(parent) if parent else None,
    )


def _assign(ledger: Any, school: UUID, version: int | None) -> Any:
    days = [int(d) for d in request.form.getlist("weekdays") if d.isdigit()]
    start, end = request.form.get("start") or "", request.form.get("end") or ""
    slots = [{"weekday": d, "start": start, "end": end} for d in days] or None
    return ledger.assign_place(
        school,
        version,
        place_id=uuid_field("place_id"),
        person=text("person"),
        role=text("role"),
        slots=slots,
    )


def _hand_over(ledger: Any, school: UUID, version: int | None) -> Any:
    return ledger.hand_over(
        school, uuid_field("assignment_id"), version, to_person=text("to_person")
    )


def _end(ledger: Any, school: UUID, version: int | None) -> Any:
    return ledger.end_assignment(
        school, uuid_field("assignment_id"), version, reason=text("reason")
    )


STEPS = {
    "open": _open,
    "place": _place,
    "assign": _assign,
    "hand_over": _hand_over,
    "end": _end,
}


@bp.post("/grid/<string:step>")
def act(step: str) -> Any:
    """Open the grid, add a place, assign, hand over or end an assignment."""
    if step not in STEPS:
        abort(404)
    school = school_arg()
    version = request.form.get("version", type=int)
    return perform(
        school,
        step,
        lambda ledger: STEPS[step](ledger, school, version),
        index,
        lambda done: url_for("grid_pages.index", tenant=school),
        fields={"slots": "start"},
    )
