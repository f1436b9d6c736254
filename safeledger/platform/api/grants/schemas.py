"""Schemas of the grant resource."""

from __future__ import annotations

import marshmallow as ma

from safeledger.platform.api.fields import Moment
from safeledger.platform.api.schemas import REASON, VersionedSchema
from safeledger.tenants.access import GRANTABLE


class GrantRoleSchema(ma.Schema):
    username = ma.fields.String(
        required=True, validate=ma.validate.Length(min=1, max=100)
    )
    role = ma.fields.String(
        required=True, validate=ma.validate.OneOf(sorted(r.value for r in GRANTABLE))
    )
    expires_at = Moment(
        load_default=None, metadata={"description": "for a time-boxed grant"}
    )


class RevokeGrantSchema(VersionedSchema):
    reason = ma.fields.String(required=True, validate=REASON)


class GrantRowSchema(ma.Schema):
    grant_id = ma.fields.UUID()
    user_id = ma.fields.UUID()
    tenant_id = ma.fields.UUID()
    role = ma.fields.String()
    active = ma.fields.Boolean()
    expires_at = ma.fields.AwareDateTime(allow_none=True)
    granted_by = ma.fields.String()
    version = ma.fields.Integer()
    updated_at = ma.fields.AwareDateTime()
