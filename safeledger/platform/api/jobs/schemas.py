"""Schemas of the job resource and of table exports."""

from __future__ import annotations

import marshmallow as ma

from safeledger.platform.api.fields import Moment
from safeledger.platform.table_views import TABLE_VIEWS


class JobSchema(ma.Schema):
    """A background job: its status, how far it got, and where its result is."""

    job_id = ma.fields.String()
    name = ma.fields.String()
    status = ma.fields.String(metadata={"description": "queued, running, finished"})
    progress = ma.fields.Integer(
        allow_none=True, metadata={"description": "percent done"}
    )
    created_at = ma.fields.AwareDateTime()
    finished_at = ma.fields.AwareDateTime(allow_none=True)
    error = ma.fields.String(allow_none=True)
    result = ma.fields.Dict(allow_none=True)
    download_url = ma.fields.String(allow_none=True)
    console_url = ma.fields.String()


class TableExportSchema(ma.Schema):
    view = ma.fields.String(
        required=True, validate=ma.validate.OneOf(sorted(TABLE_VIEWS))
    )
    as_of = Moment(load_default=None)
    format = ma.fields.String(
        load_default="csv", validate=ma.validate.OneOf(["csv", "xlsx"])
    )
