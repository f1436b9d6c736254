"""What every family's commands share: loading, changing and creating aggregates.

The mixins run inside :class:`safeledger.tenants.application.Ledger`, an
``eventsourcing`` Application; this base holds the one translation of the
library's errors into the domain's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError
from eventsourcing.persistence import RecordConflictError

from safeledger.tenants import context
from safeledger.tenants.errors import ConflictError, NotFoundError, StaleVersionError
from safeledger.tenants.hierarchy import InactiveTenantError
from safeledger.tenants.ledger import LedgerAggregate

if TYPE_CHECKING:
    from eventsourcing.application import Repository
    from eventsourcing.persistence import EventStore

    from safeledger.tenants.application import TenantLocator

A = TypeVar("A", bound=LedgerAggregate)


@dataclass(frozen=True)
class Recorded:
    """What a command appended: the aggregate, its new version, and where."""

    aggregate_id: UUID
    version: int
    application: str
    notification_id: int | None
    topics: tuple[str, ...] = ()
    # The id of a part the command made inside the aggregate (a place, an assignment).
    created_id: UUID | None = None


class RecordNotFoundError(NotFoundError):
    """No record of that kind with that id in the tenant's ledger."""


class AlreadyRecordedError(ConflictError):
    """A record with the same natural key is already in the ledger."""

    rule = "recorded_once"


class CommandBase:
    """Loading, saving and guarding aggregates for the command mixins."""

    if TYPE_CHECKING:
        name: str
        locator: TenantLocator
        repository: Repository[UUID]
        events: EventStore[UUID]

        def save(self, *objs: Any, **kwargs: Any) -> list[Any]: ...

    def load(self, cls: type[A], tenant_id: UUID, aggregate_id: UUID) -> A:
        """The tenant's aggregate of type ``cls``; another tenant's is not found."""
        label = getattr(cls, "label", cls.__name__.lower())
        missing = RecordNotFoundError(
            f"no {label} with id {aggregate_id} in this tenant", field=f"{label}_id"
        )
        try:
            aggregate = self.repository.get(aggregate_id)
        except AggregateNotFoundError:
            raise missing from None
        if not isinstance(aggregate, cls) or aggregate.tenant_id != tenant_id:
            raise missing
        return aggregate

    def change(
        self,
        cls: type[A],
        tenant_id: UUID,
        aggregate_id: UUID,
        expected_version: int | None,
        action: Callable[[A], object],
    ) -> Recorded:
        """Apply ``action`` to an aggregate written at ``expected_version``."""
        aggregate = self.load(cls, tenant_id, aggregate_id)
        aggregate.ensure_version(expected_version)
        with context.on_ledger(tenant_id):
            made = action(aggregate)
        recorded = self.record(aggregate)
        return (
            replace(recorded, created_id=made) if isinstance(made, UUID) else recorded
        )

    def create(self, tenant_id: UUID, build: Callable[[], A]) -> Recorded:
        """Build a new aggregate in an active tenant's ledger and record it."""
        tenant = self.locator.get_tenant(tenant_id)
        if not tenant.active:
            raise InactiveTenantError(
                f"{tenant.name} has been deactivated", field="tenant_id"
            )
        with context.on_ledger(tenant_id):
            aggregate = build()
        if self.exists(aggregate.id):
            raise AlreadyRecordedError(
                f"{type(aggregate).__name__} is already recorded"
            )
        return self.record(aggregate)

    def exists(self, aggregate_id: UUID) -> bool:
        """Whether any event of ``aggregate_id`` is stored."""
        return any(True for _ in self.events.get(aggregate_id, lte=1))

    def record(self, *aggregates: LedgerAggregate) -> Recorded:
        """Append the aggregates' events atomically; a concurrent writer wins."""
        try:
            recordings = self.save(*aggregates)
        except RecordConflictError:
            raise StaleVersionError(
                "the record was changed by someone else meanwhile; "
                "reload it and try again"
            ) from None
        first = aggregates[0]
        notification_id = recordings[-1].notification.id if recordings else None
        topics = tuple(r.notification.topic for r in recordings)
        return Recorded(first.id, first.version, self.name, notification_id, topics)
