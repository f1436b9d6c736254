"""Managing accounts below oneself: create, reset passwords, deactivate, list.

A tenant admin manages the people of its subtree: an account whose every grant
lies on tenants the admin may manage access to. Nobody manages a platform admin
but another platform admin; an account with a grant above the admin's reach is
out of reach too, so a county cannot take over a province's account.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

import sqlalchemy as sa

from safeledger.platform.auth.accounts import (
    HASHER,
    MIN_PASSWORD,
    User,
    WeakPasswordError,
    _verifies,
    create_user,
)
from safeledger.platform.auth.identity import Identity
from safeledger.platform.auth.tables import users
from safeledger.projections.directory.tables import directory_tenants as d
from safeledger.projections.grants.tables import role_grants as r
from safeledger.projections.schema import write_transaction
from safeledger.tenants.access import GRANTABLE, Action, Role
from safeledger.tenants.errors import DomainError, InvalidValueError, NotFoundError


class AccountOutOfReachError(NotFoundError):
    """The account is not one the caller manages (or does not exist)."""

    field = "user_id"


class RoleNotGrantableError(InvalidValueError):
    rule = "known_choice"
    field = "role"


class WrongPasswordError(InvalidValueError):
    """Changing one's password needs the current one."""

    rule = "current_password"
    field = "current_password"


@dataclass(frozen=True)
class Account:
    """An account as its managers see it, with its grants in force or not."""

    user_id: UUID
    username: str
    display_name: str
    disabled: bool
    grants: list[dict[str, Any]]


def one_time_password() -> str:
    """A password to hand over once, long enough and easy to type on a phone."""
    return "-".join(secrets.token_hex(3) for _ in range(3))


def create_account(
    engine: sa.Engine,
    ledger: Any,
    tenant_id: UUID,
    *,
    username: str,
    display_name: str,
    password: str,
    role: str,
    expires_at: datetime | None = None,
) -> tuple[User, Any]:
    """Create an account with a role on the tenant; the caller's context is stamped."""
    try:
        granted = Role(role)
    except ValueError:
        raise RoleNotGrantableError(f"unknown role {role!r}") from None
    if granted not in GRANTABLE:
        raise RoleNotGrantableError(f"{role} is not granted on a tenant")
    user = create_user(engine, username, password, display_name)
    try:
        done = ledger.grant_role(
            tenant_id, user_id=user.user_id, role=granted, expires_at=expires_at
        )
    except DomainError:
        # No grant was recorded, so the account never existed for anyone.
        with write_transaction(engine) as conn:
            conn.execute(sa.delete(users).where(users.c.user_id == user.user_id))
        raise
    return user, done


def manages(conn: sa.Connection, caller: Identity, user_id: UUID) -> bool:
    """Whether ``caller`` may reset, deactivate or re-grant the account."""
    row = conn.execute(sa.select(users).where(users.c.user_id == user_id)).first()
    if row is None:
        return False
    if caller.user.platform_admin:
        return True
    if row.platform_admin or user_id == caller.user.user_id:
        return False
    paths = conn.execute(
        sa.select(d.c.path)
        .join(r, r.c.tenant_id == d.c.tenant_id)
        .where(r.c.user_id == user_id, r.c.active.is_(True))
    ).scalars()
    paths = list(paths)
    return bool(paths) and all(caller.may(Action.MANAGE_ACCESS, p) for p in paths)


def set_password(engine: sa.Engine, user_id: UUID, password: str) -> None:
    """Replace an account's password (and lift a lockout)."""
    if len(password) < MIN_PASSWORD:
        raise WeakPasswordError(f"a password has at least {MIN_PASSWORD} characters")
    with write_transaction(engine) as conn:
        done = conn.execute(
            sa.update(users)
            .where(users.c.user_id == user_id)
            .values(
                password_hash=HASHER.hash(password), failed_logins=0, locked_until=None
            )
        )
        if done.rowcount != 1:
            raise AccountOutOfReachError("no such account")


def change_own_password(
    engine: sa.Engine, user_id: UUID, current: str, new: str
) -> None:
    """Change one's own password, proving the current one."""
    with engine.connect() as conn:
        stored = conn.execute(
            sa.select(users.c.password_hash).where(users.c.user_id == user_id)
        ).scalar()
    if stored is None or not _verifies(stored, current):
        raise WrongPasswordError("the current password is wrong")
    set_password(engine, user_id, new)


def set_disabled(engine: sa.Engine, user_id: UUID, disabled: bool) -> None:
    """Deactivate (or reactivate) an account; a deactivated one cannot sign in."""
    with write_transaction(engine) as conn:
        conn.execute(
            sa.update(users).where(users.c.user_id == user_id).values(disabled=disabled)
        )


def accounts_under(
    conn: sa.Connection, caller: Identity, path: str, *, limit: int = 200
) -> list[Account]:
    """Accounts holding grants at or under ``path`` that the caller manages."""
    rows = conn.execute(
        sa.select(
            users.c.user_id,
            users.c.username,
            users.c.display_name,
            users.c.disabled,
            r.c.grant_id,
            r.c.role,
            r.c.active,
            r.c.expires_at,
            r.c.version,
            r.c.tenant_id,
            d.c.name.label("tenant_name"),
            d.c.path,
        )
        .join(r, r.c.user_id == users.c.user_id)
        .join(d, d.c.tenant_id == r.c.tenant_id)
        .where(d.c.path >= path, d.c.path < path[:-1] + "0")
        .order_by(d.c.path, users.c.username)
    ).all()
    found: dict[UUID, Account] = {}
    for row in rows:
        if not caller.may(Action.MANAGE_ACCESS, row.path):
            continue
        account = found.setdefault(
            row.user_id,
            Account(row.user_id, row.username, row.display_name, row.disabled, []),
        )
        account.grants.append(row._asdict())
    return list(found.values())[:limit]


def username_of(conn: sa.Connection, user_id: UUID) -> str:
    """An account's username."""
    return conn.execute(
        sa.select(users.c.username).where(users.c.user_id == user_id)
    ).scalar_one()
