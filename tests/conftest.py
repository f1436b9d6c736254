"""Fixtures: one platform per test, on SQLite and on PostgreSQL alike.

PostgreSQL tests create a database of their own and drop it afterwards. Without a
server they skip on a laptop, and fail under CI (``CI`` set), where one must run.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import psycopg
import pytest
from flask import Flask
from flask.testing import FlaskClient

from safeledger.platform.app import create_app
from safeledger.platform.auth import tokens
from safeledger.platform.auth.accounts import create_user
from safeledger.platform.migrate import migrate
from safeledger.platform.runtime import Runtime
from safeledger.platform.settings import Settings
from safeledger.tenants import context

POSTGRES_ADMIN_URL = os.environ.get(
    "SAFELEDGER_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/postgres"
)
IN_CI = bool(os.environ.get("CI"))


def service_missing(what: str, error: Exception) -> None:
    """Skip on a laptop; fail under CI, where the service must be running."""
    message = f"{what} is unreachable: {error}"
    if IN_CI:
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database, dropped after the test."""
    name = f"safeledger_test_{uuid.uuid4().hex[:12]}"
    try:
        admin = psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as error:
        service_missing("PostgreSQL", error)
    with admin:
        admin.execute(f'CREATE DATABASE "{name}"')
        try:
            yield POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def redis_server() -> str:
    """Where ``redis-server`` is, to start private servers; CI must have one."""
    import shutil
    import subprocess

    binary = shutil.which("redis-server")
    if binary is None:
        service_missing("Redis", FileNotFoundError("redis-server is not installed"))
    probe = subprocess.run(
        ["redis-cli", "-h", "127.0.0.1", "-p", "6379", "ping"],
        capture_output=True,
        text=True,
        check=False,
    )
    if probe.stdout.strip() != "PONG":
        service_missing("Redis", ConnectionError(probe.stderr or probe.stdout))
    return binary


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def backend(request: pytest.FixtureRequest) -> str:
    """Which store the test runs on."""
    return request.param


@pytest.fixture
def shards() -> int:
    """How many shards the store has; parametrize to change."""
    return 1


@pytest.fixture
def settings(
    backend: str,
    shards: int,
    tmp_path: os.PathLike[str],
    request: pytest.FixtureRequest,
) -> Settings:
    """Settings for an isolated platform on ``backend`` with ``shards`` shards."""
    env = {
        "SAFELEDGER_INSTANCE_PATH": str(tmp_path) + "/instance",
        "SAFELEDGER_SHARDS": str(shards),
        "SAFELEDGER_SECRET_KEY": "test-secret-key-that-is-long-enough-1234",
    }
    if backend == "postgres":
        env["SAFELEDGER_DATABASE_URL"] = request.getfixturevalue("postgres_url")
    return Settings.from_env(env)


@pytest.fixture
def runtime(settings: Settings) -> Iterator[Runtime]:
    """A migrated platform runtime without the web app."""
    runtime = Runtime(settings)
    migrate(settings, runtime.engine)
    yield runtime
    runtime.close()


@pytest.fixture
def app(settings: Settings) -> Iterator[Flask]:
    """The web app on a migrated store, with its projections running in-process."""
    app = create_app(settings, test_config={"TESTING": True})
    runtime: Runtime = app.extensions["safeledger"]
    migrate(settings, runtime.engine)
    runtime.start_projector()
    yield app
    runtime.close()


def bearer_client(
    app: Flask, username: str, *, platform_admin: bool = False
) -> FlaskClient:
    """A test client that calls the API as a new user, with a token of theirs."""
    engine = app.extensions["safeledger"].engine
    user = create_user(
        engine, username, "a-long-test-password", platform_admin=platform_admin
    )
    secret, _ = tokens.issue(engine, user.user_id, "tests")
    client = app.test_client()
    client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {secret}"
    return client


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """A test client of the web app, calling as a platform admin."""
    return bearer_client(app, "test-admin", platform_admin=True)


@pytest.fixture
def anonymous(app: Flask) -> FlaskClient:
    """A test client with no identity at all."""
    return app.test_client()


def stored_events(runtime: Runtime) -> list:
    """Every stored event of every shard, as notifications in shard order."""
    events = []
    for shard in range(runtime.settings.shards):
        recorder = runtime.store.shard(shard).recorder
        events.extend(recorder.select_notifications(start=None, limit=1_000_000))
    return events


@pytest.fixture
def operator() -> Iterator[None]:
    """Commands issued directly to the store are attributed to a test operator."""
    with context.acting_as("test:operator"):
        yield
