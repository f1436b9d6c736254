"""Schemas of the audit trail resource."""

from __future__ import annotations

import marshmallow as ma

from safeledger.platform.api.pagination import PageArgs, page_schema


class AuditArgs(PageArgs):
    actor = ma.fields.String(load_default=None)
    event_type = ma.fields.String(
        load_default=None, metadata={"description": "e.g. Hazard.Assigned"}
    )
    since = ma.fields.AwareDateTime(load_default=None)
    until = ma.fields.AwareDateTime(load_default=None)
    format = ma.fields.String(
        load_default="json", validate=ma.validate.OneOf(["json", "csv"])
    )


class AuditEntrySchema(ma.Schema):
    recorded_at = ma.fields.AwareDateTime()
    tenant_id = ma.fields.UUID(allow_none=True)
    actor = ma.fields.String()
    request_id = ma.fields.String(allow_none=True)
    event_type = ma.fields.String()
    aggregate_id = ma.fields.UUID()
    aggregate_version = ma.fields.Integer()
    summary = ma.fields.String()
    application = ma.fields.String()
    notification_id = ma.fields.Integer()


AuditPageSchema = page_schema(AuditEntrySchema, "AuditTrailPage")
