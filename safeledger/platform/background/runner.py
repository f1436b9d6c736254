"""The context every job runs in: a runtime, an actor, and its job id in the logs.

Inline (embedded) jobs use the runtime of the process that enqueued them; a worker
builds one from the environment on first use — after the fork, since the worker's
own process never runs a job — and keeps it for the jobs that follow.
"""

from __future__ import annotations

import functools
import logging
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

from safeledger.platform.runtime import Runtime
from safeledger.platform.settings import Settings
from safeledger.tenants import context

F = TypeVar("F", bound=Callable[..., Any])

_runtime: ContextVar[Runtime | None] = ContextVar(
    "safeledger_job_runtime", default=None
)
_job_id: ContextVar[str | None] = ContextVar("safeledger_job_id", default=None)
_process_runtime: dict[int, Runtime] = {}


class JobIdFilter(logging.Filter):
    """Adds ``job_id`` to every log record made while a job runs."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Stamp the record; never drops it."""
        record.job_id = _job_id.get() or "-"
        return True


def current_runtime() -> Runtime:
    """The runtime of the job that is running (built from the environment if none)."""
    runtime = _runtime.get()
    if runtime is not None:
        return runtime
    pid = os.getpid()
    if pid not in _process_runtime:
        _process_runtime.clear()  # a forked child never reuses its parent's pools
        _process_runtime[pid] = Runtime(Settings.from_env())
    return _process_runtime[pid]


@contextmanager
def using_runtime(runtime: Runtime, job_id: str | None = None) -> Iterator[None]:
    """Run jobs called in the block inline, with ``runtime`` (and as ``job_id``)."""
    tokens = (_runtime.set(runtime), _job_id.set(job_id))
    try:
        yield
    finally:
        _runtime.reset(tokens[0])
        _job_id.reset(tokens[1])


def current_job_id() -> str | None:
    """The id of the running RQ job, or of the inline call."""
    if _job_id.get() is not None:
        return _job_id.get()
    from rq import get_current_job

    job = get_current_job()
    return job.id if job is not None else None


def job(actor: str) -> Callable[[F], F]:
    """Run the job function as ``actor``, with its job id on events and logs."""

    def decorate(func: F) -> F:
        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            job_id = current_job_id()
            token = _job_id.set(job_id)
            try:
                with context.acting_as(actor, request_id=job_id):
                    return func(*args, **kwargs)
            finally:
                _job_id.reset(token)

        return wrapper  # type: ignore[return-value]

    return decorate
