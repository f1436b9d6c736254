"""Recorded jobs: long work whose status, progress and result are kept in the
``jobs`` table, so any process can report on it (exports, imports).

A recorded job is submitted like any other job, on the exports queue; the worker
runs :func:`run_recorded`, which calls the job function and keeps what it gave.
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from safeledger.platform.background.queues import (
    EXPORTS,
    function_path,
    resolve,
    submit,
)
from safeledger.platform.background.runner import current_runtime, job
from safeledger.platform.background.tables import jobs
from safeledger.platform.runtime import Runtime
from safeledger.projections.schema import write_transaction

log = logging.getLogger(__name__)

QUEUED, RUNNING, FINISHED, FAILED = "queued", "running", "finished", "failed"


def start(
    runtime: Runtime,
    func: Callable[..., Any],
    *args: Any,
    tenant_id: uuid.UUID | None = None,
    action: str | None = None,
    requested_by: uuid.UUID | None = None,
) -> str:
    """Record a job (for ``tenant_id``, seen with ``action`` by ``requested_by``
    alone if given) and submit it; its id."""
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
    submit(runtime, run_recorded, job_id, queue_name=EXPORTS, job_id=job_id)
    return job_id


@job("system:jobs")
def run_recorded(job_id: str) -> None:
    """Run a recorded job, keeping its result or its error."""
    engine = current_runtime().engine
    row = get(engine, job_id)
    if row is None or row.status != QUEUED:
        return
    _set(engine, job_id, status=RUNNING)
    try:
        result = resolve(row.function)(*json.loads(row.args))
    except Exception as error:
        log.exception("job %s (%s) failed", job_id, row.function)
        _set(engine, job_id, status=FAILED, error=str(error) or repr(error))
        return
    _set(engine, job_id, status=FINISHED, result=json.dumps(result), progress=100)


def set_progress(engine: sa.Engine, job_id: str, percent: int) -> None:
    """Record how far a running job has got, in percent."""
    _set(engine, job_id, progress=max(0, min(100, int(percent))))


def get(engine: sa.Engine, job_id: str) -> sa.Row[Any] | None:
    """The job's row, or None."""
    with engine.connect() as conn:
        return conn.execute(sa.select(jobs).where(jobs.c.job_id == job_id)).first()


def result_of(job: sa.Row[Any]) -> Any:
    """A finished job's result, decoded."""
    return json.loads(job.result) if job.result else None


def name_of(job: sa.Row[Any]) -> str:
    """The name of a job's function, without its module."""
    return job.function.replace(":", ".").rpartition(".")[2]


def _set(engine: sa.Engine, job_id: str, **values: Any) -> None:
    if values.get("status") in (FINISHED, FAILED):
        values["finished_at"] = datetime.now(UTC)
    with write_transaction(engine) as conn:
        conn.execute(sa.update(jobs).where(jobs.c.job_id == job_id).values(**values))


def belongs_to(job: sa.Row[Any], tenant_id: uuid.UUID, user_id: uuid.UUID) -> bool:
    """Whether ``job`` is the tenant's and was asked for by ``user_id``."""
    mine = job.requested_by is None or job.requested_by == user_id
    return job.tenant_id == tenant_id and mine
