"""Request and response schemas of the evidence resource."""

from __future__ import annotations

import base64
from typing import Any

import marshmallow as ma

from safeledger.platform.api.fields import bounded
from safeledger.platform.api.pagination import page_schema

AT_LEAST_ONE = ma.validate.Range(min=1)


class Base64(ma.fields.Field):
    """Bytes as standard base64 text."""

    def _serialize(self, value: Any, attr: str | None, obj: Any, **kwargs: Any) -> Any:
        return None if value is None else base64.b64encode(bytes(value)).decode()


class CheckpointSchema(ma.Schema):
    """A signed checkpoint; ``signature`` is Ed25519 over ``text`` exactly."""

    tenant_id = ma.fields.UUID()
    tree_size = ma.fields.Integer()
    root = Base64()
    published_at = ma.fields.AwareDateTime()
    key_id = ma.fields.String()
    text = ma.fields.String()
    signature = Base64()


CheckpointPageSchema = page_schema(CheckpointSchema, "CheckpointPage")


class FeedEntrySchema(ma.Schema):
    """One checkpoint of the public feed, as a C2SP signed note."""

    tree_size = ma.fields.Integer()
    note = ma.fields.String()


FeedPageSchema = page_schema(FeedEntrySchema, "FeedPage")


class InclusionArgs(ma.Schema):
    """Which event, against which checkpoint (default: the latest)."""

    originator_id = ma.fields.UUID(required=True)
    version = ma.fields.Integer(required=True, validate=bounded(AT_LEAST_ONE))
    tree_size = ma.fields.Integer(load_default=None, validate=bounded(AT_LEAST_ONE))


class InclusionProofSchema(ma.Schema):
    """RFC 9162 inclusion proof of one event's leaf in a checkpoint's tree."""

    leaf_index = ma.fields.Integer()
    leaf_hash = Base64()
    leaf = ma.fields.Dict()
    tree_size = ma.fields.Integer()
    proof = ma.fields.List(Base64())
    checkpoint = ma.fields.Nested(CheckpointSchema)


class ConsistencyArgs(ma.Schema):
    """Two published checkpoint sizes, the first no larger than the second."""

    first = ma.fields.Integer(required=True, validate=bounded(AT_LEAST_ONE))
    second = ma.fields.Integer(required=True, validate=bounded(AT_LEAST_ONE))


class ConsistencyProofSchema(ma.Schema):
    """RFC 9162 consistency proof between two checkpoints."""

    first = ma.fields.Nested(CheckpointSchema)
    second = ma.fields.Nested(CheckpointSchema)
    proof = ma.fields.List(Base64())


class ExportRequestSchema(ma.Schema):
    """What to export: the whole tenant, one case, or a time range."""

    aggregate_id = ma.fields.UUID(load_default=None)
    from_ = ma.fields.AwareDateTime(data_key="from", load_default=None)
    to = ma.fields.AwareDateTime(load_default=None)


class ExportJobSchema(ma.Schema):
    """An export job and, once finished, where to download its bundle."""

    job_id = ma.fields.String()
    status = ma.fields.String()
    error = ma.fields.String(allow_none=True)
    events = ma.fields.Integer(allow_none=True)
    tree_size = ma.fields.Integer(allow_none=True)
    download_url = ma.fields.String(allow_none=True)


class KeySchema(ma.Schema):
    """One public key of the platform's signing-key history."""

    key_id = ma.fields.String()
    algorithm = ma.fields.String()
    public_key = ma.fields.String()
    public_key_pem = ma.fields.String()
    activated_at = ma.fields.String()
    retired_at = ma.fields.String(allow_none=True)
    endorsed_by = ma.fields.String(allow_none=True)
    endorsement_time = ma.fields.String(allow_none=True)
    endorsement = ma.fields.String(allow_none=True)
    acceptance = ma.fields.String(allow_none=True)
