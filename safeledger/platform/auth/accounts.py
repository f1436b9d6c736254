"""User accounts: argon2id password hashes, lockout and rate limiting of logins."""

from __future__ import annotations

import functools
import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from uuid import UUID

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from safeledger.platform.auth.tables import login_failures, users
from safeledger.projections.schema import write_transaction
from safeledger.tenants.context import utc_now
from safeledger.tenants.errors import ConflictError, InvalidValueError

HASHER = PasswordHasher()  # argon2id with the library's current parameters
MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=15)
ADDRESS_WINDOW = timedelta(minutes=15)
ADDRESS_LIMIT = 30
MIN_PASSWORD = 10


class LoginRefusedError(Exception):
    """Wrong username or password: the message never says which."""


class LoginThrottledError(Exception):
    """Too many failed logins: from this address, or for this account."""

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class UsernameTakenError(ConflictError):
    rule = "username_unique"
    field = "username"


class WeakPasswordError(InvalidValueError):
    rule = "password_length"
    field = "password"


@dataclass(frozen=True)
class User:
    """An account, without its credentials."""

    user_id: UUID
    username: str
    display_name: str
    platform_admin: bool


def create_user(
    engine: sa.Engine,
    username: str,
    password: str,
    display_name: str = "",
    *,
    platform_admin: bool = False,
) -> User:
    """Create an account; the password is kept only as an argon2id hash."""
    username = username.strip().lower()
    if len(password) < MIN_PASSWORD:
        raise WeakPasswordError(f"a password has at least {MIN_PASSWORD} characters")
    user = User(
        uuid.uuid4(), username, display_name.strip() or username, platform_admin
    )
    with write_transaction(engine) as conn:
        taken = conn.execute(
            sa.select(users.c.user_id).where(users.c.username == username)
        )
        if taken.first() is not None:
            raise UsernameTakenError(f"the username {username!r} is taken")
        conn.execute(
            sa.insert(users).values(
                user_id=user.user_id,
                username=username,
                display_name=user.display_name,
                password_hash=HASHER.hash(password),
                platform_admin=platform_admin,
                disabled=False,
                failed_logins=0,
                created_at=utc_now(),
            )
        )
    return user


def get_user(engine: sa.Engine, user_id: UUID) -> User | None:
    """An enabled account by id."""
    with engine.connect() as conn:
        row = conn.execute(
            sa.select(users).where(
                users.c.user_id == user_id, users.c.disabled.is_(False)
            )
        ).first()
    return _user(row) if row else None


def find_user(engine: sa.Engine, username: str) -> User | None:
    """An account by username, enabled or not."""
    with engine.connect() as conn:
        row = conn.execute(
            sa.select(users).where(users.c.username == username.strip().lower())
        ).first()
    return _user(row) if row else None


def authenticate(engine: sa.Engine, username: str, password: str, address: str) -> User:
    """The account whose password this is, counting failures toward lockouts.

    An unknown name costs the same argon2 work as a known one and is locked out
    after the same number of failures, so neither the time nor the answer tells
    whether an account exists.
    """
    now = utc_now()
    username = (username or "").strip().lower()[:100]  # as long as the column
    with write_transaction(engine) as conn:
        recent = conn.execute(
            sa.select(sa.func.count())
            .select_from(login_failures)
            .where(
                login_failures.c.address == address,
                login_failures.c.at > now - ADDRESS_WINDOW,
            )
        ).scalar_one()
        if recent >= ADDRESS_LIMIT:
            raise LoginThrottledError(
                "too many failed logins from this address; try again later",
                int(ADDRESS_WINDOW.total_seconds()),
            )
        locked_until = _locked_until(conn, username, now)
        if locked_until is not None:
            wait = int((locked_until - now).total_seconds()) + 1
            raise LoginThrottledError("this account is locked for a while", wait)
        row = conn.execute(sa.select(users).where(users.c.username == username)).first()
        known = row is not None and not row.disabled
        verified = _verifies(row.password_hash if known else _decoy_hash(), password)
        if known and verified:
            conn.execute(
                sa.delete(login_failures).where(login_failures.c.username == username)
            )
            return _user(row)
        conn.execute(
            sa.insert(login_failures).values(address=address, username=username, at=now)
        )
    raise LoginRefusedError("wrong username or password")


def _locked_until(conn: sa.Connection, username: str, now: datetime) -> datetime | None:
    """When a name with too many recent failures may try again; None if it may now.

    Counted by name, not by account, so unknown names lock out exactly as real ones.
    """
    failures = (
        conn.execute(
            sa.select(login_failures.c.at)
            .where(
                login_failures.c.username == username,
                login_failures.c.at > now - LOCKOUT,
            )
            .order_by(login_failures.c.at.desc())
            .limit(MAX_FAILURES)
        )
        .scalars()
        .all()
    )
    if len(failures) < MAX_FAILURES:
        return None
    latest = failures[0]
    if latest.tzinfo is None:  # SQLite hands times back without their zone
        latest = latest.replace(tzinfo=UTC)
    return latest + LOCKOUT


@functools.cache
def _decoy_hash() -> str:
    # Verified against when no account has the name: the same argon2 work.
    return HASHER.hash(secrets.token_urlsafe(16))


def _verifies(password_hash: str, password: str) -> bool:
    try:
        return HASHER.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def _user(row: sa.Row) -> User:
    return User(row.user_id, row.username, row.display_name, row.platform_admin)


def prune_login_failures(engine: sa.Engine, keep: timedelta = timedelta(days=1)) -> int:
    """Forget failed logins older than ``keep``; the throttle looks back 15 minutes."""
    with write_transaction(engine) as conn:
        done = conn.execute(
            sa.delete(login_failures).where(login_failures.c.at < utc_now() - keep)
        )
    return done.rowcount
