"""Routes of the evidence resource: checkpoints, proofs, exports, signing keys."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any
from uuid import UUID

from flask import Response, send_file, url_for
from flask.views import MethodView
from flask_smorest import Blueprint, abort

from safeledger.platform.api.context import identity, read_connection, runtime
from safeledger.platform.api.evidence import schemas
from safeledger.platform.api.pagination import PageArgs, offset_limit, page_of
from safeledger.platform.background import jobs
from safeledger.platform.background.queues import function_path
from safeledger.platform.evidence import checkpoints, keys, proofs, witnesses
from safeledger.platform.evidence.export import export_job, exports_folder
from safeledger.platform.evidence.keys import EvidenceError
from safeledger.tenants.access import Action

blp = Blueprint(
    "evidence",
    __name__,
    url_prefix="/api/v1",
    description="Immutable evidence: signed checkpoints, Merkle proofs, bundles.",
)
TENANT = "/tenants/<uuid:tenant_id>/evidence"


@contextmanager
def evidence_errors() -> Iterator[None]:
    """Missing evidence is a 404; a request evidence cannot answer is a 422."""
    try:
        yield
    except proofs.EvidenceNotFoundError as error:
        abort(404, message=str(error))
    except EvidenceError as error:
        abort(422, message=str(error))


def read(tenant_id: UUID, query: Callable[..., Any], *args: Any) -> Any:
    """Run ``query(conn, tenant_id, *args)`` for a known tenant."""
    runtime().store.for_tenant(tenant_id)  # an unknown tenant is a 404
    with evidence_errors(), read_connection() as conn:
        return query(conn, tenant_id, *args)


@blp.route(f"{TENANT}/checkpoints")
class Checkpoints(MethodView):
    @blp.arguments(PageArgs, location="query")
    @blp.response(200, schemas.CheckpointPageSchema)
    def get(self, args: dict[str, int], tenant_id: UUID) -> dict[str, Any]:
        """List the tenant's signed checkpoints, oldest first."""
        page = offset_limit(args)
        rows, total = read(
            tenant_id, checkpoints.listing, page["offset"], page["limit"]
        )
        return page_of(rows, total, args)


@blp.route(f"{TENANT}/checkpoints/latest")
class LatestCheckpoint(MethodView):
    @blp.response(200, schemas.CheckpointSchema)
    def get(self, tenant_id: UUID) -> Any:
        """Get the tenant's newest signed checkpoint."""
        return read(tenant_id, proofs.checkpoint_at, None)


@blp.route(f"{TENANT}/proofs/inclusion")
class InclusionProof(MethodView):
    @blp.arguments(schemas.InclusionArgs, location="query")
    @blp.response(200, schemas.InclusionProofSchema)
    def get(self, args: dict[str, Any], tenant_id: UUID) -> dict[str, Any]:
        """Prove an event is in the tree of a checkpoint (default: the latest)."""
        return read(
            tenant_id,
            proofs.inclusion,
            args["originator_id"],
            args["version"],
            args["tree_size"],
        )


@blp.route(f"{TENANT}/proofs/consistency")
class ConsistencyProof(MethodView):
    @blp.arguments(schemas.ConsistencyArgs, location="query")
    @blp.response(200, schemas.ConsistencyProofSchema)
    def get(self, args: dict[str, int], tenant_id: UUID) -> dict[str, Any]:
        """Prove a later checkpoint extends an earlier one."""
        return read(tenant_id, proofs.consistency, args["first"], args["second"])


def job_view(job: Any, tenant_id: UUID) -> dict[str, Any]:
    """An export job as the API shows it."""
    if job is None or function_path(export_job) != job.function:
        abort(404, message="no such export job")
    # Checked on the job itself, not its result: a failed job has none.
    if not jobs.belongs_to(job, tenant_id, identity().user.user_id):
        abort(404, message="no such export job of yours for this tenant")
    result = jobs.result_of(job) or {}
    done = job.status == jobs.FINISHED
    url = url_for("evidence.ExportDownload", tenant_id=tenant_id, job_id=job.job_id)
    return {**job._mapping, **result, "download_url": url if done else None}


@blp.route(f"{TENANT}/exports")
class Exports(MethodView):
    @blp.arguments(schemas.ExportRequestSchema)
    @blp.response(202, schemas.ExportJobSchema)
    def post(self, body: dict[str, Any], tenant_id: UUID) -> dict[str, Any]:
        """Start exporting an evidence bundle; poll the job for its download."""
        runtime().store.for_tenant(tenant_id)
        moments = [m.isoformat() if m else None for m in (body["from_"], body["to"])]
        aggregate = str(body["aggregate_id"]) if body["aggregate_id"] else None
        args = (str(tenant_id), aggregate, *moments)
        job_id = jobs.start(
            runtime(),
            export_job,
            *args,
            tenant_id=tenant_id,
            action=Action.EXPORT_EVIDENCE.value,
            requested_by=identity().user.user_id,
        )
        return job_view(jobs.get(runtime().engine, job_id), tenant_id)


@blp.route(f"{TENANT}/exports/<job_id>")
class ExportJob(MethodView):
    @blp.response(200, schemas.ExportJobSchema)
    def get(self, tenant_id: UUID, job_id: str) -> dict[str, Any]:
        """Report an export job's status and, when done, its download URL."""
        return job_view(jobs.get(runtime().engine, job_id), tenant_id)


@blp.route(f"{TENANT}/exports/<job_id>/download")
class ExportDownload(MethodView):
    @blp.response(200, content_type="application/zip")
    def get(self, tenant_id: UUID, job_id: str) -> Any:
        """Download a finished export's bundle."""
        view = job_view(jobs.get(runtime().engine, job_id), tenant_id)
        if view["download_url"] is None:
            abort(409, message=f"the export is {view['status']}, not finished")
        path = exports_folder(runtime().settings) / view["file"]
        name = f"evidence-{tenant_id}-{job_id}.zip"
        return send_file(
            path, "application/zip", as_attachment=True, download_name=name
        )


@blp.route("/evidence/keys")
class Keys(MethodView):
    @blp.response(200, schemas.KeySchema(many=True))
    def get(self) -> list[dict[str, Any]]:
        """List the platform's signing keys, oldest first (public halves)."""
        with runtime().engine.connect() as conn:
            return keys.history(conn)


# The public feed: anyone may read and mirror each tenant's signed checkpoints
# (C2SP signed notes with the witnesses' cosignatures), signed in or not, so
# that a rewritten history cannot be shown to some and hidden from others.
FEED = "/evidence/feed/<uuid:tenant_id>"


@blp.route(f"{FEED}/checkpoint")
class FeedCheckpoint(MethodView):
    @blp.response(200, content_type="text/plain")
    def get(self, tenant_id: UUID) -> Any:
        """Get the tenant's newest checkpoint as a signed note (public)."""
        runtime().store.for_tenant(tenant_id)
        with evidence_errors(), runtime().engine.connect() as conn:
            row = proofs.checkpoint_at(conn, tenant_id, None)
            text = witnesses.signed_note(runtime().settings, conn, row)
        return Response(text, mimetype="text/plain")


@blp.route(f"{FEED}/checkpoints")
class FeedCheckpoints(MethodView):
    @blp.arguments(PageArgs, location="query")
    @blp.response(200, schemas.FeedPageSchema)
    def get(self, args: dict[str, int], tenant_id: UUID) -> dict[str, Any]:
        """List the tenant's checkpoints as signed notes, oldest first (public)."""
        runtime().store.for_tenant(tenant_id)
        page = offset_limit(args)
        with runtime().engine.connect() as conn:
            rows, total = checkpoints.listing(
                conn, tenant_id, page["offset"], page["limit"]
            )
            notes = [
                {
                    "tree_size": row.tree_size,
                    "note": witnesses.signed_note(runtime().settings, conn, row),
                }
                for row in rows
            ]
        return page_of(notes, total, args)
