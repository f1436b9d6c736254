"""Signed checkpoints: publishing them, and reading what was published.

The signing job publishes, for every tenant whose log grew, the new size and root
signed with the platform key, and submits it to the configured witnesses for
their cosignatures. Checkpoints are only ever inserted.
"""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import UUID

import sqlalchemy as sa

from safeledger.evidence.checkpoint import Checkpoint, tenant_origin
from safeledger.evidence.leaf import utc_text
from safeledger.platform.evidence import witnesses
from safeledger.platform.evidence.keys import Signer, load_signer, register
from safeledger.platform.evidence.tables import evidence_checkpoints as cp
from safeledger.platform.settings import Settings
from safeledger.projections.ledger import evidence_logs, queries
from safeledger.projections.schema import write_transaction


def publish(
    settings: Settings, engine: sa.Engine, tenant_ids: list[UUID] | None = None
) -> list[sa.Row]:
    """Sign a checkpoint for each tenant (of ``tenant_ids``) with new leaves."""
    signer = load_signer(settings)
    register(engine, signer)
    published = []
    for tenant_id, size in _grown(engine, tenant_ids):
        row = _publish_one(settings, engine, signer, tenant_id, size)
        if row is not None:
            witnesses.submit(settings, engine, row)
            published.append(row)
    return published


def _grown(engine: sa.Engine, tenant_ids: list[UUID] | None) -> list[tuple[UUID, int]]:
    latest = (
        sa.select(cp.c.tenant_id, sa.func.max(cp.c.tree_size).label("size"))
        .group_by(cp.c.tenant_id)
        .subquery()
    )
    query = (
        sa.select(evidence_logs.c.tenant_id, evidence_logs.c.tree_size)
        .outerjoin(latest, latest.c.tenant_id == evidence_logs.c.tenant_id)
        .where(
            evidence_logs.c.tree_size > sa.func.coalesce(latest.c.size, 0),
        )
        .order_by(evidence_logs.c.tenant_id)
    )
    if tenant_ids is not None:
        query = query.where(evidence_logs.c.tenant_id.in_(tenant_ids))
    with engine.connect() as conn:
        return [tuple(row) for row in conn.execute(query)]


def _publish_one(
    settings: Settings, engine: sa.Engine, signer: Signer, tenant_id: UUID, size: int
) -> sa.Row | None:
    with write_transaction(engine) as conn:
        exists = conn.execute(
            sa.select(cp.c.tree_size).where(
                cp.c.tenant_id == tenant_id, cp.c.tree_size >= size
            )
        ).first()
        if exists is not None:
            return None  # another signer got there first
        now = datetime.now(UTC)
        checkpoint = Checkpoint(
            origin=tenant_origin(settings.evidence_origin, str(tenant_id)),
            tree_size=size,
            root=queries.root(conn, tenant_id, size),
            time=utc_text(now),
            key_id=signer.key_id,
        )
        text = checkpoint.text()
        values = {
            "tenant_id": tenant_id,
            "tree_size": size,
            "root": checkpoint.root,
            "published_at": now,
            "key_id": signer.key_id,
            "text": text,
            "signature": signer.sign(text.encode("utf-8")),
        }
        conn.execute(sa.insert(cp).values(**values))
    return get(engine, tenant_id, size)


def get(engine: sa.Engine, tenant_id: UUID, size: int) -> sa.Row | None:
    """The checkpoint of ``tenant_id`` at ``size``, or None."""
    with engine.connect() as conn:
        return conn.execute(
            sa.select(cp).where(cp.c.tenant_id == tenant_id, cp.c.tree_size == size)
        ).first()


def latest(conn: sa.Connection, tenant_id: UUID) -> sa.Row | None:
    """The tenant's newest checkpoint, or None."""
    return conn.execute(
        sa.select(cp)
        .where(cp.c.tenant_id == tenant_id)
        .order_by(cp.c.tree_size.desc())
        .limit(1)
    ).first()


def listing(
    conn: sa.Connection, tenant_id: UUID, offset: int = 0, limit: int | None = None
) -> tuple[list[sa.Row], int]:
    """A page of the tenant's checkpoints, oldest first, and how many there are."""
    where = cp.c.tenant_id == tenant_id
    count = sa.select(sa.func.count()).select_from(cp).where(where)
    total = conn.execute(count).scalar_one()
    rows = conn.execute(
        sa.select(cp).where(where).order_by(cp.c.tree_size).offset(offset).limit(limit)
    )
    return list(rows), total


def earlier(conn: sa.Connection, tenant_id: UUID, size: int) -> list[sa.Row]:
    """The tenant's checkpoints smaller than ``size``, oldest first."""
    return list(
        conn.execute(
            sa.select(cp)
            .where(cp.c.tenant_id == tenant_id, cp.c.tree_size < size)
            .order_by(cp.c.tree_size)
        )
    )
