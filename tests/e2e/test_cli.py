"""The ``safeledger`` command: migrate, demo, projections, and bad settings."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from safeledger.platform.cli import main


@pytest.fixture
def cli_env(settings) -> dict[str, str]:
    env = {
        "SAFELEDGER_INSTANCE_PATH": str(settings.instance_path),
        "SAFELEDGER_SHARDS": str(settings.shards),
        "SAFELEDGER_SECRET_KEY": settings.secret_key,
    }
    if settings.hosted:
        env["SAFELEDGER_DATABASE_URL"] = settings.database_url.render_as_string(
            hide_password=False
        )
    return env


def run(env: dict[str, str], *args: str):
    return CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)


@pytest.mark.parametrize("backend", ["sqlite"])
@pytest.mark.parametrize("shards", [1, 2])
def test_demo_loads_once_and_rebuild_reproduces_the_directory(cli_env, backend, shards):
    assert run(cli_env, "migrate").exit_code == 0
    assert run(cli_env, "migrate").exit_code == 0  # migrating twice is harmless
    first = run(cli_env, "demo")
    assert first.exit_code == 0
    assert "tenant(s) added" in first.output
    again = run(cli_env, "demo")
    assert again.output.splitlines()[0] == "demo province already loaded"
    assert "principal" in again.output

    rebuilt = run(cli_env, "projections", "rebuild", "directory")
    assert rebuilt.exit_code == 0, rebuilt.output
    status = run(cli_env, "projections", "status")
    lines = [
        line for line in status.output.splitlines() if line.startswith("directory")
    ]
    assert len(lines) == shards
    assert all(line.split()[-1] == "0" for line in lines)


@pytest.mark.empty_database
def test_migrating_twice_leaves_the_store_at_head(cli_env, backend):
    assert run(cli_env, "migrate").exit_code == 0
    result = run(cli_env, "migrate")
    assert result.exit_code == 0
    assert "migrated 1 shard(s)" in result.output


@pytest.mark.parametrize("backend", ["sqlite"])
def test_an_unknown_projection_is_refused(cli_env, backend):
    result = run(cli_env, "projections", "rebuild", "nonsense")
    assert result.exit_code == 2
    assert "known projections:" in result.output
    assert "directory" in result.output


@pytest.mark.parametrize("backend", ["sqlite"])
def test_a_bad_setting_stops_the_command_naming_the_variable(cli_env, backend):
    result = run({**cli_env, "SAFELEDGER_SHARDS": "many"}, "migrate")
    assert result.exit_code == 2
    assert "SAFELEDGER_SHARDS must be a whole number" in result.output


@pytest.mark.parametrize(
    "backend", [pytest.param("postgres", marks=pytest.mark.postgres)]
)
def test_the_demo_refuses_the_hosted_store(cli_env, backend):
    run(cli_env, "migrate")
    result = run(cli_env, "demo")
    assert result.exit_code == 2
    assert "embedded store only" in result.output
