"""Idempotency keys: a retried command gets the first response and appends nothing.

The first request with a key claims it (a row with no status yet); once it has an
answer, the status and body are kept. A retry with the same key and body gets that
answer again; the same key with another body, or while the first is still in
flight, is refused.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from safeledger.platform.store.tables import idempotency_keys as keys
from safeledger.projections.schema import write_transaction
from safeledger.tenants.context import utc_now


@dataclass(frozen=True)
class Claimed:
    """An earlier request with the same key: its body digest and its answer, if any."""

    request_digest: str
    status_code: int | None
    response: str | None


def claim(
    engine: sa.Engine, scope: str, key: str, request_digest: str
) -> Claimed | None:
    """Claim ``key`` in ``scope``; None if this request is the first to use it."""
    with write_transaction(engine) as conn:
        row = conn.execute(
            sa.select(keys.c.request_digest, keys.c.status_code, keys.c.response).where(
                keys.c.scope == scope, keys.c.key == key
            )
        ).first()
        if row is not None:
            return Claimed(*row)
        conn.execute(
            sa.insert(keys).values(
                scope=scope,
                key=key,
                request_digest=request_digest,
                created_at=utc_now(),
            )
        )
    return None


def answer(
    engine: sa.Engine, scope: str, key: str, status_code: int, body: str
) -> None:
    """Keep the answer a claimed key's request got."""
    with write_transaction(engine) as conn:
        conn.execute(
            sa.update(keys)
            .where(keys.c.scope == scope, keys.c.key == key)
            .values(status_code=status_code, response=body)
        )


def release(engine: sa.Engine, scope: str, key: str) -> None:
    """Give a key back after a failure that recorded nothing, so it can be retried."""
    with write_transaction(engine) as conn:
        conn.execute(sa.delete(keys).where(keys.c.scope == scope, keys.c.key == key))
