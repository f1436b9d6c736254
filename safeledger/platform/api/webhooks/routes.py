"""Routes of a tenant's webhooks: register, list, deactivate, read the delivery log."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import sqlalchemy as sa
from flask.views import MethodView
from flask_smorest import Blueprint, abort

from safeledger.platform.api.context import read_connection, runtime
from safeledger.platform.api.pagination import PageArgs, offset_limit, page_of
from safeledger.platform.api.webhooks import schemas
from safeledger.platform.background import webhooks
from safeledger.platform.background.outbound import networks
from safeledger.platform.background.tables import webhook_deliveries as wd
from safeledger.platform.background.tables import webhooks as wh
from safeledger.projections.schema import write_transaction

blp = Blueprint(
    "webhooks",
    __name__,
    url_prefix="/api/v1/tenants/<uuid:tenant_id>/webhooks",
    description="Webhooks hear the notifications of the tenant's whole subtree.",
)


def webhook_or_404(conn: sa.Connection, tenant_id: UUID, webhook_id: UUID) -> Any:
    """The tenant's webhook, or a 404."""
    row = conn.execute(
        sa.select(wh).where(wh.c.webhook_id == webhook_id, wh.c.tenant_id == tenant_id)
    ).first()
    if row is None:
        abort(404, message=f"no webhook {webhook_id} on this tenant")
    return row


@blp.route("")
class Webhooks(MethodView):
    @blp.response(200, schemas.WebhookSchema(many=True))
    def get(self, tenant_id: UUID) -> list[Any]:
        """List the tenant's webhooks (without their secrets)."""
        with read_connection() as conn:
            return conn.execute(
                sa.select(wh)
                .where(wh.c.tenant_id == tenant_id)
                .order_by(wh.c.created_at)
            ).all()

    @blp.arguments(schemas.RegisterWebhookSchema)
    @blp.response(201, schemas.RegisteredWebhookSchema)
    def post(self, body: dict[str, Any], tenant_id: UUID) -> Any:
        """Register a webhook; the answer shows its signing secret, once."""
        runtime().store.for_tenant(tenant_id)  # an unknown tenant is a 404
        rt = runtime()
        allowed = networks(rt.settings.webhook_allowed_networks)
        webhook_id, secret = webhooks.register(
            rt.engine, tenant_id, body["url"], allowed
        )
        with runtime().engine.connect() as conn:
            row = webhook_or_404(conn, tenant_id, webhook_id)
        return {**row._mapping, "secret": secret}


@blp.route("/<uuid:webhook_id>/deactivation")
class WebhookDeactivation(MethodView):
    @blp.response(200, schemas.WebhookSchema)
    def post(self, tenant_id: UUID, webhook_id: UUID) -> Any:
        """Stop delivering to a webhook; its log is kept."""
        with write_transaction(runtime().engine) as conn:
            webhook_or_404(conn, tenant_id, webhook_id)
            conn.execute(
                sa.update(wh).where(wh.c.webhook_id == webhook_id).values(active=False)
            )
            return webhook_or_404(conn, tenant_id, webhook_id)


@blp.route("/<uuid:webhook_id>/deliveries")
class WebhookDeliveries(MethodView):
    @blp.arguments(PageArgs, location="query")
    @blp.response(200, schemas.DeliveryPageSchema)
    def get(self, args: dict[str, int], tenant_id: UUID, webhook_id: UUID) -> Any:
        """List the webhook's deliveries, newest first."""
        page = offset_limit(args)
        with read_connection() as conn:
            webhook_or_404(conn, tenant_id, webhook_id)
            where = wd.c.webhook_id == webhook_id
            total = conn.execute(
                sa.select(sa.func.count()).select_from(wd).where(where)
            ).scalar_one()
            rows = conn.execute(
                sa.select(wd)
                .where(where)
                .order_by(wd.c.created_at.desc(), wd.c.notification_key)
                .offset(page["offset"])
                .limit(page["limit"])
            ).all()
        return page_of(rows, total, args)
