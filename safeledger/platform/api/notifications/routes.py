"""Routes of the caller's in-app notifications: list them, mark one read."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint, abort

from safeledger.platform import inbox
from safeledger.platform.api.context import (
    identity,
    read_connection,
    reader_scope,
    runtime,
)
from safeledger.platform.api.notifications import schemas
from safeledger.platform.api.pagination import offset_limit, page_of

blp = Blueprint(
    "notifications",
    __name__,
    url_prefix="/api/v1/notifications",
    description="In-app notifications of the tenants one reads, unread first.",
)


@blp.route("")
class Inbox(MethodView):
    @blp.arguments(schemas.InboxArgs, location="query")
    @blp.response(200, schemas.InboxPageSchema)
    def get(self, args: dict[str, Any]) -> dict[str, Any]:
        """List the caller's notifications, unread first, then newest first."""
        scope, user_id = reader_scope(), identity().user.user_id
        with read_connection(scope) as conn:
            rows, total = inbox.page(
                conn,
                scope,
                user_id,
                unread_only=args["unread_only"],
                **offset_limit(args),
            )
            unread = inbox.unread_count(conn, scope, user_id)
        return {**page_of(rows, total, args), "unread": unread}


@blp.route("/<string:notification_key>/read")
class NotificationRead(MethodView):
    @blp.response(204)
    def post(self, notification_key: str) -> None:
        """Mark one notification read (for the caller only; again is a no-op)."""
        scope = reader_scope()
        with read_connection(scope) as conn:
            if not inbox.visible(conn, scope, notification_key):
                abort(404, message=f"no notification {notification_key}")
        inbox.mark_read(runtime().engine, identity().user.user_id, notification_key)
