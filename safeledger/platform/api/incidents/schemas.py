"""Request schemas of the incident resource."""

from __future__ import annotations

import marshmallow as ma

from safeledger.platform.api.fields import Moment, Whole
from safeledger.platform.api.schemas import (
    NAME,
    REASON,
    TEXT,
    VersionedSchema,
    digest,
    digests,
)
from safeledger.tenants.values import IncidentCategory, IncidentSeverity, ReportChannel

COUNT = ma.validate.Range(min=0, max=1_000_000)
COUNT_OF_PEOPLE = ma.validate.Range(min=1, max=1_000_000)


class ReportIncidentSchema(ma.Schema):
    """An incident report; reported-at is the server's clock, never the client's."""

    occurred_at = Moment(required=True)
    category = ma.fields.Enum(IncidentCategory, by_value=True, required=True)
    severity = ma.fields.Enum(IncidentSeverity, by_value=True, required=True)
    deaths = Whole(load_default=0, validate=COUNT)
    injuries = Whole(load_default=0, validate=COUNT)
    description = ma.fields.String(
        required=True, validate=ma.validate.Length(min=1, max=4000)
    )
    channel = ma.fields.Enum(ReportChannel, by_value=True, required=True)
    reporter = ma.fields.String(required=True, validate=NAME)
    document_digest = digest(load_default=None)


class WrittenReportSchema(VersionedSchema):
    document_digest = digest(required=True)


class CasualtiesSchema(VersionedSchema):
    deaths = Whole(required=True, validate=COUNT)
    injuries = Whole(required=True, validate=COUNT)
    note = ma.fields.String(required=True, validate=REASON)


class CauseSchema(VersionedSchema):
    cause = ma.fields.String(required=True, validate=TEXT)


class ResponsiblePersonsSchema(VersionedSchema):
    persons = ma.fields.List(
        ma.fields.String(validate=NAME),
        required=True,
        validate=ma.validate.Length(min=1),
    )
    measures = ma.fields.String(required=True, validate=TEXT)


class RectificationSchema(VersionedSchema):
    summary = ma.fields.String(required=True, validate=TEXT)
    evidence_digests = digests(required=True, validate=ma.validate.Length(min=1))


class EducationSchema(VersionedSchema):
    summary = ma.fields.String(required=True, validate=TEXT)
    participants = Whole(required=True, validate=COUNT_OF_PEOPLE)
