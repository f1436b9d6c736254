"""The read-model database: engine construction and the tables Alembic owns."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from safeledger.platform.auth import tables as auth_tables
from safeledger.platform.background import tables as background_tables
from safeledger.platform.evidence import tables as evidence_tables
from safeledger.platform.settings import Settings
from safeledger.platform.store import tables as store_tables
from safeledger.projections import registry
from safeledger.projections.schema import metadata

# Every module that defines tables on the shared metadata, so Alembic sees them all:
# the platform's own, and (through the registry) every projection's.
TABLE_MODULES = (
    store_tables,
    evidence_tables,
    auth_tables,
    background_tables,
    registry,
)


def create_engine(settings: Settings, **kwargs: Any) -> sa.Engine:
    """An engine for the read models; connects on first use, not here."""
    url = settings.database_url
    if url.get_backend_name() == "sqlite":
        engine = sa.create_engine(
            url,
            connect_args={"timeout": 30, "check_same_thread": False},
            **kwargs,
        )
        _sqlite_transactions(engine)
        return engine
    return sa.create_engine(url, pool_pre_ping=True, **kwargs)


def _sqlite_transactions(engine: sa.Engine) -> None:
    # pysqlite begins transactions lazily and deferred; SQLAlchemy's documented
    # recipe takes BEGIN into our hands, so a writer can ask for BEGIN IMMEDIATE and
    # never fail half-way with "database is locked" after reading a stale snapshot.
    @sa.event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @sa.event.listens_for(engine, "begin")
    def _begin(conn: sa.Connection) -> None:
        immediate = conn.get_execution_options().get("sqlite_immediate")
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


__all__ = ["TABLE_MODULES", "create_engine", "metadata"]
