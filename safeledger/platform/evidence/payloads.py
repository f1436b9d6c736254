"""The stored payload bytes of ledger leaves, read back from the event store.

An export refuses to package a payload whose hash no longer matches its leaf: a
bundle that would fail verification is a sign of tampering in the store, which
``safeledger evidence audit`` names.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from uuid import UUID

import sqlalchemy as sa

from safeledger.platform.evidence.keys import EvidenceError
from safeledger.tenants.application import Ledger

SCAN_BATCH = 1_000
# Up to this many aggregates, read each one's events; beyond, scan the log.
PER_AGGREGATE_LIMIT = 100


def stored_payloads(ledger: Ledger, rows: Sequence[sa.Row]) -> dict[int, bytes]:
    """Leaf index → payload bytes as stored, each checked against its leaf."""
    spans: dict = {}
    for row in rows:
        low, high = spans.get(row.originator_id, (row.originator_version,) * 2)
        spans[row.originator_id] = (
            min(low, row.originator_version),
            max(high, row.originator_version),
        )
    if len(spans) <= PER_AGGREGATE_LIMIT:
        by_event = _by_aggregate(ledger, spans)
    else:
        by_event = _by_scan(ledger, rows)
    payloads = {}
    for row in rows:
        key = (row.originator_id, row.originator_version)
        payload = by_event.get(key)
        if payload is None:
            raise EvidenceError(
                f"event {row.originator_id} version {row.originator_version} "
                f"(leaf {row.leaf_index}) is missing from the store; run "
                "`safeledger evidence audit`"
            )
        if hashlib.sha256(payload).digest() != bytes(row.payload_sha256):
            raise EvidenceError(
                f"event {row.originator_id} version {row.originator_version} "
                f"(leaf {row.leaf_index}) differs from its leaf; run "
                "`safeledger evidence audit`"
            )
        payloads[row.leaf_index] = payload
    return payloads


def _by_aggregate(ledger: Ledger, spans: dict) -> dict[tuple, bytes]:
    # Only the versions exported: a time range needs a slice of a long history.
    found = {}
    for originator_id, (low, high) in spans.items():
        events = ledger.recorder.select_events(originator_id, gt=low - 1, lte=high)
        for stored in events:
            found[(originator_id, stored.originator_version)] = stored.state
    return found


def _by_scan(ledger: Ledger, rows: Sequence[sa.Row]) -> dict[tuple, bytes]:
    wanted = {row.notification_id for row in rows}
    position, last = min(wanted), max(wanted)
    found = {}
    while position <= last:
        batch = ledger.recorder.select_notifications(
            start=position, limit=SCAN_BATCH, stop=last
        )
        for notification in batch:
            if notification.id in wanted:
                originator = UUID(str(notification.originator_id))
                key = (originator, notification.originator_version)
                found[key] = notification.state
        if len(batch) < SCAN_BATCH:
            break
        position = batch[-1].id + 1
    return found
