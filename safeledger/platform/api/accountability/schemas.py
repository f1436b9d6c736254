"""Request and response schemas of the accountability-case resource."""

from __future__ import annotations

import marshmallow as ma

from safeledger.platform.api.pagination import PageArgs, page_schema
from safeledger.platform.api.schemas import TEXT, VersionedSchema
from safeledger.tenants.accountability import CaseDecision, CaseReason, CaseState

SUBJECT_KINDS = ("hazard", "incident", "drill", "tenant")
DECISIONS = "notice 通报, interview 约谈, warning 警告, referral 移送"


class OpenCaseSchema(ma.Schema):
    subject_kind = ma.fields.String(
        required=True,
        validate=ma.validate.OneOf(SUBJECT_KINDS),
        metadata={"description": "a record of this tenant, or the tenant itself"},
    )
    subject_id = ma.fields.UUID(required=True)
    reason = ma.fields.Enum(CaseReason, by_value=True, required=True)
    summary = ma.fields.String(required=True, validate=TEXT)


class DecideCaseSchema(VersionedSchema):
    decision = ma.fields.Enum(
        CaseDecision,
        by_value=True,
        required=True,
        metadata={"description": DECISIONS},
    )
    note = ma.fields.String(required=True, validate=TEXT)


class CloseCaseSchema(VersionedSchema):
    conclusion = ma.fields.String(required=True, validate=TEXT)


class CaseListArgs(PageArgs):
    state = ma.fields.Enum(
        CaseState,
        by_value=True,
        load_default=CaseState.OPEN,
        metadata={"description": "open (the default), decided or closed"},
    )


class CaseRowSchema(ma.Schema):
    """A case as the oversight read model keeps it."""

    case_id = ma.fields.UUID()
    tenant_id = ma.fields.UUID()
    subject_kind = ma.fields.String()
    subject_id = ma.fields.UUID()
    reason = ma.fields.String()
    summary = ma.fields.String()
    automatic = ma.fields.Boolean()
    state = ma.fields.String()
    decision = ma.fields.String(allow_none=True)
    opened_at = ma.fields.AwareDateTime()
    opened_by = ma.fields.String()
    decided_at = ma.fields.AwareDateTime(allow_none=True)
    decided_by = ma.fields.String(allow_none=True)
    closed_at = ma.fields.AwareDateTime(allow_none=True)
    closed_by = ma.fields.String(allow_none=True)
    version = ma.fields.Integer()


CasePageSchema = page_schema(CaseRowSchema, "CasePage")
