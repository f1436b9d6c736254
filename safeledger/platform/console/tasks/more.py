"""My tasks beyond hazards: drills, incidents, the monthly report, agreements, grid.

Each returns lines of the same shape — a title, the school, a link, whether it is
late — for the tenant the caller works in, from the read models.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from flask import g, url_for
from flask_babel import lazy_gettext as _l

from safeledger.platform.console.drills.calendar import calendar
from safeledger.platform.console.grid.table import grid_table
from safeledger.platform.console.i18n import local_now
from safeledger.platform.console.labels import label
from safeledger.platform.console.reports.routes import last_month
from safeledger.projections.agreement_coverage.tables import agreement_coverage as ac
from safeledger.projections.incident_register.queries import register
from safeledger.projections.monthly_reports.tables import monthly_reports as mr
from safeledger.projections.scope import Scope
from safeledger.projections.versioned import valid_at
from safeledger.tenants.access import Action, allows

REPORT_DUE_DAY = 5


def line(title: Any, school: str, link: str, late: bool = False) -> dict[str, Any]:
    """One line of a task group."""
    return {"title": title, "school": school, "link": link, "late": late}


def drills_due(conn: sa.Connection, scope: Scope, tenant: Any, now: datetime) -> list:
    """This month's drill, if the school's rhythm still wants one."""
    if tenant.kind != "school" or not g.identity.may(Action.RECORD, tenant.path):
        return []
    today = local_now()
    month = calendar(conn, scope, tenant, today.year, now)[today.month - 1]
    if month.status not in ("due", "missed"):
        return []
    title = _l(
        "A drill is due this month (%(held)s of %(required)s held)",
        held=month.held_in_block,
        required=month.required,
    )
    link = url_for("drill_pages.index", tenant=tenant.tenant_id)
    return [line(title, tenant.name, link, month.status == "missed")]


def incidents_open(
    conn: sa.Connection, scope: Scope, tenant: Any, now: datetime
) -> list:
    """Incidents not yet closed: 四不放过 steps missing, reports late."""
    rows, _total = register(conn, scope, tenant.path, now=now)
    names = _names(conn, {r["tenant_id"] for r in rows})
    found = []
    for row in rows:
        if row["closed_at"] is not None:
            continue
        late = not row["verbal_on_time"] or row["written_on_time"] is False
        link = url_for(
            "incident_pages.detail",
            tenant_id=row["tenant_id"],
            incident_id=row["incident_id"],
        )
        title = (
            f"{label('incident_category', row['category'])} · {row['description'][:40]}"
        )
        found.append(line(title, names.get(row["tenant_id"], ""), link, late))
    return found


def report_due(conn: sa.Connection, scope: Scope, tenant: Any) -> list:
    """Last month's report, if the school has not submitted it (due by the 5th)."""
    if tenant.kind != "school" or not g.identity.may(Action.SUBMIT_REPORT, tenant.path):
        return []
    month = last_month()
    done = conn.execute(
        sa.select(mr.c.report_id).where(
            mr.c.tenant_id == tenant.tenant_id, mr.c.month == month, valid_at(mr, None)
        )
    ).first()
    if done is not None:
        return []
    title = _l("The monthly report for %(month)s is due by the 5th", month=month)
    link = url_for("report_pages.index", tenant=tenant.tenant_id, month=month)
    return [line(title, tenant.name, link, local_now().day > REPORT_DUE_DAY)]


def agreements_to_sign(conn: sa.Connection, scope: Scope) -> list:
    """Agreements issued to a school one holds a recording role on, still unsigned."""
    mine = [
        grant.tenant_id
        for grant in g.identity.grants
        if allows(grant.role, Action.RECORD)
    ]
    if not mine:
        return []
    rows = conn.execute(
        sa.select(ac).where(
            ac.c.counterparty_tenant_id.in_(mine),
            ac.c.status == "active",
            ac.c.counterparty_signed_at.is_(None),
            valid_at(ac, None),
        )
    ).all()
    return [
        line(
            _l("Sign the %(year)s safety responsibility agreement", year=row.year),
            row.counterparty_name,
            url_for(
                "agreement_pages.detail",
                tenant_id=row.issuer_id,
                agreement_id=row.agreement_id,
            ),
        )
        for row in rows
    ]


def grid_gaps(conn: sa.Connection, scope: Scope, tenant: Any, now: datetime) -> list:
    """Place-slots of the school's grid with nobody responsible."""
    if tenant.kind != "school" or not g.identity.may(Action.RECORD, tenant.path):
        return []
    gaps = grid_table(conn, scope, tenant, now).gaps
    if not gaps:
        return []
    title = _l("%(count)s place-slot(s) with nobody responsible", count=gaps)
    return [
        line(title, tenant.name, url_for("grid_pages.index", tenant=tenant.tenant_id))
    ]


def _names(conn: sa.Connection, ids: set[Any]) -> dict[Any, str]:
    from safeledger.projections.directory.tables import directory_tenants as d

    if not ids:
        return {}
    rows = conn.execute(
        sa.select(d.c.tenant_id, d.c.name).where(d.c.tenant_id.in_(ids))
    )
    return {row.tenant_id: row.name for row in rows}
