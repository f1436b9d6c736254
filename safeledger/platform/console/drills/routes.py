"""应急演练: a school's drill calendar against its rhythm; planning and holding."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask import abort, g, render_template, request, url_for

from safeledger.platform.api.context import read_connection, runtime
from safeledger.platform.console.drills import forms
from safeledger.platform.console.drills.calendar import calendar
from safeledger.platform.console.frame import (
    area_blueprint,
    current_tenant_id,
    visible_tenant,
)
from safeledger.platform.console.hazards.forms import text
from safeledger.platform.console.i18n import local_now
from safeledger.platform.console.steps import perform, timeline
from safeledger.projections.directory import queries as directory
from safeledger.tenants.access import Action
from safeledger.tenants.context import utc_now
from safeledger.tenants.drills import Drill, DrillState
from safeledger.tenants.errors import NotFoundError

bp = area_blueprint("drill_pages", __name__)


@bp.get("/drills")
def index() -> Any:
    """A school's calendar; a bureau picks one of its schools."""
    tenant_id = request.args.get("tenant", type=UUID) or current_tenant_id()
    if tenant_id is None:
        abort(404)
    tenant = visible_tenant(tenant_id)
    g.page_tenant = tenant_id
    year = request.args.get("year", type=int) or local_now().year
    if not 2000 <= year <= 2100:
        abort(404)
    scope = g.identity.scope()
    with read_connection(scope) as conn:
        if tenant.kind != "school":
            found = directory.subtree(conn, scope, tenant_id, kind="school", limit=500)
            return render_template(
                "drills/schools.html", tenant=tenant, schools=found[0] if found else []
            )
        months = calendar(conn, scope, tenant, year, utc_now())
    return render_template(
        "drills/index.html",
        tenant=tenant,
        year=year,
        months=months,
        this_month=local_now().strftime("%Y-%m"),
        may_record=g.identity.may(Action.RECORD, tenant.path),
    )


@bp.post("/drills")
def plan() -> Any:
    """Plan a drill of a kind on a date."""
    tenant_id = request.args.get("tenant", type=UUID) or current_tenant_id()
    if tenant_id is None:
        abort(404)

    def command(ledger: Any) -> Any:
        return ledger.plan_drill(tenant_id, text("kind"), forms.day("planned_on"))

    return perform(
        tenant_id,
        "plan",
        command,
        index,
        lambda done: url_for(
            "drill_pages.detail", tenant_id=tenant_id, drill_id=done.aggregate_id
        ),
    )


@bp.get("/tenants/<uuid:tenant_id>/drills/<uuid:drill_id>")
def detail(tenant_id: UUID, drill_id: UUID) -> Any:
    """A drill, its documents and photos, and what may still be done with it."""
    tenant = visible_tenant(tenant_id)
    g.page_tenant = tenant_id
    ledger = runtime().store.for_tenant(tenant_id)
    try:
        drill = ledger.load(Drill, tenant_id, drill_id)
    except NotFoundError:
        abort(404)
    planned = drill.state is DrillState.PLANNED
    may = g.identity.may(Action.RECORD, tenant.path) and planned
    return render_template(
        "drills/detail.html",
        tenant=tenant,
        drill=drill,
        forms=["hold", "reschedule", "cancel"] if may else [],
        timeline=timeline(ledger, drill_id),
    )


STEPS = {
    "hold": lambda ledger, t, d, v: ledger.hold_drill(t, d, v, **forms.held_details(t)),
    "reschedule": lambda ledger, t, d, v: ledger.reschedule_drill(
        t, d, v, forms.day("planned_on"), text("reason")
    ),
    "cancel": lambda ledger, t, d, v: ledger.cancel_drill(t, d, v, text("reason")),
}


@bp.post("/tenants/<uuid:tenant_id>/drills/<uuid:drill_id>/<string:step>")
def act(tenant_id: UUID, drill_id: UUID, step: str) -> Any:
    """Hold, reschedule or cancel a planned drill from its page."""
    if step not in STEPS:
        abort(404)
    version = request.form.get("version", type=int)
    return perform(
        tenant_id,
        step,
        lambda ledger: STEPS[step](ledger, tenant_id, drill_id, version),
        lambda: detail(tenant_id, drill_id),
        lambda done: url_for(
            "drill_pages.detail", tenant_id=tenant_id, drill_id=drill_id
        ),
    )
