"""Schemas of the auth resource."""

from __future__ import annotations

import marshmallow as ma

from safeledger.platform.api.fields import Whole
from safeledger.tenants.access import Role


class TokenRequestSchema(ma.Schema):
    """Username and password, and optionally what the token is narrowed to."""

    username = ma.fields.String(
        required=True, validate=ma.validate.Length(min=1, max=100)
    )
    password = ma.fields.String(required=True, load_only=True)
    name = ma.fields.String(
        load_default="api token", validate=ma.validate.Length(max=100)
    )
    # Omitted: all of the owner's. Given: only these, so never empty.
    tenant_ids = ma.fields.List(
        ma.fields.UUID(), load_default=None, validate=ma.validate.Length(min=1)
    )
    roles = ma.fields.List(
        ma.fields.Enum(Role, by_value=True),
        load_default=None,
        validate=ma.validate.Length(min=1),
    )
    days = Whole(load_default=30, validate=ma.validate.Range(min=1, max=365))


class IssuedTokenSchema(ma.Schema):
    token = ma.fields.String(metadata={"description": "shown once; keep it secret"})
    token_id = ma.fields.UUID()


class TokenSchema(ma.Schema):
    token_id = ma.fields.UUID()
    name = ma.fields.String()
    tenant_ids = ma.fields.List(ma.fields.String(), allow_none=True)
    roles = ma.fields.List(ma.fields.String(), allow_none=True)
    created_at = ma.fields.AwareDateTime()
    expires_at = ma.fields.AwareDateTime()
    revoked_at = ma.fields.AwareDateTime(allow_none=True)


class GrantSchema(ma.Schema):
    tenant_id = ma.fields.UUID()
    role = ma.fields.String()
    path = ma.fields.String()


class MeSchema(ma.Schema):
    user_id = ma.fields.UUID()
    username = ma.fields.String()
    display_name = ma.fields.String()
    platform_admin = ma.fields.Boolean()
    grants = ma.fields.List(ma.fields.Nested(GrantSchema))
