"""The store: one ledger application per shard, and the tenant → shard lookup.

Applications are built on first use, so processes that fork (gunicorn, RQ) build
them after the fork. All of a tenant's events live in one shard.
"""

from __future__ import annotations

import threading
from uuid import UUID

import sqlalchemy as sa

from safeledger.platform.settings import Settings
from safeledger.platform.store.tables import tenant_shards
from safeledger.projections.schema import write_transaction
from safeledger.tenants.application import Ledger, TenantNotFoundError, ancestors_of
from safeledger.tenants.hierarchy import Tenant


class Store:
    """Every shard of the store; also the tenant locator the ledgers share."""

    def __init__(self, settings: Settings, engine: sa.Engine) -> None:
        self.settings = settings
        self.engine = engine
        self._ledgers: dict[int, Ledger] = {}
        self._lock = threading.Lock()

    def shard(self, shard: int) -> Ledger:
        """The ledger application of ``shard``, built on first use."""
        with self._lock:
            ledger = self._ledgers.get(shard)
            if ledger is None:
                ledger = Ledger(env=self.settings.event_store_env(shard))
                ledger.locator = self
                self._ledgers[shard] = ledger
            return ledger

    def for_tenant(self, tenant_id: UUID) -> Ledger:
        """The ledger application holding ``tenant_id``'s ledger."""
        with self.engine.connect() as conn:
            shard = conn.execute(
                sa.select(tenant_shards.c.shard).where(
                    tenant_shards.c.tenant_id == tenant_id
                )
            ).scalar_one_or_none()
        if shard is None:
            raise TenantNotFoundError(f"no tenant with id {tenant_id}")
        return self.shard(shard)

    @property
    def registrar(self) -> Ledger:
        """The ledger application that registers new tenants (it places them)."""
        return self.shard(0)

    def get_tenant(self, tenant_id: UUID) -> Tenant:
        """Any tenant, from whichever shard holds it."""
        return self.for_tenant(tenant_id).get_tenant(tenant_id)

    def ancestors_of(self, tenant: Tenant) -> list[UUID]:
        """Ids of the tenant's ancestors, nearest first."""
        return ancestors_of(self, tenant)

    def close(self) -> None:
        """Close every application's connections."""
        with self._lock:
            for ledger in self._ledgers.values():
                ledger.close()
            self._ledgers.clear()

    def place(self, tenant_id: UUID) -> Ledger:
        """The ledger application a new tenant goes into, recorded in the lookup."""
        return self.shard(self._place(tenant_id))

    def _place(self, tenant_id: UUID) -> int:
        # An existing placement stands (a retry, or a duplicate code that the
        # ledger will refuse); a new tenant goes to the least populated shard.
        with write_transaction(self.engine) as conn:
            placed = conn.execute(
                sa.select(tenant_shards.c.shard).where(
                    tenant_shards.c.tenant_id == tenant_id
                )
            ).scalar_one_or_none()
            if placed is not None:
                return placed
            counts = dict(
                conn.execute(
                    sa.select(tenant_shards.c.shard, sa.func.count()).group_by(
                        tenant_shards.c.shard
                    )
                ).all()
            )
            shard = min(
                range(self.settings.shards), key=lambda s: (counts.get(s, 0), s)
            )
            insert = _insert_ignoring_conflict(conn).values(
                tenant_id=tenant_id, shard=shard
            )
            conn.execute(insert)
            return conn.execute(
                sa.select(tenant_shards.c.shard).where(
                    tenant_shards.c.tenant_id == tenant_id
                )
            ).scalar_one()


def _insert_ignoring_conflict(conn: sa.Connection) -> sa.Insert:
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert(tenant_shards).on_conflict_do_nothing(index_elements=["tenant_id"])
