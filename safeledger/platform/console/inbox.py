"""Console pages of background work: the bell, the inbox, 提醒函, job progress."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import sqlalchemy as sa
from flask import abort, g, redirect, render_template, request, url_for

from safeledger.platform import inbox
from safeledger.platform.api.context import read_connection, runtime
from safeledger.platform.auth.web import tenant_path
from safeledger.platform.background import jobs
from safeledger.platform.console.routes import bp
from safeledger.projections.directory.tables import directory_tenants as d
from safeledger.tenants.access import Action
from safeledger.tenants.attachments import Attachment, attachment_id_for
from safeledger.tenants.errors import NotFoundError

PAGE_SIZE = 50


@bp.app_context_processor
def bell() -> dict[str, Any]:
    """``unread_notifications()`` for the header's bell, counted only when shown."""

    def unread() -> int:
        caller = g.get("identity")
        if caller is None:
            return 0
        scope = caller.scope()
        with read_connection(scope) as conn:
            return inbox.unread_count(conn, scope, caller.user.user_id)

    return {"unread_notifications": unread}


def link_of(note: dict[str, Any]) -> str:
    """Where a notification leads: the hazard it is about, else its school."""
    detail = note.get("detail") or {}
    about_hazard = note["kind"].startswith("hazard_") or (
        note["kind"].startswith("case_") and detail.get("reason") == "hazard_overdue"
    )
    if about_hazard:
        return url_for(
            "hazard_pages.detail",
            tenant_id=note["tenant_id"],
            hazard_id=note["subject_id"],
        )
    return url_for("console.tenant", tenant_id=note["tenant_id"])


@bp.get("/notifications")
def notifications() -> Any:
    """The caller's notifications, unread first, each naming its school and record."""
    page = max(1, request.args.get("page", 1, type=int) or 1)
    scope = g.identity.scope()
    with read_connection(scope) as conn:
        rows, total = inbox.page(
            conn,
            scope,
            g.identity.user.user_id,
            offset=(page - 1) * PAGE_SIZE,
            limit=PAGE_SIZE,
        )
        ids = {row["tenant_id"] for row in rows}
        names = dict(
            conn.execute(
                sa.select(d.c.tenant_id, d.c.name).where(d.c.tenant_id.in_(ids))
            ).all()
        )
    for row in rows:
        row["school"] = names.get(row["tenant_id"], "")
        row["link"] = link_of(row)
    return render_template(
        "console/notifications.html",
        notifications=rows,
        page=page,
        more=page * PAGE_SIZE < total,
    )


@bp.post("/notifications/<string:notification_key>/read")
def read_notification(notification_key: str) -> Any:
    """Mark a notification read from the inbox."""
    scope = g.identity.scope()
    with read_connection(scope) as conn:
        if not inbox.visible(conn, scope, notification_key):
            abort(404)
    inbox.mark_read(runtime().engine, g.identity.user.user_id, notification_key)
    return redirect(url_for("console.notifications"))


@bp.get("/tenants/<uuid:tenant_id>/notices/<string:sha256>")
def notice(tenant_id: UUID, sha256: str) -> Any:
    """A warning notice (提醒函) as a printable page."""
    path = tenant_path(tenant_id)
    if path is None or not g.identity.may(Action.READ, path):
        abort(404)
    rt = runtime()
    try:
        rt.store.for_tenant(tenant_id).load(
            Attachment, tenant_id, attachment_id_for(tenant_id, sha256)
        )
    except NotFoundError:
        abort(404)
    g.page_tenant = tenant_id
    text = rt.blobs.read(sha256).decode("utf-8", errors="replace")
    return render_template("console/notice.html", text=text)


@bp.get("/tenants/<uuid:tenant_id>/jobs/<job_id>")
def job(tenant_id: UUID, job_id: str) -> Any:
    """A background job's progress; the page refreshes itself until it ends."""
    row = jobs.get(runtime().engine, job_id)
    path = tenant_path(tenant_id)
    if row is None or row.tenant_id != tenant_id or path is None:
        abort(404)
    if not g.identity.may(Action(row.action or Action.READ), path):
        abort(404)
    url = url_for("jobs.JobDownload", tenant_id=tenant_id, job_id=job_id)
    return render_template("console/job.html", job=row, download_url=url)
