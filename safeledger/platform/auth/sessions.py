"""Console sessions kept on the server: a cookie only names a row here.

The signed cookie carries a random session id; the row is the authority. So
signing out ends the session everywhere at once, and so does any change of the
account's password (the row remembers a fingerprint of the hash it was opened
under) or the account's deactivation, whoever makes the change and however.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from uuid import UUID

import sqlalchemy as sa

from safeledger.platform.auth.tables import console_sessions, users
from safeledger.projections.schema import write_transaction
from safeledger.tenants.context import utc_now

LIFETIME = timedelta(hours=12)


def start(engine: sa.Engine, user_id: UUID) -> str:
    """Open a session for ``user_id``; the secret to put in the cookie."""
    secret = secrets.token_urlsafe(32)
    now = utc_now()
    with write_transaction(engine) as conn:
        password_hash = conn.execute(
            sa.select(users.c.password_hash).where(users.c.user_id == user_id)
        ).scalar_one()
        conn.execute(
            sa.insert(console_sessions).values(
                session_hash=_hash(secret),
                user_id=user_id,
                credential=_hash(password_hash),
                created_at=now,
                expires_at=now + LIFETIME,
            )
        )
    return secret


def resolve(engine: sa.Engine, secret: str) -> UUID | None:
    """The user of a live session: not ended, not expired, same password, enabled."""
    if not isinstance(secret, str) or not secret:
        return None
    with engine.connect() as conn:
        row = conn.execute(
            sa.select(console_sessions.c.user_id, console_sessions.c.credential)
            .add_columns(users.c.password_hash)
            .join(users, users.c.user_id == console_sessions.c.user_id)
            .where(
                console_sessions.c.session_hash == _hash(secret),
                console_sessions.c.ended_at.is_(None),
                console_sessions.c.expires_at > utc_now(),
                users.c.disabled.is_(False),
            )
        ).first()
    if row is None or row.credential != _hash(row.password_hash):
        return None
    return row.user_id


def end(engine: sa.Engine, secret: str) -> None:
    """End one session (signing out)."""
    with write_transaction(engine) as conn:
        conn.execute(
            sa.update(console_sessions)
            .where(
                console_sessions.c.session_hash == _hash(secret),
                console_sessions.c.ended_at.is_(None),
            )
            .values(ended_at=utc_now())
        )


def end_all(engine: sa.Engine, user_id: UUID) -> int:
    """End every session of ``user_id`` (an account changed or closed); how many."""
    with write_transaction(engine) as conn:
        done = conn.execute(
            sa.update(console_sessions)
            .where(
                console_sessions.c.user_id == user_id,
                console_sessions.c.ended_at.is_(None),
            )
            .values(ended_at=utc_now())
        )
    return done.rowcount


def _hash(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()
