"""Schemas of the compliance resource."""

from __future__ import annotations

import marshmallow as ma

from safeledger.platform.api.fields import Moment
from safeledger.platform.api.pagination import page_schema
from safeledger.platform.api.tables import ViewArgs

PERIOD_HELP = "YYYY-MM, YYYY-Qn, YYYY-T1 (spring term), YYYY-T2 (autumn term) or YYYY"


class PeriodArgs(ma.Schema):
    period = ma.fields.String(required=True, metadata={"description": PERIOD_HELP})
    as_of = Moment(
        load_default=None, metadata={"description": "answer as of this past moment"}
    )


class ComplianceArgs(ViewArgs, PeriodArgs):
    """A period, ``as_of``, a page and ``format``."""


class MetricSchema(ma.Schema):
    name = ma.fields.String()
    status = ma.fields.String(metadata={"description": "green, amber or red"})
    reason = ma.fields.String()
    figures = ma.fields.Dict()


class SchoolComplianceSchema(ma.Schema):
    tenant_id = ma.fields.UUID()
    name = ma.fields.String()
    code = ma.fields.String()
    school_type = ma.fields.String()
    status = ma.fields.String()
    metrics = ma.fields.List(ma.fields.Nested(MetricSchema))
    signals = ma.fields.Integer(
        metadata={"description": "authenticity signals; they never change a score"}
    )


class RollupSchema(ma.Schema):
    tenant_id = ma.fields.UUID()
    period = ma.fields.String()
    as_of = ma.fields.AwareDateTime(allow_none=True)
    schools = ma.fields.Integer()
    overall = ma.fields.Dict()
    metrics = ma.fields.Dict()
    by_child = ma.fields.List(ma.fields.Dict())
    worst_schools = ma.fields.List(ma.fields.Dict())


class SignalSchema(ma.Schema):
    kind = ma.fields.String()
    tenant_id = ma.fields.UUID()
    records = ma.fields.List(ma.fields.String())
    detail = ma.fields.String()


class SignalArgs(ViewArgs):
    """``as_of``, a page and ``format``."""


CompliancePageSchema = page_schema(SchoolComplianceSchema, "CompliancePage")
SignalPageSchema = page_schema(SignalSchema, "SignalPage")
