"""``safeledger evidence audit``: re-hash the store against the ledger and checkpoints.

Every stored event is hashed again into the leaf it should be; the result is
compared with the ledger's leaves (an edit, a deletion or an event inserted
behind the ledger's back shows there) and, rebuilt into trees, with every
published checkpoint (which also catches edits made to the ledger's own tables).
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

import sqlalchemy as sa
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from safeledger.evidence.leaf import Leaf
from safeledger.evidence.verifier import CompactRange
from safeledger.platform.evidence.attachments import redacted_digest, referenced_digests
from safeledger.platform.evidence.tables import evidence_checkpoints, evidence_keys
from safeledger.platform.runtime import Runtime
from safeledger.projections.ledger import evidence_leaves, queries
from safeledger.projections.ledger.projection import StoredEntry, stored_entry
from safeledger.projections.tracking import SQLTrackingRecorder
from safeledger.tenants.application import Ledger

BATCH = 1_000


@dataclass(frozen=True)
class Finding:
    """One thing the store, the ledger and the checkpoints disagree on."""

    kind: str
    tenant_id: str
    message: str

    def __str__(self) -> str:
        return f"{self.kind}: tenant {self.tenant_id}: {self.message}"


@dataclass
class AuditResult:
    """What the audit found and how much it looked at."""

    findings: list[Finding] = field(default_factory=list)
    events: int = 0
    checkpoints: int = 0
    pending: int = 0


def audit(runtime: Runtime) -> AuditResult:
    """Audit every shard of the store."""
    result = AuditResult()
    with runtime.engine.connect() as conn:
        keys = {
            row.key_id: bytes(row.public_key)
            for row in conn.execute(sa.select(evidence_keys))
        }
        for shard in range(runtime.settings.shards):
            _audit_shard(conn, runtime.store.shard(shard), keys, result, runtime.blobs)
    return result


def _audit_shard(
    conn: sa.Connection,
    ledger: Ledger,
    keys: dict[str, bytes],
    result: AuditResult,
    blobs: Any,
) -> None:
    position = SQLTrackingRecorder(conn.engine, "ledger").max_tracking_id(ledger.name)
    stored: dict[tuple[UUID, int], tuple[int, StoredEntry | None]] = {}
    by_tenant: dict[UUID, list[StoredEntry]] = {}
    files = AttachmentUse()
    for notification in _notifications(ledger):
        key = (UUID(str(notification.originator_id)), notification.originator_version)
        try:
            entry: StoredEntry | None = stored_entry(notification, ledger.mapper)
        except Exception:
            entry = None
        stored[key] = (notification.id, entry)
        if entry is not None:
            by_tenant.setdefault(entry.tenant_id, []).append(entry)
            files.note(entry.tenant_id, key, notification.topic, notification.state)
        result.events += 1
    _compare_leaves(conn, ledger.name, stored, result)
    for (originator, version), (notification_id, entry) in stored.items():
        if position is not None and notification_id <= position:
            tenant = str(entry.tenant_id) if entry else "unknown"
            result.findings.append(
                Finding(
                    "inserted",
                    tenant,
                    f"event {originator} version {version} (notification "
                    f"{notification_id}) is in the store but not in the ledger",
                )
            )
        else:
            result.pending += 1
    for tenant_id, entries in by_tenant.items():
        _check_checkpoints(conn, tenant_id, entries, keys, result)
    files.check(blobs, result)


@dataclass
class AttachmentUse:
    """Which attachments each tenant's events refer to, and which are redacted."""

    referenced: dict[tuple[UUID, str], tuple[UUID, int]] = field(default_factory=dict)
    redacted: set[tuple[UUID, str]] = field(default_factory=set)

    def note(
        self, tenant: UUID, event: tuple[UUID, int], topic: str, state: Any
    ) -> None:
        """Remember the digests one stored event names."""
        payload = bytes(state)
        for digest in referenced_digests(payload):
            self.referenced.setdefault((tenant, digest), event)
        withheld = redacted_digest(topic, payload)
        if withheld is not None:
            self.redacted.add((tenant, withheld))

    def check(self, blobs: Any, result: AuditResult) -> None:
        """Every referenced blob is held and hashes to its name, unless redacted."""
        checked: dict[str, bool | None] = {}
        for (tenant, digest), (originator, version) in sorted(
            self.referenced.items(), key=lambda item: (str(item[0][0]), item[0][1])
        ):
            if digest not in checked:
                checked[digest] = (
                    hashlib.sha256(blobs.read(digest)).hexdigest() == digest
                    if blobs.has(digest)
                    else None
                )
            event = f"event {originator} version {version}"
            if checked[digest] is None and (tenant, digest) not in self.redacted:
                message = f"attachment {digest} that {event} refers to is missing"
                result.findings.append(Finding("attachment", str(tenant), message))
            elif checked[digest] is False:
                message = (
                    f"attachment {digest} that {event} refers to does not match "
                    "its digest (changed)"
                )
                result.findings.append(Finding("attachment", str(tenant), message))


def _notifications(ledger: Ledger) -> Iterator[Any]:
    # From the very start: a row slipped in below the first id must be seen too.
    position: int | None = None
    while True:
        batch = ledger.recorder.select_notifications(
            start=position, limit=BATCH, inclusive_of_start=False
        )
        yield from batch
        if len(batch) < BATCH:
            return
        position = batch[-1].id


def _compare_leaves(
    conn: sa.Connection,
    application: str,
    stored: dict[tuple[UUID, int], tuple[int, StoredEntry | None]],
    result: AuditResult,
) -> None:
    leaves = evidence_leaves.c
    query = (
        sa.select(evidence_leaves)
        .where(leaves.application == application)
        .order_by(leaves.tenant_id, leaves.leaf_index)
    )
    for row in conn.execute(query):
        key = (row.originator_id, row.originator_version)
        event = f"event {key[0]} version {key[1]} (leaf {row.leaf_index})"
        found = stored.pop(key, None)
        if found is None:
            result.findings.append(
                Finding(
                    "removed", str(row.tenant_id), f"{event} is gone from the store"
                )
            )
            continue
        notification_id, entry = found
        if entry is None:
            message = f"{event} no longer decodes: its stored payload was changed"
            result.findings.append(Finding("changed", str(row.tenant_id), message))
            continue
        differing = _differences(entry.leaf(row.leaf_index), queries.as_leaf(row))
        if notification_id != row.notification_id:
            differing.append("position in the log")
        if differing:
            message = f"{event}: {', '.join(differing)} changed since it was ledgered"
            result.findings.append(Finding("changed", str(row.tenant_id), message))


def _differences(actual: Leaf, ledgered: Leaf) -> list[str]:
    names = ("tenant_id", "originator_id", "version", "topic", "recorded_at")
    differing = [n for n in names if getattr(actual, n) != getattr(ledgered, n)]
    if actual.payload_sha256 != ledgered.payload_sha256:
        differing.append("payload")
    return differing


def _check_checkpoints(
    conn: sa.Connection,
    tenant_id: UUID,
    entries: list[StoredEntry],
    keys: dict[str, bytes],
    result: AuditResult,
) -> None:
    published = list(
        conn.execute(
            sa.select(evidence_checkpoints)
            .where(evidence_checkpoints.c.tenant_id == tenant_id)
            .order_by(evidence_checkpoints.c.tree_size)
        )
    )
    sizes = {row.tree_size: row for row in published}
    tree = CompactRange(0, [])
    for index, entry in enumerate(entries):
        tree.append(entry.leaf(index).leaf_hash())
        if tree.size in sizes and tree.root() != bytes(sizes[tree.size].root):
            result.findings.append(
                Finding(
                    "checkpoint",
                    str(tenant_id),
                    f"the store no longer reproduces the checkpoint at size "
                    f"{tree.size}: some event up to leaf {tree.size - 1} was "
                    "changed, removed or inserted",
                )
            )
    for row in published:
        result.checkpoints += 1
        _check_signature(row, keys, result)
        if row.tree_size > len(entries):
            message = (
                f"the checkpoint at size {row.tree_size} has more leaves than the "
                "store has events"
            )
            result.findings.append(Finding("checkpoint", str(tenant_id), message))
        elif _ledger_root(conn, tenant_id, row.tree_size) != bytes(row.root):
            message = (
                "the ledger's own tables disagree with the checkpoint at size "
                f"{row.tree_size}"
            )
            result.findings.append(Finding("checkpoint", str(tenant_id), message))


def _ledger_root(conn: sa.Connection, tenant_id: UUID, size: int) -> bytes | None:
    try:
        return queries.root(conn, tenant_id, size)
    except LookupError:
        return None


def _check_signature(row: sa.Row, keys: dict[str, bytes], result: AuditResult) -> None:
    public_key = keys.get(row.key_id)
    try:
        if public_key is None:
            raise InvalidSignature
        Ed25519PublicKey.from_public_bytes(public_key).verify(
            bytes(row.signature), row.text.encode("utf-8")
        )
    except InvalidSignature:
        root = base64.b64encode(bytes(row.root)).decode()
        result.findings.append(
            Finding(
                "checkpoint",
                str(row.tenant_id),
                f"the checkpoint at size {row.tree_size} (root {root}) does not "
                f"verify with key {row.key_id}",
            )
        )
