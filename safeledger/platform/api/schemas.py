"""Schemas every resource shares: command results, versions, records and history."""

from __future__ import annotations

import marshmallow as ma

from safeledger.platform.api.fields import MAX_INTEGER, PlainText, Whole
from safeledger.platform.api.pagination import page_schema

# Every text field refuses control characters; a name is one line besides.
TEXT = [ma.validate.Length(min=1, max=2000), PlainText()]
# Reasons, measures and notes: the domain keeps at most 1,000 characters of them,
# so the document promises no more.
REASON = [ma.validate.Length(min=1, max=1000), PlainText()]
NAME = [ma.validate.Length(min=1, max=200), PlainText(one_line=True)]
DIGEST = ma.validate.Regexp(r"^[0-9a-f]{64}$", error="must be a SHA-256 hex digest")


def digest(**kwargs: object) -> ma.fields.String:
    """The SHA-256 hex digest of a stored attachment."""
    return ma.fields.String(validate=DIGEST, **kwargs)


def digests(**kwargs: object) -> ma.fields.List:
    """A list of SHA-256 hex digests of stored attachments."""
    return ma.fields.List(digest(), **kwargs)


class RecordedSchema(ma.Schema):
    """What a command appended."""

    id = ma.fields.UUID(attribute="aggregate_id")
    version = ma.fields.Integer()
    created_id = ma.fields.UUID(
        allow_none=True,
        metadata={
            "description": "a part the command made: a place, an assignment, a hazard"
        },
    )

    @ma.post_dump
    def _drop_absent_part(self, data: dict, **_: object) -> dict:
        if data.get("created_id") is None:
            data.pop("created_id", None)
        return data


class VersionedSchema(ma.Schema):
    """A command on an existing record, guarded by its expected version if given."""

    version = Whole(
        load_default=None,
        validate=ma.validate.Range(min=1, max=MAX_INTEGER),
        metadata={
            "description": "the version the change was made against (or If-Match)"
        },
    )


class RecordSchema(ma.Schema):
    """A record's current state, rebuilt from its events."""

    id = ma.fields.UUID()
    type = ma.fields.String()
    version = ma.fields.Integer()
    tenant_id = ma.fields.UUID()
    created_on = ma.fields.AwareDateTime()
    modified_on = ma.fields.AwareDateTime()
    state = ma.fields.Dict()


class EventSchema(ma.Schema):
    """One event in a record's history."""

    version = ma.fields.Integer()
    type = ma.fields.String()
    recorded_at = ma.fields.AwareDateTime()
    actor = ma.fields.String()
    request_id = ma.fields.String(allow_none=True)
    data = ma.fields.Dict()


EventPageSchema = page_schema(EventSchema, "EventPage")
