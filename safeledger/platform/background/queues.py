"""Putting jobs on their queues: RQ when hosted, inline when embedded.

A job that cannot be enqueued (Redis down) is never dropped and never run in the
wrong place: it goes into the ``job_outbox`` table, is logged, and the command that
asked for it still succeeds. :func:`flush_outbox` enqueues it once Redis is back.
"""

from __future__ import annotations

import importlib
import json
import logging
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import redis
import sqlalchemy as sa
from rq import Queue, Retry

from safeledger.platform.background.runner import using_runtime
from safeledger.platform.background.serializer import JobSerializer
from safeledger.platform.background.tables import job_outbox
from safeledger.platform.runtime import Runtime
from safeledger.platform.settings import Settings
from safeledger.projections.schema import write_transaction

log = logging.getLogger(__name__)

SWEEPS, NOTIFICATIONS, EXPORTS = "sweeps", "notifications", "exports"
QUEUES = (SWEEPS, NOTIFICATIONS, EXPORTS)
REDIS_ERRORS = (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError)


def function_path(func: Callable[..., Any]) -> str:
    """``module.name`` of a job function, as RQ names it (the one form of a job's
    name in queues, the outbox and the jobs table)."""
    return f"{func.__module__}.{func.__qualname__}"


def resolve(path: str) -> Callable[..., Any]:
    """The job function a :func:`function_path` names.

    Rows written before the jobs table took RQ's form name it ``module:name``.
    """
    module, _, name = path.rpartition(":") if ":" in path else path.rpartition(".")
    func = getattr(importlib.import_module(module), name)
    if not callable(func):
        raise TypeError(f"{path} is not a job function")
    return func


def connection(settings: Settings) -> redis.Redis:
    """A Redis connection for ``settings`` (connects on first command)."""
    assert settings.redis_url, "SAFELEDGER_REDIS_URL is not set"
    return redis.Redis.from_url(
        settings.redis_url, socket_connect_timeout=2, socket_timeout=5
    )


def queue(settings: Settings, name: str, conn: redis.Redis | None = None) -> Queue:
    """The RQ queue ``name``, speaking JSON."""
    return Queue(
        name, connection=conn or connection(settings), serializer=JobSerializer
    )


def submit(
    runtime: Runtime,
    func: Callable[..., Any],
    *args: Any,
    queue_name: str = SWEEPS,
    job_id: str | None = None,
    retry: Retry | None = None,
) -> str:
    """Run ``func(*args)`` in the background; returns the job id.

    Inline: at once, here. RQ: on ``queue_name``; if Redis cannot be reached, into
    the outbox — never silently inline.
    """
    job_id = job_id or uuid.uuid4().hex
    path = function_path(func)
    json.dumps(list(args))  # job arguments are JSON, or fail here, loudly
    if runtime.settings.jobs == "inline":
        with using_runtime(runtime, job_id):
            try:
                func(*args)
            except Exception:  # the command that asked for it has succeeded
                log.exception("inline job %s (%s) failed", path, job_id)
        return job_id
    conn = connection(runtime.settings)
    try:
        queue(runtime.settings, queue_name, conn).enqueue(
            func, args=args, job_id=job_id, retry=retry, result_ttl=86400
        )
    except REDIS_ERRORS as error:
        log.warning(
            "cannot enqueue %s (%s): kept in the outbox: %s", path, job_id, error
        )
        _keep(runtime.engine, queue_name, path, args, job_id, error)
    finally:
        conn.close()
    return job_id


def flush_outbox(runtime: Runtime) -> int:
    """Enqueue every job kept in the outbox; returns how many went on a queue."""
    with runtime.engine.connect() as conn:
        pending = conn.execute(
            sa.select(job_outbox)
            .where(job_outbox.c.enqueued_at.is_(None))
            .order_by(job_outbox.c.outbox_id)
        ).all()
    if not pending:
        return 0
    redis_conn = connection(runtime.settings)
    try:
        for row in pending:
            queue(runtime.settings, row.queue, redis_conn).enqueue(
                resolve(row.function),
                args=tuple(json.loads(row.args)),
                job_id=row.job_id,
                result_ttl=86400,
            )
            with write_transaction(runtime.engine) as conn:
                conn.execute(
                    sa.update(job_outbox)
                    .where(job_outbox.c.outbox_id == row.outbox_id)
                    .values(enqueued_at=datetime.now(UTC))
                )
    finally:
        redis_conn.close()
    log.info("re-enqueued %d job(s) from the outbox", len(pending))
    return len(pending)


def outbox_pending(engine: sa.Engine) -> int:
    """How many jobs wait in the outbox."""
    with engine.connect() as conn:
        return conn.execute(
            sa.select(sa.func.count())
            .select_from(job_outbox)
            .where(job_outbox.c.enqueued_at.is_(None))
        ).scalar_one()


def _keep(
    engine: sa.Engine,
    queue_name: str,
    path: str,
    args: tuple[Any, ...],
    job_id: str,
    error: Exception,
) -> None:
    with write_transaction(engine) as conn:
        conn.execute(
            sa.insert(job_outbox).values(
                queue=queue_name,
                function=path,
                args=json.dumps(list(args)),
                job_id=job_id,
                error=str(error)[:2000],
                created_at=datetime.now(UTC),
            )
        )
