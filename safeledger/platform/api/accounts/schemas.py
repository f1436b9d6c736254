"""Schemas of the account resource."""

from __future__ import annotations

import marshmallow as ma
from flask_smorest.fields import Upload

from safeledger.platform.api.schemas import NAME
from safeledger.tenants.access import GRANTABLE

USERNAME = ma.validate.Length(min=1, max=100)


class NewAccountSchema(ma.Schema):
    username = ma.fields.String(
        required=True,
        validate=USERNAME,
        metadata={"description": "a phone or staff number"},
    )
    display_name = ma.fields.String(required=True, validate=NAME)
    role = ma.fields.String(
        required=True, validate=ma.validate.OneOf(sorted(r.value for r in GRANTABLE))
    )
    password = ma.fields.String(
        load_default=None,
        validate=ma.validate.Length(min=10, max=200),
        metadata={"description": "omit for a one-time password, returned once"},
    )
    expires_at = ma.fields.AwareDateTime(
        load_default=None, metadata={"description": "for a time-boxed grant"}
    )


class GrantSummarySchema(ma.Schema):
    grant_id = ma.fields.UUID()
    tenant_id = ma.fields.UUID()
    tenant_name = ma.fields.String()
    role = ma.fields.String()
    active = ma.fields.Boolean()
    expires_at = ma.fields.AwareDateTime(allow_none=True)


class AccountSchema(ma.Schema):
    user_id = ma.fields.UUID()
    username = ma.fields.String()
    display_name = ma.fields.String()
    disabled = ma.fields.Boolean()
    grants = ma.fields.List(ma.fields.Nested(GrantSummarySchema))


class CreatedAccountSchema(ma.Schema):
    user_id = ma.fields.UUID()
    username = ma.fields.String()
    display_name = ma.fields.String()
    password = ma.fields.String(
        allow_none=True, metadata={"description": "the one-time password, shown once"}
    )


class PasswordResetSchema(ma.Schema):
    user_id = ma.fields.UUID()
    username = ma.fields.String()
    password = ma.fields.String(metadata={"description": "shown once"})


class OwnPasswordSchema(ma.Schema):
    current_password = ma.fields.String(
        required=True, validate=ma.validate.Length(max=200)
    )
    new_password = ma.fields.String(
        required=True, validate=ma.validate.Length(min=10, max=200)
    )


class PrincipalsUploadSchema(ma.Schema):
    file = Upload(
        required=True,
        metadata={
            "description": "UTF-8 CSV with columns school_code, display_name, "
            "username and an optional password"
        },
    )


class CreatedPrincipalSchema(ma.Schema):
    line = ma.fields.Integer()
    user_id = ma.fields.UUID()
    username = ma.fields.String()
    school = ma.fields.String()
    password = ma.fields.String(allow_none=True)
