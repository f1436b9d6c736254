"""Every reference a command makes resolves inside the tenant that records it.

A command may cite attachments by digest, a place of the school's grid, or a
tenant below it (the counterparty of a bureau → school agreement). Each must be
the tenant's own: an attachment uploaded to it, a place on its grid, a tenant in
its subtree. Otherwise the command is refused, naming the field, before anything
is recorded, so no tenant can borrow another's photo (which would then travel in
its evidence bundle) or turn another county's school amber.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from uuid import UUID

import sqlalchemy as sa

from safeledger.platform.api.context import runtime
from safeledger.projections.directory.tables import directory_tenants as d
from safeledger.tenants.agreements import Counterparty
from safeledger.tenants.attachments import attachment_id_for
from safeledger.tenants.errors import InvalidValueError, NotFoundError
from safeledger.tenants.grid import Grid
from safeledger.tenants.values import CounterpartyKind


class ForeignReferenceError(InvalidValueError):
    """A reference names something outside the tenant that records it."""

    rule = "reference_in_tenant"


def check_references(tenant_id: UUID, body: dict[str, Any]) -> None:
    """Raise ForeignReferenceError for the first reference outside ``tenant_id``."""
    ledger = runtime().store.for_tenant(tenant_id)
    for field, value in body.items():
        if field.endswith("_digest") and isinstance(value, str):
            _attachments(ledger, tenant_id, field, [value])
        elif field.endswith("_digests") and isinstance(value, list):
            _attachments(ledger, tenant_id, field, value)
    if isinstance(body.get("place_id"), UUID):
        _grid_place(ledger, tenant_id, body["place_id"])
    counterparty = body.get("counterparty")
    if (
        isinstance(counterparty, Counterparty)
        and counterparty.kind is CounterpartyKind.CHILD_TENANT
    ):
        _below(tenant_id, UUID(counterparty.ref), "counterparty")


def _attachments(
    ledger: Any, tenant_id: UUID, field: str, digests: Iterable[str]
) -> None:
    for digest in digests:
        if not ledger.exists(attachment_id_for(tenant_id, digest)):
            raise ForeignReferenceError(
                f"no attachment {digest} was uploaded to this tenant", field=field
            )


def _grid_place(ledger: Any, tenant_id: UUID, place_id: UUID) -> None:
    try:
        grid = ledger.load(Grid, tenant_id, Grid.create_id(tenant_id))
    except NotFoundError:
        grid = None
    if grid is None or place_id not in grid.places:
        raise ForeignReferenceError(
            f"no place {place_id} on this school's grid", field="place_id"
        )


def _below(tenant_id: UUID, other_id: UUID, field: str) -> None:
    with runtime().engine.connect() as conn:
        paths = dict(
            conn.execute(
                sa.select(d.c.tenant_id, d.c.path).where(
                    d.c.tenant_id.in_([tenant_id, other_id])
                )
            ).all()
        )
    mine, theirs = paths.get(tenant_id), paths.get(other_id)
    if not mine or not theirs or theirs == mine or not theirs.startswith(mine):
        raise ForeignReferenceError(
            f"tenant {other_id} is not below this tenant", field=field
        )
