"""Background jobs: plain functions taking the runtime and JSON ids.

For now every job runs inline, at once, in the process that enqueues it (the
embedded default); a queue backend (RQ) can take :func:`run` as its job function
later without changing callers. Status and result are kept in the ``jobs`` table,
so any process can report on a job.
"""

from __future__ import annotations

import importlib
import json
import logging
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from safeledger.projections.schema import UTCDateTime, metadata, write_transaction

log = logging.getLogger(__name__)

jobs = sa.Table(
    "jobs",
    metadata,
    sa.Column("job_id", sa.String(36), primary_key=True),
    sa.Column("function", sa.String(200), nullable=False),
    sa.Column("args", sa.Text, nullable=False),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("result", sa.Text),
    sa.Column("error", sa.Text),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("finished_at", UTCDateTime),
    sa.Column("progress", sa.Integer),  # percent done, while running
    # The tenant a job works for, and the action one needs there to see it.
    sa.Column("tenant_id", sa.Uuid),
    sa.Column("action", sa.String(32)),
    # Who asked: a job's status and file are theirs alone (it holds their view).
    sa.Column("requested_by", sa.Uuid),
)

QUEUED, RUNNING, FINISHED, FAILED = "queued", "running", "finished", "failed"


def function_path(func: Callable[..., Any] | str) -> str:
    """``module:name`` of a job function."""
    if isinstance(func, str):
        return func
    return f"{func.__module__}:{func.__qualname__}"


def enqueue(
    runtime: Any,
    func: Callable[..., Any] | str,
    *args: Any,
    tenant_id: uuid.UUID | None = None,
    action: str | None = None,
    requested_by: uuid.UUID | None = None,
) -> str:
    """Record a job (for ``tenant_id``, seen with ``action`` by ``requested_by``
    alone if given) and run it; its id."""
    job_id = str(uuid.uuid4())
    with write_transaction(runtime.engine) as conn:
        conn.execute(
            sa.insert(jobs).values(
                job_id=job_id,
                function=function_path(func),
                args=json.dumps(list(args)),
                status=QUEUED,
                created_at=datetime.now(UTC),
                tenant_id=tenant_id,
                action=action,
                requested_by=requested_by,
            )
        )
    if runtime.settings.jobs == "inline":
        run(runtime, job_id)
    else:  # hosted: on the exports queue, or kept in the outbox, never inline
        from safeledger.platform.background.queues import EXPORTS, submit

        submit(runtime, run_queued, job_id, queue_name=EXPORTS, job_id=job_id)
    return job_id


def run_queued(job_id: str) -> None:
    """A worker's entry point: run a recorded job with the worker's runtime."""
    from safeledger.platform.background.runner import current_runtime

    run(current_runtime(), job_id)


def set_progress(engine: sa.Engine, job_id: str, percent: int) -> None:
    """Record how far a running job has got, in percent."""
    _set(engine, job_id, progress=max(0, min(100, int(percent))))


def run(runtime: Any, job_id: str) -> None:
    """Run a recorded job, keeping its result or its error."""
    job = get(runtime.engine, job_id)
    if job is None or job.status != QUEUED:
        return
    _set(runtime.engine, job_id, status=RUNNING)
    module, _, name = job.function.partition(":")
    try:
        func = getattr(importlib.import_module(module), name)
        result = func(runtime, job_id, *json.loads(job.args))
    except Exception as error:
        log.exception("job %s (%s) failed", job_id, job.function)
        _set(runtime.engine, job_id, status=FAILED, error=str(error) or repr(error))
        return
    _set(
        runtime.engine,
        job_id,
        status=FINISHED,
        result=json.dumps(result),
        progress=100,
    )


def get(engine: sa.Engine, job_id: str) -> sa.Row | None:
    """The job's row, or None."""
    with engine.connect() as conn:
        return conn.execute(sa.select(jobs).where(jobs.c.job_id == job_id)).first()


def result_of(job: sa.Row) -> Any:
    """A finished job's result, decoded."""
    return json.loads(job.result) if job.result else None


def _set(engine: sa.Engine, job_id: str, **values: Any) -> None:
    if values.get("status") in (FINISHED, FAILED):
        values["finished_at"] = datetime.now(UTC)
    with write_transaction(engine) as conn:
        conn.execute(sa.update(jobs).where(jobs.c.job_id == job_id).values(**values))


def belongs_to(job: sa.Row, tenant_id: uuid.UUID, user_id: uuid.UUID) -> bool:
    """Whether ``job`` is the tenant's and was asked for by ``user_id``."""
    mine = job.requested_by is None or job.requested_by == user_id
    return job.tenant_id == tenant_id and mine
