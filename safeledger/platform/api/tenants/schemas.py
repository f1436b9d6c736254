"""Request and response schemas of the tenant resource."""

from __future__ import annotations

import marshmallow as ma

from safeledger.platform.api.pagination import page_schema
from safeledger.platform.api.schemas import VersionedSchema
from safeledger.tenants.hierarchy import SchoolType, TenantKind

CODE = ma.validate.Regexp(
    r"^[A-Za-z0-9_-]{1,32}$",
    error="must be 1 to 32 letters, digits, '-' or '_'",
)


class TenantSchema(ma.Schema):
    """A tenant as the directory shows it."""

    id = ma.fields.UUID(attribute="tenant_id")
    kind = ma.fields.String()
    code = ma.fields.String()
    name = ma.fields.String()
    school_type = ma.fields.String(allow_none=True)
    boarding = ma.fields.Boolean()
    active = ma.fields.Boolean()
    parent_id = ma.fields.UUID(allow_none=True)
    province_id = ma.fields.UUID()
    depth = ma.fields.Integer(allow_none=True)
    version = ma.fields.Integer()
    registered_at = ma.fields.AwareDateTime()
    updated_at = ma.fields.AwareDateTime()


class TenantDetailSchema(TenantSchema):
    """A tenant with its direct children."""

    children = ma.fields.List(ma.fields.Nested(TenantSchema))


TenantPageSchema = page_schema(TenantSchema, "TenantPage")


class ProvinceRegistrationSchema(ma.Schema):
    """A new province."""

    code = ma.fields.String(required=True, validate=CODE)
    name = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=200))


class ChildRegistrationSchema(ProvinceRegistrationSchema):
    """A new city, county/district or school under the tenant in the path."""

    kind = ma.fields.Enum(TenantKind, by_value=True, required=True)
    school_type = ma.fields.Enum(SchoolType, by_value=True, load_default=None)
    boarding = ma.fields.Boolean(load_default=False)


class SubtreeArgs(ma.Schema):
    """Narrow a subtree listing to one kind of tenant."""

    kind = ma.fields.Enum(TenantKind, by_value=True, load_default=None)


class RenameSchema(VersionedSchema):
    name = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=200))


class MoveSchema(VersionedSchema):
    parent_id = ma.fields.UUID(required=True)


class DeactivateSchema(VersionedSchema):
    reason = ma.fields.String(
        required=True, validate=ma.validate.Length(min=1, max=500)
    )
