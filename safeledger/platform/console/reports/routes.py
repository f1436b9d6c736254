"""安全月报表: the month's report, generated from the ledger, reviewed, submitted."""

from __future__ import annotations

import re
from typing import Any
from uuid import UUID

from flask import abort, g, render_template, request, url_for

from safeledger.platform.api.context import read_connection
from safeledger.platform.console.frame import (
    area_blueprint,
    current_tenant_id,
    visible_tenant,
)
from safeledger.platform.console.hazards.forms import text
from safeledger.platform.console.i18n import local_now
from safeledger.platform.console.steps import perform
from safeledger.projections.compliance.periods import add_months
from safeledger.projections.monthly_reports.generate import generate
from safeledger.projections.monthly_reports.queries import submissions
from safeledger.tenants.access import Action

bp = area_blueprint("report_pages", __name__)
MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])")


def last_month() -> str:
    """The month before this one, in China."""
    start = add_months(local_now(), -1)
    return start.strftime("%Y-%m")


def school_arg() -> UUID:
    tenant_id = request.args.get("tenant", type=UUID) or current_tenant_id()
    if tenant_id is None:
        abort(404)
    return tenant_id


@bp.get("/reports")
def index() -> Any:
    """The month's draft for review (a school), and the reports submitted below."""
    tenant_id = school_arg()
    tenant = visible_tenant(tenant_id)
    g.page_tenant = tenant_id
    month = request.args.get("month") or last_month()
    if not MONTH.fullmatch(month):
        abort(404)
    scope = g.identity.scope()
    with read_connection(scope) as conn:
        submitted, _total = submissions(conn, scope, tenant.path)
        draft = (
            generate(conn, scope, tenant_id, month) if tenant.kind == "school" else None
        )
    this_month = [
        r for r in submitted if r["month"] == month and r["tenant_id"] == tenant_id
    ]
    return render_template(
        "reports/index.html",
        tenant=tenant,
        month=month,
        draft=draft,
        done=this_month[0] if this_month else None,
        submitted=list(reversed(submitted))[:50],
        may_submit=tenant.kind == "school"
        and g.identity.may(Action.SUBMIT_REPORT, tenant.path),
    )


@bp.post("/reports")
def submit() -> Any:
    """Submit the reviewed draft; refused if the ledger changed since it was shown."""
    tenant_id = school_arg()
    month = request.form.get("month") or ""
    if not MONTH.fullmatch(month):
        abort(400)

    def command(ledger: Any) -> Any:
        with read_connection() as conn:
            report = generate(conn, g.identity.scope(), tenant_id, month)
        return ledger.submit_monthly_report(
            tenant_id,
            month=month,
            reviewed_digest=text("digest"),
            report_digest=report["digest"],
            submitted_by=g.identity.user.display_name,
            figures=report["figures"],
        )

    return perform(
        tenant_id,
        "submit",
        command,
        index,
        lambda done: url_for("report_pages.index", tenant=tenant_id, month=month),
        action=Action.SUBMIT_REPORT,
    )
