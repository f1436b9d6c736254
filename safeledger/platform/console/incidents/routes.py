"""安全事故报告: report an incident against the clock, follow it up, close it."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from uuid import UUID

from flask import abort, g, render_template, request, url_for

from safeledger.platform.api.context import read_connection, runtime
from safeledger.platform.console.frame import (
    area_blueprint,
    current_tenant_id,
    visible_tenant,
)
from safeledger.platform.console.incidents import forms
from safeledger.platform.console.steps import perform, timeline
from safeledger.projections.incident_register.queries import register, timeliness
from safeledger.projections.rulesets.queries import rule_book
from safeledger.tenants.access import Action
from safeledger.tenants.commands.incidents import IncidentCommands
from safeledger.tenants.context import utc_now
from safeledger.tenants.errors import NotFoundError
from safeledger.tenants.incidents import CLOSING_CONDITIONS, Incident

bp = area_blueprint("incident_pages", __name__)
# The follow-up steps a page may post, each by its ledger command.
FOLLOW_UPS = {
    "file_written_report": IncidentCommands.file_written_report,
    "update_casualties": IncidentCommands.update_casualties,
    "determine_cause": IncidentCommands.determine_cause,
    "handle_responsible_persons": IncidentCommands.handle_responsible_persons,
    "complete_rectification": IncidentCommands.complete_rectification,
    "hold_education": IncidentCommands.hold_education,
}
PAGE = 50


@bp.get("/incidents")
def index() -> Any:
    """The incidents of the tenant one works in and below, newest first."""
    tenant_id = request.args.get("tenant", type=UUID) or current_tenant_id()
    if tenant_id is None:
        abort(404)
    tenant = visible_tenant(tenant_id)
    g.page_tenant = tenant_id
    scope = g.identity.scope()
    with read_connection(scope) as conn:
        rows, total = register(conn, scope, tenant.path, now=utc_now())
        limits = rule_book(conn, scope, None).rules_for(tenant.path, utc_now())
    return render_template(
        "incidents/index.html",
        tenant=tenant,
        rows=list(reversed(rows))[:PAGE],
        total=total,
        limits=limits["incidents"]["report_within_minutes"],
        may_record=g.identity.may(Action.RECORD, tenant.path)
        and tenant.kind == "school",
    )


@bp.post("/incidents")
def report() -> Any:
    """Report an incident; the server's clock is the report's time."""
    tenant_id = request.args.get("tenant", type=UUID) or current_tenant_id()
    if tenant_id is None:
        abort(404)
    return perform(
        tenant_id,
        "report",
        lambda ledger: ledger.report_incident(tenant_id, **forms.report(tenant_id)),
        index,
        lambda done: url_for(
            "incident_pages.detail", tenant_id=tenant_id, incident_id=done.aggregate_id
        ),
    )


@bp.get("/tenants/<uuid:tenant_id>/incidents/<uuid:incident_id>")
def detail(tenant_id: UUID, incident_id: UUID) -> Any:
    """An incident, its reporting clock, its 四不放过 checklist and follow-ups."""
    tenant = visible_tenant(tenant_id)
    g.page_tenant = tenant_id
    ledger = runtime().store.for_tenant(tenant_id)
    try:
        incident = ledger.load(Incident, tenant_id, incident_id)
    except NotFoundError:
        abort(404)
    now = utc_now()
    with read_connection() as conn:
        book = rule_book(conn, g.identity.scope(), None)
    row = {
        "occurred_at": incident.occurred_at,
        "severity": incident.severity.value,
        "reported_at": incident.reported_at,
        "written_report_at": incident.written_report_at,
    }
    clock = timeliness(row, book, tenant.path, now)
    clock["verbal_by"] = incident.occurred_at + timedelta(
        minutes=clock["verbal_limit_minutes"]
    )
    clock["written_by"] = incident.occurred_at + timedelta(
        minutes=clock["written_limit_minutes"]
    )
    clock["minutes_left"] = int((clock["written_by"] - now).total_seconds() // 60)
    may = g.identity.may(Action.RECORD, tenant.path) and not incident.closed
    return render_template(
        "incidents/detail.html",
        tenant=tenant,
        incident=incident,
        clock=clock,
        conditions=[(c, incident.closing_conditions[c]) for c in CLOSING_CONDITIONS],
        may_record=may,
        timeline=timeline(ledger, incident_id),
    )


@bp.post("/tenants/<uuid:tenant_id>/incidents/<uuid:incident_id>/<string:step>")
def act(tenant_id: UUID, incident_id: UUID, step: str) -> Any:
    """One follow-up step, or closing the incident."""
    if step != "close" and step not in FOLLOW_UPS:
        abort(404)
    version = request.form.get("version", type=int)

    def command(ledger: Any) -> Any:
        if step == "close":
            return ledger.close_incident(tenant_id, incident_id, version)
        details = forms.follow_up(tenant_id, step)
        return FOLLOW_UPS[step](ledger, tenant_id, incident_id, version, **details)

    return perform(
        tenant_id,
        step,
        command,
        lambda: detail(tenant_id, incident_id),
        lambda done: url_for(
            "incident_pages.detail", tenant_id=tenant_id, incident_id=incident_id
        ),
        fields={"state": None},
    )
