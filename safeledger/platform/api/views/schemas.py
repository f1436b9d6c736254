"""Schemas of the read models' table views."""

from __future__ import annotations

import marshmallow as ma

from safeledger.platform.api.pagination import page_schema
from safeledger.platform.api.tables import ViewArgs


class HazardBoardArgs(ViewArgs):
    state = ma.fields.String(load_default=None)
    overdue = ma.fields.Boolean(load_default=None)


class DrillLogArgs(ViewArgs):
    state = ma.fields.String(load_default=None)


class AgreementArgs(ViewArgs):
    year = ma.fields.Integer(
        load_default=None, validate=ma.validate.Range(min=1900, max=2199)
    )


class VersionedRowSchema(ma.Schema):
    """A row of a versioned read model: its own fields, and when it was recorded."""

    class Meta:
        unknown = ma.INCLUDE

    tenant_id = ma.fields.UUID()
    version = ma.fields.Integer()
    recorded_from = ma.fields.AwareDateTime()
    recorded_to = ma.fields.AwareDateTime(allow_none=True)


class HazardRowSchema(VersionedRowSchema):
    hazard_id = ma.fields.UUID()
    category = ma.fields.String()
    severity = ma.fields.String()
    description = ma.fields.String()
    place = ma.fields.String(allow_none=True)
    state = ma.fields.String()
    owner = ma.fields.String(allow_none=True)
    supervisor = ma.fields.String(allow_none=True)
    deadline = ma.fields.AwareDateTime(allow_none=True)
    overdue = ma.fields.Boolean()
    logged_at = ma.fields.AwareDateTime()
    reported_at = ma.fields.AwareDateTime(allow_none=True)
    verified_at = ma.fields.AwareDateTime(allow_none=True)
    closed_at = ma.fields.AwareDateTime(allow_none=True)
    escalated = ma.fields.Boolean()
    escalated_to = ma.fields.UUID(allow_none=True)
    escalated_at = ma.fields.AwareDateTime(allow_none=True)
    deadline_extensions = ma.fields.Integer()
    photo_digests = ma.fields.List(ma.fields.String())


class DrillRowSchema(VersionedRowSchema):
    drill_id = ma.fields.UUID()
    kind = ma.fields.String()
    state = ma.fields.String()
    planned_on = ma.fields.String()
    held_at = ma.fields.AwareDateTime(allow_none=True)
    held_recorded_at = ma.fields.AwareDateTime(allow_none=True)
    participants = ma.fields.Integer(allow_none=True)
    duration_minutes = ma.fields.Integer(allow_none=True)
    evacuation_seconds = ma.fields.Integer(allow_none=True)
    summary_digest = ma.fields.String(allow_none=True)
    photo_digests = ma.fields.List(ma.fields.String())
    findings = ma.fields.Integer()
    cancel_reason = ma.fields.String(allow_none=True)


class IncidentRowSchema(VersionedRowSchema):
    incident_id = ma.fields.UUID()
    category = ma.fields.String()
    severity = ma.fields.String()
    description = ma.fields.String()
    occurred_at = ma.fields.AwareDateTime()
    reported_at = ma.fields.AwareDateTime()
    channel = ma.fields.String()
    written_report_at = ma.fields.AwareDateTime(allow_none=True)
    deaths = ma.fields.Integer()
    injuries = ma.fields.Integer()
    closed_at = ma.fields.AwareDateTime(allow_none=True)
    verbal_limit_minutes = ma.fields.Integer()
    written_limit_minutes = ma.fields.Integer()
    verbal_on_time = ma.fields.Boolean()
    written_on_time = ma.fields.Boolean(
        allow_none=True, metadata={"description": "null while not yet due"}
    )


class AgreementRowSchema(ma.Schema):
    agreement_id = ma.fields.UUID()
    issuer_id = ma.fields.UUID()
    counterparty_tenant_id = ma.fields.UUID(allow_none=True)
    counterparty_kind = ma.fields.String()
    counterparty_ref = ma.fields.String()
    counterparty_name = ma.fields.String()
    year = ma.fields.Integer()
    generation = ma.fields.Integer()
    status = ma.fields.String()
    issued_at = ma.fields.AwareDateTime()
    issuer_signed_at = ma.fields.AwareDateTime(allow_none=True)
    counterparty_signed_at = ma.fields.AwareDateTime(allow_none=True)
    version = ma.fields.Integer()
    recorded_from = ma.fields.AwareDateTime()
    recorded_to = ma.fields.AwareDateTime(allow_none=True)


class GridCellSchema(ma.Schema):
    tenant_id = ma.fields.UUID()
    place_id = ma.fields.UUID()
    place = ma.fields.String()
    weekday = ma.fields.Integer()
    start = ma.fields.String()
    end = ma.fields.String()
    persons = ma.fields.List(ma.fields.String())


HazardPageSchema = page_schema(HazardRowSchema, "HazardBoardPage")
DrillPageSchema = page_schema(DrillRowSchema, "DrillLogPage")
IncidentPageSchema = page_schema(IncidentRowSchema, "IncidentRegisterPage")
AgreementPageSchema = page_schema(AgreementRowSchema, "AgreementCoveragePage")
GridPageSchema = page_schema(GridCellSchema, "GridMapPage")
