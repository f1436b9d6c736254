"""Routes of jobs (status, progress, download) and of CSV exports of table views."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask import send_file, url_for
from flask.views import MethodView
from flask_smorest import Blueprint, abort

from safeledger.platform.api.context import identity, reader_scope, runtime
from safeledger.platform.api.jobs import schemas
from safeledger.platform.auth.web import require
from safeledger.platform.background import jobs
from safeledger.platform.background.table_exports import export_table, scope_args
from safeledger.platform.evidence.export import exports_folder
from safeledger.tenants.access import Action

blp = Blueprint(
    "jobs",
    __name__,
    url_prefix="/api/v1/tenants/<uuid:tenant_id>/jobs",
    description="Long-running work of a tenant: status, progress and result.",
)
exports_blp = Blueprint(
    "table_exports",
    __name__,
    url_prefix="/api/v1/tenants/<uuid:tenant_id>/table-exports",
    description="Whole table views as CSV, written by a job that shows progress.",
)


def job_view(tenant_id: UUID, job_id: str) -> dict[str, Any]:
    """The tenant's job as the API shows it; 404 for another tenant's."""
    job = jobs.get(runtime().engine, job_id)
    if job is None or not jobs.belongs_to(job, tenant_id, identity().user.user_id):
        abort(404, message="no such job of yours for this tenant")
    require(identity(), Action(job.action or Action.READ), tenant_id)
    result = jobs.result_of(job)
    done = job.status == jobs.FINISHED and bool(result and result.get("file"))
    ids = {"tenant_id": tenant_id, "job_id": job_id}
    return {
        **job._mapping,
        "name": jobs.name_of(job),
        "result": result,
        "download_url": url_for("jobs.JobDownload", **ids) if done else None,
        "console_url": url_for("console.job", **ids),
    }


@blp.route("/<job_id>")
class Job(MethodView):
    @blp.response(200, schemas.JobSchema)
    def get(self, tenant_id: UUID, job_id: str) -> dict[str, Any]:
        """Report a job's status, progress in percent and, when done, its download."""
        return job_view(tenant_id, job_id)


@blp.route("/<job_id>/download")
class JobDownload(MethodView):
    @blp.response(200, {"format": "binary", "type": "string"}, content_type="*/*")
    def get(self, tenant_id: UUID, job_id: str) -> Any:
        """Download a finished job's file."""
        view = job_view(tenant_id, job_id)
        if view["download_url"] is None:
            abort(409, message=f"the job is {view['status']}, with nothing to download")
        result = view["result"]
        return send_file(
            exports_folder(runtime().settings) / result["file"],
            result.get("media_type", "application/zip"),
            as_attachment=True,
            download_name=result.get("filename", result["file"]),
        )


@exports_blp.route("")
class TableExports(MethodView):
    @exports_blp.arguments(schemas.TableExportSchema)
    @exports_blp.response(202, schemas.JobSchema)
    def post(self, body: dict[str, Any], tenant_id: UUID) -> dict[str, Any]:
        """Start writing a table view of the subtree as CSV or XLSX; poll the job."""
        runtime().store.for_tenant(tenant_id)  # an unknown tenant is a 404
        as_of = body["as_of"].isoformat() if body["as_of"] else None
        scope = scope_args(reader_scope())
        args = (str(tenant_id), body["view"], *scope, as_of, body["format"])
        job_id = jobs.start(
            runtime(),
            export_table,
            *args,
            tenant_id=tenant_id,
            requested_by=identity().user.user_id,
        )
        return job_view(tenant_id, job_id)
