"""Console pages of background work: the notification bell, the inbox, job progress."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask import abort, g, redirect, render_template, request, url_for

from safeledger.platform import inbox
from safeledger.platform.api.context import read_connection, runtime
from safeledger.platform.auth.web import tenant_path
from safeledger.platform.background import jobs
from safeledger.platform.console.routes import bp
from safeledger.tenants.access import Action

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


@bp.get("/notifications")
def notifications() -> Any:
    """The caller's notifications, unread first."""
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
