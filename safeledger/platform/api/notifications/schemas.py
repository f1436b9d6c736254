"""Schemas of the in-app notification resource."""

from __future__ import annotations

import marshmallow as ma

from safeledger.platform.api.pagination import PageArgs


class InboxArgs(PageArgs):
    unread_only = ma.fields.Boolean(load_default=False)


class NotificationSchema(ma.Schema):
    """A notification raised by a finding or an accountability case step."""

    id = ma.fields.String(attribute="notification_key")
    tenant_id = ma.fields.UUID()
    kind = ma.fields.String()
    title = ma.fields.String()
    subject_id = ma.fields.UUID()
    aggregate_id = ma.fields.UUID()
    detail = ma.fields.Dict()
    created_at = ma.fields.AwareDateTime()
    read = ma.fields.Boolean()
    read_at = ma.fields.AwareDateTime(allow_none=True)


class InboxPageSchema(ma.Schema):
    """One page of notifications, and how many are unread in all."""

    items = ma.fields.List(ma.fields.Nested(NotificationSchema))
    page = ma.fields.Integer()
    page_size = ma.fields.Integer()
    total = ma.fields.Integer()
    pages = ma.fields.Integer()
    unread = ma.fields.Integer()
