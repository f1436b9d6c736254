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
from safeledger.platform.auth.accounts import find_user
from safeledger.projections.directory.tables import directory_tenants as d
from safeledger.projections.grants.queries import grants_in_force
from safeledger.tenants.agreements import Counterparty
from safeledger.tenants.attachments import attachment_id_for
from safeledger.tenants.context import utc_now
from safeledger.tenants.errors import InvalidValueError, NotFoundError
from safeledger.tenants.grid import Grid
from safeledger.tenants.values import CounterpartyKind


class ForeignReferenceError(InvalidValueError):
    """A reference names something outside the tenant that records it."""

    rule = "reference_in_tenant"


def check_references(tenant_id: UUID, body: dict[str, Any]) -> None:
    """Raise ForeignReferenceError for the first reference outside ``tenant_id``;
    a supervisor's username becomes the actor of their account."""
    ledger = runtime().store.for_tenant(tenant_id)
    for field, value in body.items():
        if field.endswith("_digest") and isinstance(value, str):
            _attachments(ledger, tenant_id, field, [value])
        elif field.endswith("_digests") and isinstance(value, list):
            _attachments(ledger, tenant_id, field, value)
    if isinstance(body.get("place_id"), UUID):
        _grid_place(ledger, tenant_id, body["place_id"])
    if body.get("supervisor_username") is not None:
        username = body.pop("supervisor_username")
        body["supervisor_account"] = _account_on(tenant_id, username)
    elif "supervisor_username" in body:
        body.pop("supervisor_username")
    counterparty = body.get("counterparty")
    if (
        isinstance(counterparty, Counterparty)
        and counterparty.kind is CounterpartyKind.CHILD_TENANT
    ):
        _below(tenant_id, UUID(counterparty.ref), "counterparty")


def _account_on(tenant_id: UUID, username: str) -> str:
    """The actor of ``username``'s account, which must hold a role on the tenant."""
    user = find_user(runtime().engine, username)
    if user is not None:
        with runtime().engine.connect() as conn:
            path = conn.execute(
                sa.select(d.c.path).where(d.c.tenant_id == tenant_id)
            ).scalar_one_or_none()
            grants = grants_in_force(conn, user.user_id, utc_now())
        if path and any(path.startswith(g.path) for g in grants):
            return f"user:{user.username}"
    raise ForeignReferenceError(
        f"no account {username!r} with a role on this tenant",
        field="supervisor_username",
    )


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
