"""Role grants: who may act on a tenant, granted and revoked as events.

One aggregate per (user, tenant, role), in the tenant's ledger, so who could see
and do what, and since when, is itself part of the auditable record. A grant may
be time-boxed (an inspector's access to the schools a spot check sampled).
"""

from __future__ import annotations

from datetime import datetime
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import event

from safeledger.tenants import context
from safeledger.tenants.access import Action, Role, allows
from safeledger.tenants.errors import ConflictError, DomainError, InvalidValueError
from safeledger.tenants.ledger import LedgerAggregate
from safeledger.tenants.values import aware, given_reason

GRANT_NAMESPACE = uuid5(NAMESPACE_URL, "https://safeledger.example/grants")


class GrantStateError(ConflictError):
    """A grant is revoked only while in force, and renewed only once revoked."""

    rule = "grant_state"
    field = "role"


class GrantExpiryError(InvalidValueError):
    """A time-boxed grant ends in the future."""

    rule = "expires_in_future"
    field = "expires_at"


class SelfGrantError(DomainError):
    """Separation of duties: nobody grants themselves a role that records.

    Whoever manages access may not also make the records; another admin must
    grant such a role.
    """

    rule = "no_self_grant"
    field = "username"


def refuse_self_grant(granted_by: UUID | None, user_id: UUID, role: Role) -> None:
    """Raise SelfGrantError if ``granted_by`` grants itself a recording role."""
    records = allows(role, Action.RECORD) or allows(role, Action.SUBMIT_REPORT)
    if granted_by == user_id and records and role is not Role.PLATFORM_ADMIN:
        raise SelfGrantError(
            f"you may not grant yourself the {role.value} role; ask another admin"
        )


def grant_id_for(user_id: UUID, tenant_id: UUID, role: Role) -> UUID:
    """The id of ``user_id``'s grant of ``role`` on ``tenant_id``."""
    return uuid5(GRANT_NAMESPACE, f"{user_id.hex}/{tenant_id.hex}/{role.value}")


class RoleGrant(LedgerAggregate):
    """One user's role on one tenant."""

    label = "grant"

    @staticmethod
    def create_id(user_id: UUID, role: str) -> UUID:
        """One grant per user, tenant and role."""
        return grant_id_for(user_id, context.current_ledger(), Role(role))

    @event("Granted")
    def __init__(
        self, *, user_id: UUID, role: str, expires_at: datetime | None
    ) -> None:
        self.user_id = user_id
        self.role = Role(role)
        self.expires_at = expires_at
        self.active = True

    @classmethod
    def grant(cls, user_id: UUID, role: Role, expires_at: datetime | None) -> RoleGrant:
        """Grant ``role`` on the current tenant, until ``expires_at`` if given."""
        return cls(user_id=user_id, role=role.value, expires_at=_expiry(expires_at))

    def renew(self, expires_at: datetime | None) -> None:
        """Grant the role again after it was revoked."""
        if self.active:
            raise GrantStateError(f"the {self.role.value} role is already granted")
        self._renewed(expires_at=_expiry(expires_at))

    @event("Renewed")
    def _renewed(self, expires_at: datetime | None) -> None:
        self.expires_at = expires_at
        self.active = True

    def revoke(self, reason: str) -> None:
        """Withdraw the role."""
        if not self.active:
            raise GrantStateError(f"the {self.role.value} role is not granted")
        self._revoked(reason=given_reason(reason))

    @event("Revoked")
    def _revoked(self, reason: str) -> None:
        self.active = False


def _expiry(expires_at: datetime | None) -> datetime | None:
    if expires_at is not None and aware(expires_at, "expires_at") <= context.now():
        raise GrantExpiryError("a time-boxed grant must end in the future")
    return expires_at
