"""Request schemas of the hazard resource."""

from __future__ import annotations

import marshmallow as ma

from safeledger.platform.api.fields import Moment
from safeledger.platform.api.schemas import NAME, REASON, TEXT, VersionedSchema, digests
from safeledger.tenants.values import HazardCategory, HazardSeverity


class LogHazardSchema(ma.Schema):
    category = ma.fields.Enum(HazardCategory, by_value=True, required=True)
    severity = ma.fields.Enum(HazardSeverity, by_value=True, required=True)
    description = ma.fields.String(required=True, validate=TEXT)
    found_by = ma.fields.String(required=True, validate=NAME)
    place = ma.fields.String(load_default=None, validate=NAME)
    place_id = ma.fields.UUID(load_default=None)
    photo_digests = digests(load_default=list)


class AssignHazardSchema(VersionedSchema):
    owner = ma.fields.String(required=True, validate=NAME)
    supervisor = ma.fields.String(required=True, validate=NAME)
    deadline = Moment(required=True)
    measures = ma.fields.String(load_default=None, validate=TEXT)
    funds = ma.fields.String(load_default=None, validate=TEXT)
    contingency_plan = ma.fields.String(load_default=None, validate=TEXT)
    supervisor_username = ma.fields.String(
        load_default=None,
        validate=NAME,
        metadata={"description": "the supervisor's account: only it may then verify"},
    )


class InterimMeasureSchema(VersionedSchema):
    measure = ma.fields.String(required=True, validate=REASON)


class ExtendDeadlineSchema(VersionedSchema):
    deadline = Moment(required=True)
    reason = ma.fields.String(required=True, validate=REASON)


class RectificationReportSchema(VersionedSchema):
    summary = ma.fields.String(required=True, validate=TEXT)
    evidence_digests = digests(required=True, validate=ma.validate.Length(min=1))


class VerifySchema(VersionedSchema):
    verifier = ma.fields.String(required=True, validate=NAME)
    note = ma.fields.String(load_default="", validate=ma.validate.Length(max=2000))


class RejectSchema(VersionedSchema):
    verifier = ma.fields.String(required=True, validate=NAME)
    reason = ma.fields.String(required=True, validate=REASON)


class EscalateSchema(VersionedSchema):
    upper_tenant_id = ma.fields.UUID(required=True)
    reason = ma.fields.String(required=True, validate=REASON)
