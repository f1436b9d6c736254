"""Schemas of the webhook resource and its delivery log."""

from __future__ import annotations

import marshmallow as ma

from safeledger.platform.api.pagination import page_schema


class RegisterWebhookSchema(ma.Schema):
    url = ma.fields.URL(
        required=True,
        schemes={"http", "https"},
        require_tld=False,
        validate=ma.validate.Length(max=2000),
        metadata={"description": "an http(s) URL that takes a POST of JSON"},
    )


class WebhookSchema(ma.Schema):
    """A webhook; its secret is shown only in the answer that registered it."""

    id = ma.fields.UUID(attribute="webhook_id")
    tenant_id = ma.fields.UUID()
    url = ma.fields.String()
    active = ma.fields.Boolean()
    created_at = ma.fields.AwareDateTime()


class RegisteredWebhookSchema(WebhookSchema):
    secret = ma.fields.String(
        metadata={"description": "signs every delivery (HMAC-SHA256); shown once"}
    )


class DeliverySchema(ma.Schema):
    """One notification's delivery to the webhook: attempts and outcome."""

    notification_key = ma.fields.String()
    status = ma.fields.String()
    attempts = ma.fields.Integer()
    last_status_code = ma.fields.Integer(allow_none=True)
    last_error = ma.fields.String(allow_none=True)
    next_attempt_at = ma.fields.AwareDateTime(allow_none=True)
    created_at = ma.fields.AwareDateTime()
    delivered_at = ma.fields.AwareDateTime(allow_none=True)


DeliveryPageSchema = page_schema(DeliverySchema, "DeliveryPage")
