"""Schemas of the attachment resource."""

from __future__ import annotations

import marshmallow as ma
from flask_smorest.fields import Upload


class UploadSchema(ma.Schema):
    file = Upload(required=True, metadata={"description": "a photo or a document"})


class AttachmentSchema(ma.Schema):
    """An attachment entered into the tenant's ledger."""

    id = ma.fields.UUID(attribute="aggregate_id")
    version = ma.fields.Integer()
    sha256 = ma.fields.String()
    media_type = ma.fields.String()
    size = ma.fields.Integer()
