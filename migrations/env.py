"""Alembic environment: runs with the connection ``safeledger migrate`` hands over."""

from __future__ import annotations

from alembic import context

from safeledger.platform.db import metadata


def run_migrations_online() -> None:
    """Migrate through the connection in ``config.attributes``."""
    connection = context.config.attributes["connection"]
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise SystemExit("SafeLedger migrates online only: run `safeledger migrate`")
run_migrations_online()
