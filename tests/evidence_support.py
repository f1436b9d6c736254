"""Helpers for the evidence tests: many events quickly, a caught-up ledger."""

from __future__ import annotations

from pathlib import Path
from uuid import UUID

import pytest

from safeledger.platform.evidence.keys import load_signer, public_pem, write_new_key
from safeledger.platform.projector import catch_up
from safeledger.tenants import context
from safeledger.tenants.hierarchy import TenantKind

SAVE_EVERY = 500


def province(store, code: str = "P") -> UUID:
    """Register a province; returns its id."""
    recorded = store.registrar.register_tenant(
        kind=TenantKind.PROVINCE, code=code, name=f"省{code}", parent_id=None
    )
    return recorded.aggregate_id


def renames(store, tenant_id: UUID, count: int) -> None:
    """Append ``count`` renames to a tenant, saved in chunks (no replay per event)."""
    ledger = store.for_tenant(tenant_id)
    tenant = ledger.get_tenant(tenant_id)
    with context.on_ledger(tenant_id):
        for number in range(count):
            tenant.rename(f"名称{tenant.version}-{number}")
            if (number + 1) % SAVE_EVERY == 0:
                ledger.save(tenant)
        ledger.save(tenant)


def ledgered(runtime) -> None:
    """Bring the evidence ledger up to date with the store."""
    catch_up(runtime.settings, runtime.engine, "ledger")


@pytest.fixture
def signing_key(settings) -> None:
    """Hosted mode never invents a key: make one, as `evidence keygen` would."""
    if settings.hosted and not settings.key_file.exists():
        write_new_key(settings.key_file)


@pytest.fixture
def trusted_key(settings, tmp_path) -> Path:
    """The platform's public key as a PEM file, obtained as the README says."""
    path = tmp_path / "platform-key.pem"
    path.write_text(public_pem(load_signer(settings).public_key))
    return path
