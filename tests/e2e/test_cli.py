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


@pytest.mark.parametrize("backend", ["sqlite"])
def test_users_create_gives_a_role_and_a_one_time_password(cli_env, backend, tmp_path):
    from safeledger.platform.demo import demo_province_id

    assert run(cli_env, "migrate").exit_code == 0
    assert run(cli_env, "demo").exit_code == 0
    province = str(demo_province_id())
    made = run(
        cli_env,
        *("users", "create", "--username", "13900000000", "--display-name", "周科长"),
        *("--tenant", province, "--role", "inspector", "--expires", "2031-06-30"),
    )
    assert made.exit_code == 0, made.output
    assert "13900000000 created" in made.output
    assert "one-time password (shown once): " in made.output
    again = run(
        cli_env,
        *("users", "create", "--username", "13900000000", "--display-name", "x"),
        *("--tenant", province, "--role", "inspector"),
    )
    assert again.exit_code == 2 and "taken" in again.output


@pytest.mark.parametrize("backend", ["sqlite"])
def test_import_principals_names_the_bad_line_and_creates_nothing(
    cli_env, backend, tmp_path
):
    from safeledger.tenants.hierarchy import tenant_id_for

    assert run(cli_env, "migrate").exit_code == 0
    assert run(cli_env, "demo").exit_code == 0
    county = str(tenant_id_for("990101", tenant_id_for("99", None)))
    bad = tmp_path / "bad.csv"
    bad.write_text("school_code,display_name,username\n99010101,甲,jia\nzz,乙,yi\n")
    refused = run(cli_env, "users", "import-principals", str(bad), "--county", county)
    assert refused.exit_code == 1 and "bad.csv:line 3" in refused.output
    good = tmp_path / "good.csv"
    good.write_text("school_code,display_name,username\n99010101,甲,jia\n")
    made = run(cli_env, "users", "import-principals", str(good), "--county", county)
    assert made.exit_code == 0 and made.output.startswith("jia\t")


@pytest.mark.parametrize("backend", ["sqlite"])
def test_jobs_run_runs_a_scheduled_job_once_by_name(cli_env, backend):
    assert run(cli_env, "migrate").exit_code == 0
    listed = run(cli_env, "jobs", "list")
    assert "sweep_hazards" in listed.output and "every 300 s" in listed.output
    swept = run(cli_env, "jobs", "run", "sweep_hazards")
    assert swept.exit_code == 0, swept.output
    assert swept.output.startswith("sweep_hazards: {'overdue': 0")
    unknown = run(cli_env, "jobs", "run", "sweep_everything")
    assert unknown.exit_code == 2 and "known: " in unknown.output
