"""Schemas of the ruleset resource."""

from __future__ import annotations

import marshmallow as ma

from safeledger.platform.api.fields import Moment
from safeledger.platform.api.schemas import NAME


class PublishRulesetSchema(ma.Schema):
    effective_from = ma.fields.Date(
        required=True, metadata={"description": "in force from 00:00 China time"}
    )
    title = ma.fields.String(required=True, validate=NAME)
    rules = ma.fields.Dict(
        required=True,
        metadata={"description": "any part of the national baseline's shape"},
    )


class RulesInForceArgs(ma.Schema):
    at = Moment(
        load_default=None, metadata={"description": "the moment judged (default now)"}
    )
    as_of = Moment(
        load_default=None, metadata={"description": "rulesets recorded by then"}
    )


class RulesetSchema(ma.Schema):
    ruleset_id = ma.fields.UUID()
    jurisdiction_id = ma.fields.UUID()
    effective_from = ma.fields.AwareDateTime()
    title = ma.fields.String()
    rules = ma.fields.Dict()
    recorded_at = ma.fields.AwareDateTime()
    actor = ma.fields.String()


class RulesInForceSchema(ma.Schema):
    tenant_id = ma.fields.UUID()
    at = ma.fields.AwareDateTime()
    rules = ma.fields.Dict(metadata={"description": "the baseline, overridden"})
    published = ma.fields.List(ma.fields.Nested(RulesetSchema))
