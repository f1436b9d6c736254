"""Real processes for the background-work tests: a private redis-server, rq
workers and rq cron, started with SAFELEDGER_* settings like the deployment's."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import redis

from safeledger.platform.background.serializer import SERIALIZER_PATH
from safeledger.platform.runtime import Runtime
from safeledger.platform.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
RQ = str(Path(sys.executable).parent / "rq")
SCHEDULE = "safeledger.platform.background.schedule"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class PrivateRedis:
    """A redis-server of the test's own, that it may stop and start at will."""

    def __init__(self, binary: str) -> None:
        self.binary, self.port = binary, free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                *(self.binary, "--port", str(self.port), "--bind", "127.0.0.1"),
                *("--save", "", "--appendonly", "no", "--daemonize", "no"),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        client = redis.Redis.from_url(self.url)
        try:
            wait_for(lambda: _pings(client), 10, "redis-server to start")
        finally:
            client.close()

    def stop(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            self.process = None


def _pings(client: redis.Redis) -> bool:
    try:
        return bool(client.ping())
    except redis.exceptions.ConnectionError:
        return False


def wait_for(check: Callable[[], Any], seconds: float, what: str) -> Any:
    deadline = time.monotonic() + seconds
    while True:
        result = check()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.2)


def rq_settings(settings: Settings, redis_url: str) -> Settings:
    """The test's settings with jobs on RQ at ``redis_url``."""
    return Settings.from_env(process_env(settings, redis_url))


def process_env(settings: Settings, redis_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SAFELEDGER_")}
    env |= {
        "SAFELEDGER_INSTANCE_PATH": str(settings.instance_path),
        "SAFELEDGER_SHARDS": str(settings.shards),
        "SAFELEDGER_SECRET_KEY": settings.secret_key,
        "SAFELEDGER_REDIS_URL": redis_url,
        "SAFELEDGER_JOBS": "rq",
    }
    if settings.webhook_allowed_networks:
        allowed = ",".join(settings.webhook_allowed_networks)
        env["SAFELEDGER_WEBHOOK_ALLOWED_NETWORKS"] = allowed
    if settings.hosted:
        env["SAFELEDGER_DATABASE_URL"] = settings.database_url.render_as_string(
            hide_password=False
        )
    return env


@contextmanager
def processes(commands: list[list[str]], env: dict[str, str]) -> Iterator[None]:
    """Run ``commands`` until the block ends, then stop them."""
    started = [
        subprocess.Popen(
            command,
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for command in commands
    ]
    try:
        yield
    finally:
        for process in started:
            process.terminate()
        for process in started:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def worker(redis_url: str, *, scheduler: bool = False) -> list[str]:
    """An ``rq worker`` on every SafeLedger queue, speaking JSON."""
    command = [RQ, "worker", "--url", redis_url, "--serializer", SERIALIZER_PATH]
    if scheduler:
        command.append("--with-scheduler")
    return [*command, "sweeps", "notifications", "exports"]


def cron(redis_url: str) -> list[str]:
    """``rq cron`` with SafeLedger's schedule."""
    return [RQ, "cron", "--url", redis_url, SCHEDULE]


def queues_drained(redis_url: str) -> bool:
    """No job waiting or running on any queue."""
    from rq import Queue

    from safeledger.platform.background.queues import QUEUES

    client = redis.Redis.from_url(redis_url)
    try:
        for name in QUEUES:
            q = Queue(name, connection=client)
            if q.count or q.started_job_registry.count:
                return False
        return True
    finally:
        client.close()


def rq_runtime(settings: Settings, redis_url: str) -> Runtime:
    return Runtime(rq_settings(settings, redis_url))
