"""The ``safeledger`` command: migrate, serve, run projections, load the demo."""

from __future__ import annotations

import logging
import signal
from functools import cached_property
from typing import Any

import click

from safeledger.platform.evidence.cli import evidence
from safeledger.platform.settings import Settings, SettingsError
from safeledger.tenants import context
from safeledger.tenants.access import GRANTABLE
from safeledger.tenants.values import CHINA_TIME
from safeledger.witness.cli import witness

CLI_ACTOR = "cli:operator"


class Obj:
    """Settings read once per invocation, so a bad one fails before any work."""

    def __init__(self) -> None:
        try:
            self.settings = Settings.from_env()
        except SettingsError as error:
            raise click.UsageError(f"bad setting: {error}") from None

    @cached_property
    def runtime(self) -> Any:
        from safeledger.platform.runtime import Runtime

        runtime = Runtime(self.settings)
        click.get_current_context().call_on_close(runtime.close)
        return runtime


@click.group()
@click.pass_context
def main(ctx: click.Context) -> None:
    """SafeLedger: the safety ledger of a province's schools."""
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    logging.getLogger("alembic").setLevel(logging.WARNING)
    ctx.obj = Obj()


@main.command()
@click.pass_obj
def migrate(obj: Obj) -> None:
    """Create the store's tables and bring the read models to head."""
    from safeledger.platform.migrate import migrate as run

    runtime = obj.runtime
    run(obj.settings, runtime.engine)
    where = "PostgreSQL" if obj.settings.hosted else str(obj.settings.instance_path)
    click.echo(f"migrated {obj.settings.shards} shard(s) and the read models ({where})")


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.pass_obj
def serve(obj: Obj, host: str, port: int) -> None:
    """Serve the console and API with the development server (embedded mode)."""
    from safeledger.platform.app import create_app
    from safeledger.platform.scheduler import EmbeddedScheduler

    app = create_app(obj.settings)
    runtime = app.extensions["safeledger"]
    if obj.settings.projections_in_process:
        runtime.start_projector()
    scheduler = EmbeddedScheduler(runtime)
    if obj.settings.scheduler:
        scheduler.start()
    try:
        app.run(host=host, port=port, use_reloader=False, threaded=True)
    finally:
        scheduler.stop()
        runtime.close()


@main.command()
@click.pass_obj
def projector(obj: Obj) -> None:
    """Run every projection on every shard until interrupted (hosted mode)."""
    from safeledger.platform.projector import Projector

    runtime = obj.runtime
    worker = Projector(obj.settings, runtime.engine)
    signal.signal(signal.SIGTERM, lambda *_: worker.stop())
    click.echo(f"following {obj.settings.shards} shard(s); Ctrl-C to stop")
    try:
        worker.run_forever()
    except KeyboardInterrupt:
        worker.stop()


@main.group()
def projections() -> None:
    """Inspect and rebuild the read models."""


@projections.command("status")
@click.pass_obj
def projections_status(obj: Obj) -> None:
    """Show each projection's position and pending events per shard."""
    from safeledger.platform.projection_failures import stuck
    from safeledger.platform.projector import status

    for lag in status(obj.settings, obj.runtime.engine):
        click.echo(
            f"{lag.projection:<20} {lag.application:<12} "
            f"position {lag.position:>10}  pending {lag.pending:>8}"
        )
    failures = stuck(obj.runtime.engine)
    for failure in failures:
        click.echo(
            f"FAILING {failure.projection} on {failure.application}: the event after "
            f"position {failure.position} fails ({failure.attempts} attempts): "
            f"{failure.error}"
        )
    if failures:
        raise SystemExit(1)


@projections.command("rebuild")
@click.argument("name")
@click.pass_obj
def projections_rebuild(obj: Obj, name: str) -> None:
    """Empty projection NAME and replay every shard into it (stop projectors first)."""
    from safeledger.platform.projector import PROJECTIONS, rebuild

    if name not in PROJECTIONS:
        raise click.BadParameter(f"known projections: {', '.join(sorted(PROJECTIONS))}")
    count = rebuild(obj.settings, obj.runtime.engine, name)
    click.echo(f"rebuilt {name} from {count} event(s)")


@main.command()
@click.pass_obj
def demo(obj: Obj) -> None:
    """Load the demo province (does nothing if it is already there)."""
    from safeledger.platform.demo import DEMO_PASSWORD, load_demo, load_demo_users
    from safeledger.platform.projector import PROJECTIONS, catch_up

    if obj.settings.hosted:
        raise click.UsageError("the demo province is for the embedded store only")
    runtime = obj.runtime
    with context.acting_as("system:demo"):
        added = load_demo(runtime.store)
        catch_up(obj.settings, runtime.engine, "directory")
        users = load_demo_users(runtime.store, runtime.engine)
    # The read models show the whole demo before anyone looks at it.
    for name in PROJECTIONS:
        catch_up(obj.settings, runtime.engine, name)
    click.echo(
        f"demo province: {added} tenant(s) added"
        if added
        else "demo province already loaded"
    )
    click.echo(f"demo users (password {DEMO_PASSWORD!r}, sign in at /console/login):")
    for username, role in users:
        click.echo(f"  {username:<16} {role}")


@main.group("import")
def import_() -> None:
    """Bulk imports, checked line by line before anything is recorded."""


@import_.command("schools")
@click.argument("file", type=click.File("r", encoding="utf-8-sig"))
@click.option("--county", "county_id", required=True, type=click.UUID, help="tenant id")
@click.pass_obj
def import_schools(obj: Obj, file: Any, county_id: Any) -> None:
    """Register the schools listed in FILE (CSV: code,name,school_type,boarding)."""
    from safeledger.platform.background import jobs
    from safeledger.platform.background.imports import (
        ImportRefusedError,
        check_schools,
    )
    from safeledger.platform.background.imports import import_schools as job

    text, runtime = file.read(), obj.runtime
    try:
        rows = check_schools(runtime.store, county_id, text)
    except ImportRefusedError as refused:
        for error in refused.errors:
            click.echo(f"{file.name}:{error}", err=True)
        raise click.exceptions.Exit(1) from None
    job_id = jobs.start(runtime, job, str(county_id), text, CLI_ACTOR)
    click.echo(f"{len(rows)} school(s) to register; job {job_id}")


@main.group()
def users() -> None:
    """Manage accounts."""


@users.command("create-admin")
@click.option("--username", required=True)
@click.option("--display-name", default="")
@click.option("--password-stdin", is_flag=True, help="read the password from stdin")
@click.pass_obj
def create_admin(
    obj: Obj, username: str, display_name: str, password_stdin: bool
) -> None:
    """Create a platform admin account (the only way to make one)."""
    from safeledger.platform.auth.accounts import create_user
    from safeledger.tenants.errors import DomainError

    if password_stdin:
        password = click.get_text_stream("stdin").readline().rstrip("\n")
    else:
        password = click.prompt("password", hide_input=True, confirmation_prompt=True)
    try:
        user = create_user(
            obj.runtime.engine, username, password, display_name, platform_admin=True
        )
    except DomainError as error:
        raise click.UsageError(error.message) from None
    click.echo(f"platform admin {user.username} created ({user.user_id})")


@users.command("create")
@click.option("--username", required=True, help="a phone or staff number")
@click.option("--display-name", required=True)
@click.option("--tenant", "tenant_id", required=True, type=click.UUID)
@click.option(
    "--role",
    required=True,
    type=click.Choice(sorted(r.value for r in GRANTABLE)),
)
@click.option("--expires", type=click.DateTime(["%Y-%m-%d"]), help="a time-boxed grant")
@click.option("--password-stdin", is_flag=True, help="read the password from stdin")
@click.pass_obj
def create_user_command(
    obj: Obj,
    username: str,
    display_name: str,
    tenant_id: Any,
    role: str,
    expires: Any,
    password_stdin: bool,
) -> None:
    """Create an account with a role on a tenant (a one-time password if none given)."""
    from safeledger.platform.auth import management
    from safeledger.tenants.errors import DomainError

    password = (
        click.get_text_stream("stdin").readline().rstrip("\n")
        if password_stdin
        else management.one_time_password()
    )
    expires_at = expires.replace(tzinfo=CHINA_TIME) if expires else None
    runtime = obj.runtime
    try:
        with context.acting_as(CLI_ACTOR):
            user, _done = management.create_account(
                runtime.engine,
                runtime.store.for_tenant(tenant_id),
                tenant_id,
                username=username,
                display_name=display_name,
                password=password,
                role=role,
                expires_at=expires_at,
            )
    except DomainError as error:
        raise click.UsageError(error.message) from None
    click.echo(f"{user.username} created ({user.user_id}) as {role}")
    if not password_stdin:
        click.echo(f"one-time password (shown once): {password}")


@users.command("import-principals")
@click.argument("file", type=click.File("r", encoding="utf-8-sig"))
@click.option("--county", "county_id", required=True, type=click.UUID, help="tenant id")
@click.pass_obj
def import_principals(obj: Obj, file: Any, county_id: Any) -> None:
    """Create a county's principals from FILE (school_code,display_name,username)."""
    import sqlalchemy as sa

    from safeledger.platform.auth.principals import (
        PrincipalsFileError,
        check_principals,
        create_principals,
    )
    from safeledger.projections.directory.tables import directory_tenants as d

    runtime = obj.runtime
    with runtime.engine.connect() as conn:
        path = conn.execute(
            sa.select(d.c.path).where(d.c.tenant_id == county_id)
        ).scalar()
        if path is None:
            raise click.BadParameter(f"no tenant {county_id}", param_hint="--county")
        try:
            lines = check_principals(conn, path, file.read())
        except PrincipalsFileError as refused:
            for error in refused.errors:
                click.echo(f"{file.name}:{error}", err=True)
            raise click.exceptions.Exit(1) from None
    with context.acting_as(CLI_ACTOR):
        made = create_principals(runtime.engine, runtime.store, lines)
    for row in made:
        shown = row["password"] or "(as given)"
        click.echo(f"{row['username']}\t{row['school']}\t{shown}")


@main.group()
def jobs() -> None:
    """Scheduled jobs: list them, or run one now."""


@jobs.command("list")
def jobs_list() -> None:
    """List the scheduled jobs and when they run."""
    from safeledger.platform.scheduler import scheduled

    for entry in scheduled():
        when = f"every {entry.interval:g} s" if entry.interval else entry.cron
        click.echo(f"{entry.name:<24} {when}")


@jobs.command("run")
@click.argument("name")
@click.pass_obj
def jobs_run(obj: Obj, name: str) -> None:
    """Run the scheduled job NAME once, now, in this process."""
    from safeledger.platform.scheduler import find, run_once

    try:
        entry = find(name)
    except KeyError as error:
        raise click.BadParameter(error.args[0], param_hint="NAME") from None
    click.echo(f"{name}: {run_once(obj.runtime, entry)}")


main.add_command(evidence)
main.add_command(witness)
