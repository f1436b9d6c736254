"""The signed and hashed formats, pinned: the platform and the verifier agree."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta, timezone

import pytest

from safeledger.evidence import verifier
from safeledger.evidence.checkpoint import Checkpoint, key_id, rotation_text
from safeledger.evidence.leaf import Leaf, event_line, utc_text

TENANT = "ee5249cc-d3a3-5df1-a88d-db57026a2033"
LEAF = Leaf(
    tenant_id=TENANT,
    index=7,
    originator_id=TENANT,
    version=8,
    topic="safeledger.tenants.hierarchy:Tenant.Renamed",
    recorded_at="2026-11-29T09:46:32.987985Z",
    payload_sha256="ab" * 32,
)
GOLDEN_BYTES = (
    b'["safeledger-leaf/1","ee5249cc-d3a3-5df1-a88d-db57026a2033",7,'
    b'"ee5249cc-d3a3-5df1-a88d-db57026a2033",8,'
    b'"safeledger.tenants.hierarchy:Tenant.Renamed",'
    b'"2026-11-29T09:46:32.987985Z","' + b"ab" * 32 + b'"]'
)
GOLDEN_HASH = "dcfc9bad92861998667de8d74183cdd733889a754cfd5d2fb5b47500b2c433bd"


def test_leaf_bytes_are_the_compact_json_array_of_its_fields():
    assert LEAF.canonical_bytes() == GOLDEN_BYTES
    assert LEAF.leaf_hash().hex() == GOLDEN_HASH
    assert hashlib.sha256(b"\x00" + GOLDEN_BYTES).hexdigest() == GOLDEN_HASH


def test_the_verifier_derives_the_same_leaf_bytes_from_a_bundle_line():
    import json

    record = json.loads(LEAF.line())
    assert verifier.leaf_bytes(record) == GOLDEN_BYTES
    assert record["hash"] == GOLDEN_HASH
    event = json.loads(event_line(LEAF, b"{}"))
    assert verifier.leaf_bytes({**event, "payload_sha256": "ab" * 32}) == GOLDEN_BYTES


def test_recorded_at_is_utc_with_microseconds_whatever_the_zone():
    beijing = timezone(timedelta(hours=8))
    moment = datetime(2026, 11, 29, 17, 46, 32, 5, tzinfo=beijing)
    assert utc_text(moment) == "2026-11-29T09:46:32.000005Z"
    with pytest.raises(ValueError, match="timezone-aware"):
        utc_text(datetime(2026, 1, 1))


def test_a_checkpoint_text_round_trips_in_the_platform_and_the_verifier():
    checkpoint = Checkpoint(
        origin=f"safeledger.local/tenants/{TENANT}",
        tree_size=1234,
        root=hashlib.sha256(b"root").digest(),
        time=utc_text(datetime(2026, 11, 29, tzinfo=UTC)),
        key_id="1a2b3c4d5e6f7a8b",
    )
    text = checkpoint.text()
    assert text.splitlines()[1:2] == ["1234"]
    assert Checkpoint.parse(text) == checkpoint
    parsed = verifier.Checkpoint.parse(text)
    assert (parsed.origin, parsed.size, parsed.root, parsed.time, parsed.key_id) == (
        checkpoint.origin,
        1234,
        checkpoint.root,
        checkpoint.time,
        checkpoint.key_id,
    )


@pytest.mark.parametrize(
    "text",
    ["", "o\n12\nroot\ntime t\nkey k\n", "o\n012\nAA==\ntime t\nkey k\n", "o\n1\n"],
)
def test_a_malformed_checkpoint_is_refused_by_both(text):
    with pytest.raises(ValueError):
        Checkpoint.parse(text)
    with pytest.raises(ValueError):
        verifier.Checkpoint.parse(text)


def test_key_ids_and_rotation_texts_agree():
    public_key = bytes(range(32))
    assert key_id(public_key) == verifier.key_id(public_key)
    assert len(key_id(public_key)) == 16
    time = "2026-11-29T00:00:00.000000Z"
    assert rotation_text("aa", public_key, time) == verifier.rotation_text(
        "aa", public_key, time
    )


def test_the_compact_range_root_equals_the_rfc_root():
    from safeledger.evidence import merkle

    leaves = [merkle.leaf_hash(bytes([n])) for n in range(37)]
    for start in (0, 1, 6, 16, 37):
        peaks = [
            merkle.root_from_leaf_hashes(leaves[lo:hi]) for lo, hi in _peaks(start)
        ]
        tree = verifier.CompactRange(start, peaks)
        for leaf in leaves[start:]:
            tree.append(leaf)
        assert tree.root() == merkle.root_from_leaf_hashes(leaves)


def _peaks(size: int) -> list[tuple[int, int]]:
    spans, offset = [], 0
    for level in reversed(range(size.bit_length())):
        if size >> level & 1:
            spans.append((offset, offset + (1 << level)))
            offset += 1 << level
    return spans
