"""The ledger application: command methods for the aggregates of one store shard.

A province's tenants may live in different shards; cross-tenant reads (a parent's
state, a chain of ancestors) go through a :class:`TenantLocator`, which the
platform backs with its tenant → shard lookup.
"""

from __future__ import annotations

from typing import Any, ClassVar, Protocol
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Application

from safeledger.tenants import context
from safeledger.tenants.commands.agreements import AgreementCommands
from safeledger.tenants.commands.attachments import AttachmentCommands
from safeledger.tenants.commands.base import CommandBase, Recorded
from safeledger.tenants.commands.drills import DrillCommands
from safeledger.tenants.commands.grants import GrantCommands
from safeledger.tenants.commands.grid import GridCommands
from safeledger.tenants.commands.hazards import HazardCommands
from safeledger.tenants.commands.incidents import IncidentCommands
from safeledger.tenants.commands.oversight import OversightCommands
from safeledger.tenants.commands.reads import ReadCommands
from safeledger.tenants.commands.rulesets import RulesetCommands
from safeledger.tenants.errors import NotFoundError, StaleVersionError
from safeledger.tenants.hierarchy import (
    DuplicateCodeError,
    SchoolType,
    Tenant,
    TenantKind,
    tenant_id_for,
)


class TenantNotFoundError(NotFoundError):
    """No tenant has this id."""

    field = "tenant_id"


class TenantLocator(Protocol):
    """Finds any tenant, whichever shard of the store holds it."""

    def get_tenant(self, tenant_id: UUID) -> Tenant:
        """Return the tenant or raise :class:`TenantNotFoundError`."""

    def place(self, tenant_id: UUID) -> Ledger:
        """The ledger application a new tenant's ledger goes into."""

    def ancestors_of(self, tenant: Tenant) -> list[UUID]:
        """Ids of the tenant's ancestors, nearest first."""


class Ledger(
    AgreementCommands,
    HazardCommands,
    DrillCommands,
    IncidentCommands,
    OversightCommands,
    GridCommands,
    AttachmentCommands,
    GrantCommands,
    RulesetCommands,
    ReadCommands,
    CommandBase,
    Application[UUID],
):
    """One shard of the store: the ledgers of the tenants placed on it."""

    # Tenants change a handful of times in their life: replaying them is cheap, and
    # their enum attributes would come back from a JSON snapshot as plain strings.
    snapshotting_intervals: ClassVar[dict[type[Any], int]] = {}

    def __init__(self, env: dict[str, str] | None = None) -> None:
        shard = int((env or {}).get("SAFELEDGER_SHARD", "0"))
        # The name keys each shard's position in projections' tracking records.
        self.name = f"ledger_{shard}"
        self.shard = shard
        self.locator: TenantLocator = self
        super().__init__(env)

    # -- tenants -------------------------------------------------------------

    def register_tenant(
        self,
        *,
        kind: TenantKind,
        code: str,
        name: str,
        parent_id: UUID | None,
        school_type: SchoolType | None = None,
        boarding: bool = False,
    ) -> Recorded:
        """Register a tenant under ``parent_id``, in the shard the locator picks."""
        parent = self.locator.get_tenant(parent_id) if parent_id else None
        province_id = parent.province_id if parent else None
        with context.on_ledger(tenant_id_for(code.strip(), province_id)):
            tenant = Tenant.register(
                kind=kind,
                code=code,
                name=name,
                parent=parent,
                school_type=school_type,
                boarding=boarding,
            )
        # Placed only once the registration is valid, so refused input leaves nothing.
        ledger = self.locator.place(tenant.id)
        duplicate = DuplicateCodeError(f"code {tenant.code!r} is already registered")
        if ledger.exists(tenant.id):
            raise duplicate
        try:
            return ledger.record(tenant)
        except StaleVersionError:
            raise duplicate from None

    def rename_tenant(
        self, tenant_id: UUID, name: str, expected_version: int | None = None
    ) -> Recorded:
        """Give a tenant a new name."""
        tenant = self.get_tenant(tenant_id)
        tenant.ensure_version(expected_version)
        with context.on_ledger(tenant.id):
            tenant.rename(name)
        return self.record(tenant)

    def move_tenant(
        self, tenant_id: UUID, new_parent_id: UUID, expected_version: int | None = None
    ) -> Recorded:
        """Put a tenant under another parent in its province."""
        tenant = self.get_tenant(tenant_id)
        tenant.ensure_version(expected_version)
        new_parent = self.locator.get_tenant(new_parent_id)
        with context.on_ledger(tenant.id):
            tenant.move(new_parent, self.ancestors_of(new_parent))
        return self.record(tenant)

    def deactivate_tenant(
        self, tenant_id: UUID, reason: str, expected_version: int | None = None
    ) -> Recorded:
        """Stop using a tenant; its ledger is kept."""
        tenant = self.get_tenant(tenant_id)
        tenant.ensure_version(expected_version)
        with context.on_ledger(tenant.id):
            tenant.deactivate(reason)
        return self.record(tenant)

    def get_tenant(self, tenant_id: UUID) -> Tenant:
        """The tenant with ``tenant_id`` in this shard."""
        try:
            tenant = self.repository.get(tenant_id)
        except AggregateNotFoundError:
            raise TenantNotFoundError(f"no tenant with id {tenant_id}") from None
        if not isinstance(tenant, Tenant):
            raise TenantNotFoundError(f"no tenant with id {tenant_id}")
        return tenant

    def place(self, tenant_id: UUID) -> Ledger:
        """A standalone ledger keeps every tenant itself."""
        return self

    def ancestors_of(self, tenant: Tenant) -> list[UUID]:
        """Ids of the tenant's ancestors, nearest first."""
        return ancestors_of(self.locator, tenant)


def ancestors_of(locator: TenantLocator, tenant: Tenant) -> list[UUID]:
    """Ids of ``tenant``'s ancestors, nearest first, whichever shards hold them."""
    ancestors: list[UUID] = []
    parent_id = tenant.parent_id
    while parent_id is not None and parent_id not in ancestors:
        ancestors.append(parent_id)
        parent_id = locator.get_tenant(parent_id).parent_id
    return ancestors


__all__ = ["Ledger", "Recorded", "TenantLocator", "TenantNotFoundError", "ancestors_of"]
