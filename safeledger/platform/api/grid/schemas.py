"""Request schemas of the grid resource."""

from __future__ import annotations

import marshmallow as ma

from safeledger.platform.api.fields import Whole
from safeledger.platform.api.schemas import NAME, REASON, VersionedSchema
from safeledger.tenants.values import PlaceKind


class OpenGridSchema(ma.Schema):
    """Opening a grid takes nothing but the school in the path."""


class AddPlaceSchema(VersionedSchema):
    code = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=64))
    name = ma.fields.String(required=True, validate=NAME)
    kind = ma.fields.Enum(PlaceKind, by_value=True, required=True)
    parent_id = ma.fields.UUID(load_default=None)


class RetirePlaceSchema(VersionedSchema):
    reason = ma.fields.String(required=True, validate=REASON)


class SlotSchema(ma.Schema):
    weekday = Whole(required=True, validate=ma.validate.Range(min=1, max=7))
    start = ma.fields.String(required=True, metadata={"example": "07:30"})
    end = ma.fields.String(required=True, metadata={"example": "08:10"})


class AssignSchema(VersionedSchema):
    place_id = ma.fields.UUID(required=True)
    person = ma.fields.String(required=True, validate=NAME)
    role = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=100))
    slots = ma.fields.List(
        ma.fields.Nested(SlotSchema),
        load_default=None,
        metadata={"description": "weekly slots in China time; omit for always"},
    )
    valid_from = ma.fields.AwareDateTime(load_default=None)
    valid_to = ma.fields.AwareDateTime(load_default=None)


class EndAssignmentSchema(VersionedSchema):
    reason = ma.fields.String(required=True, validate=REASON)
    at = ma.fields.AwareDateTime(load_default=None)


class HandOverSchema(VersionedSchema):
    to_person = ma.fields.String(required=True, validate=NAME)
    at = ma.fields.AwareDateTime(load_default=None)


class ResponsibleArgs(ma.Schema):
    place_id = ma.fields.UUID(required=True)
    at = ma.fields.AwareDateTime(required=True)


class ResponsibleSchema(ma.Schema):
    place_id = ma.fields.UUID()
    at = ma.fields.AwareDateTime()
    persons = ma.fields.List(ma.fields.String())
