"""Request schemas of the agreement resource."""

from __future__ import annotations

from typing import Any

import marshmallow as ma

from safeledger.platform.api.fields import Moment
from safeledger.platform.api.schemas import NAME, REASON, VersionedSchema, digest
from safeledger.tenants.agreements import Counterparty, Party
from safeledger.tenants.values import CounterpartyKind

DUTIES = ma.fields.List(
    ma.fields.String(validate=REASON), required=True, validate=ma.validate.Length(min=1)
)


class CounterpartySchema(ma.Schema):
    kind = ma.fields.Enum(CounterpartyKind, by_value=True, required=True)
    ref = ma.fields.String(
        required=True,
        validate=ma.validate.Length(min=1, max=100),
        metadata={
            "description": "the child tenant's id, or a staff or guardian reference"
        },
    )
    name = ma.fields.String(required=True, validate=NAME)

    @ma.post_load
    def _counterparty(self, data: dict[str, Any], **_: Any) -> Counterparty:
        return Counterparty.of(data["kind"], data["ref"], data["name"])


class IssueAgreementSchema(ma.Schema):
    counterparty = ma.fields.Nested(CounterpartySchema, required=True)
    year = ma.fields.Integer(
        required=True, validate=ma.validate.Range(min=2000, max=2100)
    )
    duties = DUTIES
    document_digest = digest(required=True)


class SignSchema(VersionedSchema):
    party = ma.fields.Enum(Party, by_value=True, required=True)
    signer = ma.fields.String(required=True, validate=NAME)
    role = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=100))
    signed_at = Moment(load_default=None)


class RevokeSchema(VersionedSchema):
    reason = ma.fields.String(required=True, validate=REASON)


class SupersedeSchema(VersionedSchema):
    duties = DUTIES
    document_digest = digest(required=True)
    reason = ma.fields.String(required=True, validate=REASON)
