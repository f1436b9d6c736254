"""Fixtures of the service-layer tests: the ledger application on an in-memory
store, with a province → city → county → school hierarchy.

Every command runs as it does behind the API, minus HTTP, SQL and projections.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any
from uuid import UUID

import pytest

from safeledger.tenants import context
from safeledger.tenants.application import Ledger
from safeledger.tenants.hierarchy import SchoolType, TenantKind

DIGEST = "d" * 64


@dataclass(frozen=True)
class Hierarchy:
    """The ids of one branch of a province."""

    province: UUID
    city: UUID
    county: UUID
    school: UUID


@pytest.fixture
def ledger(clock) -> Iterator[Ledger]:
    """A ledger on the library's in-memory store, acting as a test operator."""
    app = Ledger(env={"PERSISTENCE_MODULE": "eventsourcing.popo"})
    with context.acting_as("test:operator"), context.using_clock(clock):
        yield app
    app.close()


@pytest.fixture
def tenants(ledger: Ledger) -> Hierarchy:
    """Province → city → county → a primary school, registered in ``ledger``."""
    ids: list[UUID] = []
    parent = None
    for kind, code in (
        (TenantKind.PROVINCE, "44"),
        (TenantKind.CITY, "4401"),
        (TenantKind.COUNTY, "440101"),
    ):
        parent = ledger.register_tenant(
            kind=kind, code=code, name=f"{kind} {code}", parent_id=parent
        ).aggregate_id
        ids.append(parent)
    school = ledger.register_tenant(
        kind=TenantKind.SCHOOL,
        code="S1",
        name="实验小学",
        parent_id=parent,
        school_type=SchoolType.PRIMARY,
    ).aggregate_id
    return Hierarchy(*ids, school)


@pytest.fixture
def nothing_recorded(ledger: Ledger) -> Callable[..., Any]:
    """Run a command that must be refused; check the store did not grow."""

    def check(error: type[Exception], command: Callable[..., Any], *a, **kw) -> Any:
        before = ledger.recorder.max_notification_id()
        with pytest.raises(error) as raised:
            command(*a, **kw)
        assert ledger.recorder.max_notification_id() == before
        return raised.value

    return check
