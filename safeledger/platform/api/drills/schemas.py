"""Request schemas of the drill resource."""

from __future__ import annotations

import marshmallow as ma

from safeledger.platform.api.fields import Moment, Whole
from safeledger.platform.api.hazards.schemas import LogHazardSchema
from safeledger.platform.api.schemas import (
    REASON,
    VersionedSchema,
    digest,
    digests,
)
from safeledger.tenants.values import DrillKind


class PlanDrillSchema(ma.Schema):
    kind = ma.fields.Enum(DrillKind, by_value=True, required=True)
    planned_on = ma.fields.Date(required=True)


class HoldDrillSchema(VersionedSchema):
    held_at = Moment(required=True)
    participants = Whole(
        required=True, validate=ma.validate.Range(min=1, max=1_000_000)
    )
    duration_minutes = Whole(
        required=True, validate=ma.validate.Range(min=1, max=24 * 60)
    )
    evacuation_seconds = Whole(
        load_default=None, validate=ma.validate.Range(min=1, max=24 * 60 * 60)
    )
    plan_digest = digest(required=True)
    summary_digest = digest(required=True)
    evaluation_digest = digest(required=True)
    photo_digests = digests(required=True, validate=ma.validate.Length(min=1))


class RescheduleDrillSchema(VersionedSchema):
    planned_on = ma.fields.Date(required=True)
    reason = ma.fields.String(required=True, validate=REASON)


class CancelDrillSchema(VersionedSchema):
    reason = ma.fields.String(required=True, validate=REASON)


class DrillFindingSchema(LogHazardSchema, VersionedSchema):
    """A hazard the drill revealed, logged and noted on the drill together."""
