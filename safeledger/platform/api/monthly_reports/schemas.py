"""Schemas of the monthly report resource (安全月报表)."""

from __future__ import annotations

import marshmallow as ma

from safeledger.platform.api.pagination import page_schema
from safeledger.platform.api.schemas import NAME, REASON, VersionedSchema, digest

MONTH = ma.validate.Regexp(r"^20\d\d-(0[1-9]|1[0-2])$", error="must be YYYY-MM")


class SubmitReportSchema(ma.Schema):
    month = ma.fields.String(required=True, validate=MONTH)
    digest = digest(
        required=True, metadata={"description": "the digest of the reviewed draft"}
    )
    submitted_by = ma.fields.String(required=True, validate=NAME)


class AmendReportSchema(VersionedSchema):
    digest = digest(required=True)
    reason = ma.fields.String(required=True, validate=REASON)


class DraftSchema(ma.Schema):
    school_id = ma.fields.UUID()
    month = ma.fields.String()
    figures = ma.fields.Dict()
    digest = ma.fields.String()


class SubmissionSchema(ma.Schema):
    report_id = ma.fields.UUID()
    tenant_id = ma.fields.UUID()
    month = ma.fields.String()
    digest = ma.fields.String()
    submitted_by = ma.fields.String()
    submitted_at = ma.fields.AwareDateTime()
    amended_at = ma.fields.AwareDateTime(allow_none=True)
    amendments = ma.fields.Integer()
    figures = ma.fields.Dict()
    version = ma.fields.Integer()
    recorded_from = ma.fields.AwareDateTime()
    recorded_to = ma.fields.AwareDateTime(allow_none=True)


SubmissionPageSchema = page_schema(SubmissionSchema, "MonthlyReportPage")
