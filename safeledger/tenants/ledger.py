"""The base every aggregate of a tenant's ledger builds on.

Events are stamped from the request context (see :mod:`safeledger.tenants.context`):
the tenant whose ledger they belong to, the actor, the request, and the server's
clock as ``timestamp`` (exposed as ``recorded_at``).
"""

from __future__ import annotations

from dataclasses import field
from datetime import datetime
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate

from safeledger.tenants import context
from safeledger.tenants.errors import StaleVersionError


class LedgerAggregate(Aggregate):
    """An aggregate whose events go into one tenant's ledger (its ``tenant_id``)."""

    class Event(Aggregate.Event):
        tenant_id: UUID = field(default_factory=context.current_ledger, init=False)
        actor: str = field(default_factory=context.current_actor, init=False)
        request_id: str | None = field(
            default_factory=context.current_request_id, init=False
        )

        @staticmethod
        def create_timestamp() -> datetime:
            """The server's clock, never the client's."""
            return context.now()

        @property
        def recorded_at(self) -> datetime:
            """When the server recorded the event."""
            return self.timestamp

    class Created(Event, Aggregate.Created):
        def apply(self, aggregate: Any) -> None:
            """Remember whose ledger the aggregate belongs to."""
            aggregate.tenant_id = self.tenant_id

    def ensure_version(self, expected: int | None) -> None:
        """Refuse a command written against a version that is no longer current."""
        if expected is not None and expected != self.version:
            raise StaleVersionError(
                f"expected version {expected}, but the record is at version "
                f"{self.version}; reload it and try again"
            )
