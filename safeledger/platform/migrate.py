"""``safeledger migrate``: bring the store and the read models to head.

The only code that creates tables: web and job workers run with CREATE_TABLE off.
"""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config

from safeledger.platform.settings import Settings, ensure_instance, shard_schema
from safeledger.tenants.application import Ledger

MIGRATIONS = Path(__file__).resolve().parents[2] / "migrations"


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
        Ledger(env=settings.event_store_env(shard, create_table=True)).close()
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "head")


def alembic_config(conn: sa.Connection) -> Config:
    """Alembic's configuration, migrating through ``conn``."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = conn
    return config
