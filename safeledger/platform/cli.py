"""The ``safeledger`` command: migrate, serve, run projections, load the demo."""

from __future__ import annotations

import logging
import signal
from functools import cached_property
from typing import Any

import click

from safeledger.platform.settings import Settings, SettingsError
from safeledger.tenants import context

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

    app = create_app(obj.settings)
    runtime = app.extensions["safeledger"]
    if obj.settings.projections_in_process:
        runtime.start_projector()
    try:
        app.run(host=host, port=port, use_reloader=False, threaded=True)
    finally:
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
    from safeledger.platform.projector import status

    for lag in status(obj.settings, obj.runtime.engine):
        click.echo(
            f"{lag.projection:<16} {lag.application:<12} "
            f"position {lag.position:>10}  pending {lag.pending:>8}"
        )


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
    from safeledger.platform.demo import load_demo
    from safeledger.platform.projector import PROJECTIONS, catch_up

    if obj.settings.hosted:
        raise click.UsageError("the demo province is for the embedded store only")
    with context.acting_as("system:demo"):
        added = load_demo(obj.runtime.store)
    # The read models show the whole demo before anyone looks at it.
    for name in PROJECTIONS:
        catch_up(obj.settings, obj.runtime.engine, name)
    click.echo(
        f"demo province: {added} tenant(s) added"
        if added
        else "demo province already loaded"
    )
