"""Routes of the import resource: a county's schools from a CSV file."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import marshmallow as ma
from flask.views import MethodView
from flask_smorest import Blueprint, abort
from flask_smorest.fields import Upload

from safeledger.platform.api.context import identity, runtime
from safeledger.platform.api.jobs.routes import job_view
from safeledger.platform.api.jobs.schemas import JobSchema
from safeledger.platform.background import jobs
from safeledger.platform.background.imports import (
    ImportRefusedError,
    check_schools,
    import_schools,
)
from safeledger.tenants.access import Action

blp = Blueprint(
    "imports",
    __name__,
    url_prefix="/api/v1/tenants/<uuid:tenant_id>/imports",
    description="Bulk imports: one bad line refuses the file, naming line and field.",
)


class SchoolsFileSchema(ma.Schema):
    file = Upload(
        required=True,
        metadata={
            "description": "UTF-8 CSV with columns code, name, school_type, boarding"
        },
    )


@blp.route("/schools")
class SchoolImports(MethodView):
    @blp.arguments(SchoolsFileSchema, location="files")
    @blp.response(202, JobSchema)
    def post(self, files: dict[str, Any], tenant_id: UUID) -> dict[str, Any]:
        """Register a county's schools from a CSV file, as a job; poll it."""
        text = files["file"].read().decode("utf-8-sig", errors="replace")
        try:
            check_schools(runtime().store, tenant_id, text)
        except ImportRefusedError as refused:
            lines = [str(error) for error in refused.errors]
            abort(422, message=refused.message, errors={"files": {"file": lines}})
        args = (str(tenant_id), text, identity().actor)
        job_id = jobs.start(
            runtime(),
            import_schools,
            *args,
            tenant_id=tenant_id,
            action=Action.MANAGE_TENANTS.value,
        )
        return job_view(tenant_id, job_id)
