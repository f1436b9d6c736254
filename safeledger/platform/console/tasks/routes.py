"""我的待办: what the signed-in person must do now, from the read models.

Hazards they own and must rectify, rectifications they supervise and must verify,
logged hazards waiting for an owner, verified ones waiting to be closed; then
what is overdue or due within a week. Each line names the school and the record.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from flask import g, render_template
from flask_babel import lazy_gettext as _l

from safeledger.platform.api.context import read_connection
from safeledger.platform.auth.web import tenant_path
from safeledger.platform.console.frame import (
    area_blueprint,
    current_tenant_id,
    visible_tenant,
)
from safeledger.platform.console.tasks import more
from safeledger.projections.hazard_board.search import HazardFilter, search
from safeledger.tenants.access import Action
from safeledger.tenants.context import utc_now

bp = area_blueprint("tasks", __name__)
SHOWN = 10
DUE_SOON_DAYS = 7


@dataclass
class TaskGroup:
    """One heading of the page and the records under it."""

    key: str
    title: Any
    rows: list[dict[str, Any]] = field(default_factory=list)
    total: int = 0
    more_args: dict[str, str] = field(default_factory=dict)


@bp.get("/tasks")
def index() -> Any:
    """The landing page: one's tasks in the tenant one works in."""
    tenant_id = current_tenant_id()
    path = tenant_path(tenant_id) if tenant_id else None
    groups: list[TaskGroup] = []
    others: list[tuple[str, Any, list[dict[str, Any]]]] = []
    if path is not None:
        g.page_tenant = tenant_id
        groups = task_groups(path)
        others = other_groups(visible_tenant(tenant_id))
    return render_template(
        "tasks/index.html",
        groups=[group for group in groups if group.total],
        others=[(key, title, lines) for key, title, lines in others if lines],
        tenant_id=tenant_id,
        may_record=path is not None and g.identity.may(Action.RECORD, path),
    )


def other_groups(tenant: Any) -> list[tuple[str, Any, list[dict[str, Any]]]]:
    """Drills, incidents, the monthly report, agreements and the grid."""
    scope, now = g.identity.scope(), utc_now()
    with read_connection(scope) as conn:
        return [
            (
                "agreements",
                _l("Agreements to sign"),
                more.agreements_to_sign(conn, scope),
            ),
            ("report", _l("Monthly report"), more.report_due(conn, scope, tenant)),
            ("drills", _l("Drills"), more.drills_due(conn, scope, tenant, now)),
            (
                "incidents",
                _l("Incidents to follow up"),
                more.incidents_open(conn, scope, tenant, now),
            ),
            ("grid", _l("Grid gaps"), more.grid_gaps(conn, scope, tenant, now)),
        ]


def task_groups(path: str) -> list[TaskGroup]:
    """The groups of tasks under ``path`` for the caller, most pressing first."""
    me = g.identity.user.display_name
    records = g.identity.may(Action.RECORD, path)
    wanted = [
        (
            "rectify",
            _l("Hazards to rectify"),
            HazardFilter(owner=me, open_only=True, sort="deadline"),
            {},
        ),
        (
            "verify",
            _l("Rectifications to verify"),
            HazardFilter(supervisor=me, state="reported"),
            {"state": "reported"},
        ),
    ]
    if records:
        wanted += [
            (
                "assign",
                _l("Hazards waiting for an owner"),
                HazardFilter(state="logged"),
                {"state": "logged"},
            ),
            (
                "close",
                _l("Verified hazards to close"),
                HazardFilter(state="verified"),
                {"state": "verified"},
            ),
        ]
    wanted += [
        (
            "overdue",
            _l("Overdue"),
            HazardFilter(overdue=True, sort="deadline"),
            {"overdue": "yes"},
        ),
        (
            "due_soon",
            _l("Due within a week"),
            HazardFilter(due_within_days=DUE_SOON_DAYS, sort="deadline"),
            {"due_within": str(DUE_SOON_DAYS)},
        ),
    ]
    scope, now, groups = g.identity.scope(), utc_now(), []
    with read_connection(scope) as conn:
        for key, title, filt, args in wanted:
            rows, total = search(conn, scope, path, filt, now=now, limit=SHOWN)
            groups.append(TaskGroup(key, title, rows, total, args))
    return groups
