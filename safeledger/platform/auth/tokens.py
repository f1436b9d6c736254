"""Personal API tokens: shown once, stored hashed, narrowed, expiring, revocable.

Every request looks its token up afresh, so a revoked token fails on the very
next request, in every worker process.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import timedelta
from uuid import UUID

import sqlalchemy as sa

from safeledger.platform.auth.tables import api_tokens
from safeledger.projections.schema import write_transaction
from safeledger.tenants.access import Role
from safeledger.tenants.context import utc_now
from safeledger.tenants.errors import NotFoundError

PREFIX = "slt_"
DEFAULT_LIFETIME = timedelta(days=30)


class TokenNotFoundError(NotFoundError):
    field = "token_id"


@dataclass(frozen=True)
class Token:
    """A token's owner and what it is narrowed to (None: all of the owner's)."""

    token_id: UUID
    user_id: UUID
    tenant_ids: frozenset[UUID] | None
    roles: frozenset[Role] | None


def issue(
    engine: sa.Engine,
    user_id: UUID,
    name: str,
    *,
    tenant_ids: list[UUID] | None = None,
    roles: list[Role] | None = None,
    lifetime: timedelta = DEFAULT_LIFETIME,
) -> tuple[str, UUID]:
    """A new token's secret (shown once, never stored) and its id."""
    secret = PREFIX + secrets.token_urlsafe(32)
    token_id = uuid.uuid4()
    now = utc_now()
    with write_transaction(engine) as conn:
        conn.execute(
            sa.insert(api_tokens).values(
                token_id=token_id,
                user_id=user_id,
                name=name,
                secret_hash=_hash(secret),
                # An empty list narrows to nothing, never to everything.
                tenant_ids=None if tenant_ids is None else [str(t) for t in tenant_ids],
                roles=None if roles is None else [r.value for r in roles],
                created_at=now,
                expires_at=now + lifetime,
            )
        )
    return secret, token_id


def verify(engine: sa.Engine, secret: str) -> Token | None:
    """The live token with this secret, or None."""
    if not secret.startswith(PREFIX):
        return None
    with engine.connect() as conn:
        row = conn.execute(
            sa.select(api_tokens).where(
                api_tokens.c.secret_hash == _hash(secret),
                api_tokens.c.revoked_at.is_(None),
                api_tokens.c.expires_at > utc_now(),
            )
        ).first()
    if row is None:
        return None
    return Token(
        row.token_id,
        row.user_id,
        None if row.tenant_ids is None else frozenset(UUID(t) for t in row.tenant_ids),
        None if row.roles is None else frozenset(Role(r) for r in row.roles),
    )


def revoke(engine: sa.Engine, user_id: UUID, token_id: UUID) -> None:
    """Revoke one of the user's tokens, at once."""
    with write_transaction(engine) as conn:
        done = conn.execute(
            sa.update(api_tokens)
            .where(
                api_tokens.c.token_id == token_id,
                api_tokens.c.user_id == user_id,
                api_tokens.c.revoked_at.is_(None),
            )
            .values(revoked_at=utc_now())
        )
        if done.rowcount == 0:
            raise TokenNotFoundError(f"no live token {token_id} of yours")


def list_tokens(engine: sa.Engine, user_id: UUID) -> list[sa.Row]:
    """The user's tokens, without their secrets."""
    with engine.connect() as conn:
        return list(
            conn.execute(
                sa.select(
                    api_tokens.c.token_id,
                    api_tokens.c.name,
                    api_tokens.c.tenant_ids,
                    api_tokens.c.roles,
                    api_tokens.c.created_at,
                    api_tokens.c.expires_at,
                    api_tokens.c.revoked_at,
                )
                .where(api_tokens.c.user_id == user_id)
                .order_by(api_tokens.c.created_at)
            )
        )


def _hash(secret: str) -> str:
    # Tokens are long random strings, so a fast hash is enough (unlike passwords).
    return hashlib.sha256(secret.encode()).hexdigest()
