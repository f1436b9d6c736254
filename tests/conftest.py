"""Fixtures: one platform per test, on SQLite and on PostgreSQL alike.

PostgreSQL tests get a database of their own, dropped afterwards: empty
(``postgres_url``) or, for a platform, cloned from a template migrated once per
session and shard count (``CREATE DATABASE ... TEMPLATE``), which is quicker than
migrating each; SQLite platforms start from copies of files migrated once per
session. Without a server they skip on a laptop, and fail under CI (``CI`` set),
where one must run.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
import pytest
from argon2 import PasswordHasher
from flask import Flask
from flask.testing import FlaskClient

from safeledger.platform.app import create_app
from safeledger.platform.auth import accounts, tokens
from safeledger.platform.auth.accounts import create_user
from safeledger.platform.migrate import migrate
from safeledger.platform.runtime import Runtime
from safeledger.platform.settings import Settings, ensure_instance
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


def database_url(name: str) -> str:
    """The URL of database ``name`` on the test server."""
    return POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"


def postgres_admin() -> psycopg.Connection:
    """An autocommit connection to the server's maintenance database, or a skip."""
    try:
        return psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as error:
        service_missing("PostgreSQL", error)
        raise


@contextmanager
def own_database(template: str | None = None) -> Iterator[str]:
    """A database of the test's own (a copy of ``template``), dropped afterwards."""
    name = f"safeledger_test_{uuid.uuid4().hex[:12]}"
    copy = f' TEMPLATE "{template}"' if template else ""
    with postgres_admin() as admin:
        admin.execute(f'CREATE DATABASE "{name}"{copy}')
        try:
            yield database_url(name)
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database, dropped after the test."""
    with own_database() as url:
        yield url


class Templates:
    """Migrated template databases of this session, one per shard count."""

    def __init__(self, tmp: Path) -> None:
        self.tmp = tmp
        self.names: dict[int, str] = {}

    def for_shards(self, shards: int) -> str:
        """The template for ``shards`` shards, migrated on first use."""
        if shards not in self.names:
            name = f"safeledger_template_{uuid.uuid4().hex[:12]}"
            with postgres_admin() as admin:
                admin.execute(f'CREATE DATABASE "{name}"')
            self.names[shards] = name  # dropped at the end even if half-migrated
            settings = Settings.from_env(
                {
                    "SAFELEDGER_INSTANCE_PATH": str(self.tmp / name),
                    "SAFELEDGER_SHARDS": str(shards),
                    "SAFELEDGER_SECRET_KEY": "test-secret-key-that-is-long-enough-1234",
                    "SAFELEDGER_DATABASE_URL": database_url(name),
                }
            )
            runtime = Runtime(settings)
            try:
                migrate(settings, runtime.engine)
            finally:
                runtime.close()  # a template must have no connections to be copied
        return self.names[shards]

    def drop(self) -> None:
        """Drop every template made."""
        if not self.names:
            return
        with postgres_admin() as admin:
            for name in self.names.values():
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def postgres_templates(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Templates]:
    """The session's migrated template databases."""
    templates = Templates(tmp_path_factory.mktemp("templates"))
    yield templates
    templates.drop()


# Databases cloned from a migrated template: the platform fixtures skip migrating.
MIGRATED_URLS: set[str] = set()


class SQLiteTemplates:
    """Instance folders migrated once per session, one per shard count."""

    def __init__(self, tmp: Path) -> None:
        self.tmp = tmp
        self.folders: dict[int, Path] = {}

    def copy_into(self, settings: Settings) -> None:
        """Give ``settings``' instance the migrated store files of its shard count."""
        if settings.shards not in self.folders:
            folder = self.tmp / f"shards-{settings.shards}"
            template = Settings.from_env(
                {
                    "SAFELEDGER_INSTANCE_PATH": str(folder),
                    "SAFELEDGER_SHARDS": str(settings.shards),
                    "SAFELEDGER_SECRET_KEY": settings.secret_key,
                }
            )
            runtime = Runtime(template)
            try:
                migrate(template, runtime.engine)
            finally:
                runtime.close()  # every file complete on disk, none open
            self.folders[settings.shards] = folder
        ensure_instance(settings)
        for source in self.folders[settings.shards].glob("*.sqlite*"):
            shutil.copyfile(source, settings.instance_path / source.name)


@pytest.fixture(scope="session")
def sqlite_templates(tmp_path_factory: pytest.TempPathFactory) -> SQLiteTemplates:
    """The session's migrated SQLite store files."""
    return SQLiteTemplates(tmp_path_factory.mktemp("sqlite-templates"))


@pytest.fixture(autouse=True, scope="session")
def quick_password_hashes() -> Iterator[None]:
    """Argon2id at its smallest cost: the tests make hundreds of accounts, and the
    hash is the same algorithm, verified the same way, at any cost."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(
            accounts,
            "HASHER",
            PasswordHasher(time_cost=1, memory_cost=8, parallelism=1),
        )
        yield


@pytest.fixture
def migrated_postgres_url(postgres_templates: Templates, shards: int) -> Iterator[str]:
    """A PostgreSQL database at head for ``shards`` shards, dropped after the test."""
    with own_database(postgres_templates.for_shards(shards)) as url:
        MIGRATED_URLS.add(url)
        try:
            yield url
        finally:
            MIGRATED_URLS.discard(url)


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
        empty = request.node.get_closest_marker("empty_database") is not None
        env["SAFELEDGER_DATABASE_URL"] = request.getfixturevalue(
            "postgres_url" if empty else "migrated_postgres_url"
        )
    return Settings.from_env(env)


def migrated(
    settings: Settings, runtime: Runtime, sqlite_templates: SQLiteTemplates
) -> None:
    """Bring the test's store to head: a clone or copy of one at head if it can."""
    url = settings.database_url.render_as_string(hide_password=False)
    if settings.hosted and url in MIGRATED_URLS:
        ensure_instance(settings)
    elif (
        not settings.hosted
        and not settings.instance_path.exists()
        and settings.database_url.database
        == str(settings.instance_path / "readmodels.sqlite")
    ):
        sqlite_templates.copy_into(settings)
    else:
        migrate(settings, runtime.engine)


@pytest.fixture
def runtime(settings: Settings, sqlite_templates: SQLiteTemplates) -> Iterator[Runtime]:
    """A migrated platform runtime without the web app."""
    runtime = Runtime(settings)
    migrated(settings, runtime, sqlite_templates)
    yield runtime
    runtime.close()


@pytest.fixture
def app(settings: Settings, sqlite_templates: SQLiteTemplates) -> Iterator[Flask]:
    """The web app on a migrated store, with its projections running in-process."""
    app = create_app(settings, test_config={"TESTING": True})
    runtime: Runtime = app.extensions["safeledger"]
    migrated(settings, runtime, sqlite_templates)
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
