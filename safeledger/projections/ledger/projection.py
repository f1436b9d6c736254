"""Appends every stored event to its tenant's Merkle log.

A tenant's events all live in one shard, whose notification order is total, so
leaf indexes depend only on that order: a rebuild gives identical rows. Leaves,
the subtree hashes they complete, the tree size and the tracking position are
written in one transaction.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from uuid import UUID

import sqlalchemy as sa
from eventsourcing.persistence import Mapper, Notification
from eventsourcing.persistence import Tracking as Position

from safeledger.evidence.leaf import Leaf, utc_text
from safeledger.evidence.merkle import node_hash
from safeledger.projections.batch import NotificationProjection
from safeledger.projections.ledger.queries import read_peaks
from safeledger.projections.ledger.tables import (
    evidence_leaves,
    evidence_logs,
    evidence_subtrees,
)


class UnledgerableEventError(ValueError):
    """A stored event names no tenant, so it cannot go into any tenant's log."""


@dataclass(frozen=True)
class StoredEntry:
    """A stored event as the ledger sees it, before it has a leaf index."""

    notification_id: int
    tenant_id: UUID
    originator_id: UUID
    version: int
    topic: str
    recorded_at: Any
    payload_sha256: bytes

    def leaf(self, index: int) -> Leaf:
        """The leaf this event becomes at ``index`` in its tenant's log."""
        return Leaf(
            tenant_id=str(self.tenant_id),
            index=index,
            originator_id=str(self.originator_id),
            version=self.version,
            topic=self.topic,
            recorded_at=utc_text(self.recorded_at),
            payload_sha256=self.payload_sha256.hex(),
        )


def stored_entry(notification: Notification, mapper: Mapper[Any]) -> StoredEntry:
    """Read tenant and recorded-at from the payload; hash the payload as stored."""
    event = mapper.to_domain_event(notification)
    tenant_id = getattr(event, "tenant_id", None)
    if not isinstance(tenant_id, UUID):
        raise UnledgerableEventError(
            f"event {notification.id} ({notification.topic}) names no tenant"
        )
    return StoredEntry(
        notification_id=notification.id,
        tenant_id=tenant_id,
        originator_id=UUID(str(notification.originator_id)),
        version=notification.originator_version,
        topic=notification.topic,
        recorded_at=event.timestamp,
        payload_sha256=hashlib.sha256(notification.state).digest(),
    )


class LedgerProjection(NotificationProjection):
    """Per tenant, an append-only RFC 9162 Merkle tree over its stored events."""

    name = "ledger"
    tables = (evidence_leaves, evidence_subtrees, evidence_logs)

    def process_notifications(
        self,
        application_name: str,
        notifications: Sequence[Notification],
        mapper: Mapper[Any],
    ) -> None:
        """Append the batch's events to their tenants' logs, with the position."""
        if not notifications:
            return
        entries = [stored_entry(n, mapper) for n in notifications]

        def write(conn: sa.Connection, seen: int | None) -> None:
            fresh = [e for e in entries if seen is None or e.notification_id > seen]
            append(conn, application_name, fresh)

        position = Position(application_name, notifications[-1].id)
        self.view.record_batch(position, write)


def append(conn: sa.Connection, application: str, entries: list[StoredEntry]) -> None:
    """Give each entry the next index in its tenant's log and store the new nodes."""
    leaves: list[dict[str, Any]] = []
    nodes: list[dict[str, Any]] = []
    for tenant_id, tenant_entries in _by_tenant(entries).items():
        size = conn.execute(
            sa.select(evidence_logs.c.tree_size).where(
                evidence_logs.c.tenant_id == tenant_id
            )
        ).scalar_one_or_none()
        peaks = read_peaks(conn, tenant_id, size or 0)
        index = size or 0
        for entry in tenant_entries:
            leaf = entry.leaf(index)
            leaf_hash = leaf.leaf_hash()
            leaves.append(_leaf_row(entry, index, application, leaf_hash))
            nodes.extend(_push(peaks, tenant_id, index, leaf_hash))
            index += 1
        _save_size(conn, tenant_id, application, size, index)
    if leaves:
        conn.execute(sa.insert(evidence_leaves), leaves)
    if nodes:
        conn.execute(sa.insert(evidence_subtrees), nodes)


def _by_tenant(entries: Iterable[StoredEntry]) -> dict[UUID, list[StoredEntry]]:
    grouped: dict[UUID, list[StoredEntry]] = {}
    for entry in entries:
        grouped.setdefault(entry.tenant_id, []).append(entry)
    return grouped


def _push(
    peaks: list[tuple[int, bytes]], tenant_id: UUID, index: int, leaf_hash: bytes
) -> list[dict[str, Any]]:
    # The peaks are the log's compact range; appending a leaf merges equal-level
    # peaks, and each merge completes one aligned subtree worth storing.
    nodes = []
    level, node = 0, leaf_hash
    while peaks and peaks[-1][0] == level:
        node = node_hash(peaks.pop()[1], node)
        level += 1
        nodes.append(
            {
                "tenant_id": tenant_id,
                "level": level,
                "node_index": ((index + 1) >> level) - 1,
                "hash": node,
            }
        )
    peaks.append((level, node))
    return nodes


def _leaf_row(
    entry: StoredEntry, index: int, application: str, leaf_hash: bytes
) -> dict[str, Any]:
    return {
        "tenant_id": entry.tenant_id,
        "leaf_index": index,
        "application": application,
        "notification_id": entry.notification_id,
        "originator_id": entry.originator_id,
        "originator_version": entry.version,
        "topic": entry.topic,
        "recorded_at": entry.recorded_at,
        "payload_sha256": entry.payload_sha256,
        "leaf_hash": leaf_hash,
    }


def _save_size(
    conn: sa.Connection, tenant_id: UUID, application: str, old: int | None, new: int
) -> None:
    logs = evidence_logs
    if old is None:
        conn.execute(
            sa.insert(logs).values(
                tenant_id=tenant_id, application=application, tree_size=new
            )
        )
    else:
        conn.execute(
            sa.update(logs).where(logs.c.tenant_id == tenant_id).values(tree_size=new)
        )
