"""Outgoing webhooks per tenant: signed with HMAC-SHA256, retried with backoff, logged.

Each notification of a tenant (or of a tenant under it) is delivered once to each
of its active webhooks; the delivery row, keyed by (notification, webhook), is the
log: attempts, last status, delivered or failed. The receiver gets the same
``Idempotency-Key`` ("{application}:{notification_id}") on every attempt.
"""

from __future__ import annotations

import hashlib
import hmac
import http.client
import json
import logging
import secrets
import uuid
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID

import sqlalchemy as sa
from rq import Retry

from safeledger.platform.background.outbound import (
    ForbiddenTargetError,
    Network,
    check_target,
    networks,
    post,
)
from safeledger.platform.background.queues import NOTIFICATIONS, submit
from safeledger.platform.background.runner import current_runtime, job
from safeledger.platform.background.tables import webhook_deliveries as wd
from safeledger.platform.background.tables import webhooks as wh
from safeledger.projections.directory.tables import directory_tenants as d
from safeledger.projections.oversight.tables import notifications as n
from safeledger.projections.schema import write_transaction

log = logging.getLogger(__name__)

SIGNATURE_HEADER = "X-SafeLedger-Signature"
BACKOFF_SECONDS = (1, 2, 4, 8, 16)
MAX_ATTEMPTS = len(BACKOFF_SECONDS) + 1
LEASE = timedelta(seconds=60)
PENDING, RETRYING, SENDING = "pending", "retrying", "sending"
DELIVERED, FAILED = "delivered", "failed"


def sign(secret: str, timestamp: str, body: bytes) -> str:
    """The signature header's value: ``t=<unix time>,v1=<hex HMAC-SHA256>``."""
    mac = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return f"t={timestamp},v1={mac.hexdigest()}"


def verify(secret: str, header: str, body: bytes) -> bool:
    """Whether ``header`` signs ``body`` with ``secret`` (what a receiver checks)."""
    parts = dict(part.split("=", 1) for part in header.split(",") if "=" in part)
    expected = sign(secret, parts.get("t", ""), body)
    return hmac.compare_digest(expected, header)


def register(
    engine: sa.Engine, tenant_id: UUID, url: str, allowed: Iterable[Network] = ()
) -> tuple[UUID, str]:
    """Register a webhook for a tenant's subtree; returns its id and its secret.

    The URL must lead to a public address (or to a network in ``allowed``).
    """
    check_target(url, allowed)
    webhook_id, secret = uuid.uuid4(), secrets.token_urlsafe(32)
    with write_transaction(engine) as conn:
        conn.execute(
            sa.insert(wh).values(
                webhook_id=webhook_id,
                tenant_id=tenant_id,
                url=url,
                secret=secret,
                active=True,
                created_at=datetime.now(UTC),
            )
        )
    return webhook_id, secret


@job("system:notifications")
def dispatch_notifications() -> int:
    """Log a delivery for every new (notification, webhook) pair and send the due."""
    runtime = current_runtime()
    now = datetime.now(UTC)
    with write_transaction(runtime.engine) as conn:
        _add_new_deliveries(conn, now)
    with runtime.engine.connect() as conn:
        due = conn.execute(
            sa.select(wd.c.notification_key, wd.c.webhook_id).where(
                sa.or_(
                    wd.c.status == PENDING,
                    sa.and_(wd.c.status == RETRYING, wd.c.next_attempt_at <= now),
                    sa.and_(wd.c.status == SENDING, wd.c.lease_until < now),
                )
            )
        ).all()
    for key, webhook_id in due:
        submit(
            runtime,
            deliver,
            key,
            str(webhook_id),
            queue_name=NOTIFICATIONS,
            job_id=f"deliver-{uuid.uuid5(uuid.NAMESPACE_URL, f'{key}/{webhook_id}')}",
            retry=Retry(max=len(BACKOFF_SECONDS), interval=list(BACKOFF_SECONDS)),
        )
    return len(due)


def _add_new_deliveries(conn: sa.Connection, now: datetime) -> None:
    hooked = d.alias("hooked")
    # A webhook on a tenant hears its whole subtree: paths share the prefix.
    pairs = (
        sa.select(n.c.notification_key, wh.c.webhook_id)
        .join(d, d.c.tenant_id == n.c.tenant_id)
        .join(
            hooked,
            hooked.c.path == sa.func.substr(d.c.path, 1, sa.func.length(hooked.c.path)),
        )
        .join(wh, sa.and_(wh.c.tenant_id == hooked.c.tenant_id, wh.c.active))
        .where(n.c.created_at >= wh.c.created_at)
        .where(
            ~sa.exists().where(
                wd.c.notification_key == n.c.notification_key,
                wd.c.webhook_id == wh.c.webhook_id,
            )
        )
    )
    for key, webhook_id in conn.execute(pairs).all():
        conn.execute(
            sa.insert(wd).values(
                notification_key=key,
                webhook_id=webhook_id,
                status=PENDING,
                attempts=0,
                created_at=now,
            )
        )


class DeliveryFailedError(RuntimeError):
    """The receiver did not take the delivery; RQ retries it after a backoff."""


@job("system:notifications")
def deliver(notification_key: str, webhook_id: str) -> str:
    """POST one notification to one webhook; raise (for a retry) when it fails."""
    runtime = current_runtime()
    claimed = _claim(runtime.engine, notification_key, UUID(webhook_id))
    if claimed is None:
        return "skipped"
    hook, note, attempts = claimed
    body = json.dumps(_payload(note), ensure_ascii=False, default=str).encode()
    timestamp = str(int(datetime.now(UTC).timestamp()))
    headers = {
        "Content-Type": "application/json",
        "Idempotency-Key": notification_key,
        SIGNATURE_HEADER: sign(hook.secret, timestamp, body),
    }
    status, error = None, None
    allowed = networks(runtime.settings.webhook_allowed_networks)
    try:
        # Checked again now: the name may resolve elsewhere than at registration.
        status = post(check_target(hook.url, allowed), body, headers, timeout=10)
        if not 200 <= status < 300:
            error = f"HTTP {status}"
    except ForbiddenTargetError as refused:
        error = refused.message
    except (OSError, http.client.HTTPException) as failure:
        error = str(failure) or repr(failure)
    outcome = _settle(
        runtime.engine, notification_key, hook.webhook_id, attempts, status, error
    )
    if outcome == RETRYING:
        raise DeliveryFailedError(f"{notification_key} → {hook.url}: {error}")
    return outcome


def _claim(
    engine: sa.Engine, key: str, webhook_id: UUID
) -> tuple[Any, Any, int] | None:
    now = datetime.now(UTC)
    where = sa.and_(wd.c.notification_key == key, wd.c.webhook_id == webhook_id)
    claimable = sa.or_(
        wd.c.status.in_((PENDING, RETRYING)),
        sa.and_(wd.c.status == SENDING, wd.c.lease_until < now),
    )
    with write_transaction(engine) as conn:
        taken = conn.execute(
            sa.update(wd)
            .where(where, claimable)
            .values(status=SENDING, lease_until=now + LEASE, attempts=wd.c.attempts + 1)
        ).rowcount
        if taken != 1:
            return None
        attempts = conn.execute(sa.select(wd.c.attempts).where(where)).scalar_one()
        hook = conn.execute(sa.select(wh).where(wh.c.webhook_id == webhook_id)).one()
        note = conn.execute(sa.select(n).where(n.c.notification_key == key)).one()
    return hook, note, attempts


def _settle(
    engine: sa.Engine,
    key: str,
    webhook_id: UUID,
    attempts: int,
    status: int | None,
    error: str | None,
) -> str:
    now = datetime.now(UTC)
    if status is not None and 200 <= status < 300:
        values: dict[str, Any] = {"status": DELIVERED, "delivered_at": now}
    elif attempts >= MAX_ATTEMPTS:
        values = {"status": FAILED}
    else:
        backoff = BACKOFF_SECONDS[attempts - 1]
        values = {
            "status": RETRYING,
            "next_attempt_at": now + timedelta(seconds=backoff),
        }
    values |= {"last_status_code": status, "last_error": error, "lease_until": None}
    with write_transaction(engine) as conn:
        conn.execute(
            sa.update(wd)
            .where(wd.c.notification_key == key, wd.c.webhook_id == webhook_id)
            .values(values)
        )
    return values["status"]


def _payload(note: Any) -> dict[str, Any]:
    return {
        "id": note.notification_key,
        "tenant_id": str(note.tenant_id),
        "kind": note.kind,
        "subject_id": str(note.subject_id),
        "aggregate_id": str(note.aggregate_id),
        "title": note.title,
        "detail": note.detail,
        "created_at": note.created_at.isoformat(),
    }
