"""``safeledger migrate``: bring the store and the read models to head.

The only code that creates tables: web and job workers run with CREATE_TABLE off.
"""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config

from safeledger.platform.settings import Settings, ensure_instance, shard_schema
from safeledger.platform.store.append_only import protect
from safeledger.platform.store.row_security import apply_row_level_security
from safeledger.tenants.application import Ledger


def migrations_folder() -> Path:
    """Where the migrations are: inside the installed package, or in a checkout
    the top-level ``migrations/`` folder beside it."""
    package = Path(__file__).resolve().parents[1]
    installed = package / "migrations"
    return installed if installed.is_dir() else package.parent / "migrations"


MIGRATIONS = migrations_folder()


def migrate(settings: Settings, engine: sa.Engine) -> None:
    """Create every shard's event tables and upgrade the read models to head."""
    ensure_instance(settings)
    for shard in range(settings.shards):
        if settings.hosted:
            with engine.begin() as conn:
                conn.execute(
                    sa.text(f'CREATE SCHEMA IF NOT EXISTS "{shard_schema(shard)}"')
                )
        # Constructing the application with CREATE_TABLE on creates its tables.
        ledger = Ledger(env=settings.event_store_env(shard, create_table=True))
        table = ledger.recorder.events_table_name  # type: ignore[attr-defined]
        ledger.close()
        if settings.hosted:
            with engine.begin() as conn:
                protect(conn, shard_schema(shard), table)
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "head")
        if conn.dialect.name == "postgresql":
            apply_row_level_security(conn)


def alembic_config(conn: sa.Connection) -> Config:
    """Alembic's configuration, migrating through ``conn``."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = conn
    return config
