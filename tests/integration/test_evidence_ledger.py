"""The evidence ledger projection and its proofs, on SQLite and PostgreSQL."""

from __future__ import annotations

import hashlib
import time

import pytest
import sqlalchemy as sa

from safeledger.evidence import merkle
from safeledger.platform.projector import rebuild, status
from safeledger.projections.ledger import (
    evidence_leaves,
    evidence_logs,
    evidence_subtrees,
    queries,
)
from tests.conftest import stored_events
from tests.evidence_support import ledgered, province, renames

pytestmark = pytest.mark.usefixtures("operator")


def ledger_rows(engine: sa.Engine) -> list[tuple]:
    rows = []
    with engine.connect() as conn:
        for table in (evidence_leaves, evidence_subtrees, evidence_logs):
            keys = list(table.primary_key.columns)
            rows += [tuple(r) for r in conn.execute(sa.select(table).order_by(*keys))]
    return rows


def leaf_hashes(engine: sa.Engine, tenant_id) -> list[bytes]:
    with engine.connect() as conn:
        rows = queries.leaf_rows(conn, tenant_id, 0, queries.tree_size(conn, tenant_id))
        return [bytes(row.leaf_hash) for row in rows]


@pytest.mark.parametrize("shards", [1, 2])
def test_rebuilding_the_ledger_from_zero_gives_identical_rows(
    runtime, settings, shards
):
    projector = runtime.start_projector()
    tenants = [province(runtime.store, code) for code in ("A", "B", "C")]
    for count, tenant_id in zip((5, 40, 17), tenants, strict=True):
        renames(runtime.store, tenant_id, count)
    deadline = time.monotonic() + 20
    while any(lag.pending for lag in status(settings, runtime.engine)):
        assert time.monotonic() < deadline, status(settings, runtime.engine)
        time.sleep(0.1)
    projector.stop()
    incremental = ledger_rows(runtime.engine)
    assert rebuild(settings, runtime.engine, "ledger") == len(stored_events(runtime))
    assert ledger_rows(runtime.engine) == incremental
    with runtime.engine.connect() as conn:
        sizes = [queries.tree_size(conn, t) for t in tenants]
    assert sizes == [6, 41, 18]


def test_leaves_follow_the_tenants_order_in_its_shard(runtime):
    first, second = province(runtime.store, "A"), province(runtime.store, "B")
    renames(runtime.store, first, 3)
    renames(runtime.store, second, 2)
    renames(runtime.store, first, 2)
    ledgered(runtime)
    with runtime.engine.connect() as conn:
        rows = list(queries.leaf_rows(conn, first, 0, 100))
    assert [row.leaf_index for row in rows] == list(range(6))
    assert [row.originator_version for row in rows] == list(range(1, 7))
    notification_ids = [row.notification_id for row in rows]
    assert notification_ids == sorted(notification_ids)
    assert notification_ids[-1] - notification_ids[0] > 5  # B's events in between


def test_subtree_proofs_equal_the_rfc_list_proofs(runtime):
    tenant_id = province(runtime.store)
    renames(runtime.store, tenant_id, 76)
    ledgered(runtime)
    hashes = leaf_hashes(runtime.engine, tenant_id)
    with runtime.engine.connect() as conn:
        for size in (1, 2, 7, 32, 33, 77):
            assert queries.root(conn, tenant_id, size) == merkle.root_from_leaf_hashes(
                hashes[:size]
            )
            for index in {0, size // 2, size - 1}:
                assert queries.inclusion_proof(
                    conn, tenant_id, index, size
                ) == merkle.inclusion_proof(index, hashes[:size])
            for old in {1, size // 3 or 1, size}:
                assert queries.consistency_proof(
                    conn, tenant_id, old, size
                ) == merkle.consistency_proof(old, hashes[:size])


def test_a_leaf_commits_to_the_stored_payload_bytes(runtime):
    tenant_id = province(runtime.store)
    ledgered(runtime)
    [stored] = stored_events(runtime)
    with runtime.engine.connect() as conn:
        row = queries.leaf_of(conn, tenant_id, tenant_id, 1)
    assert bytes(row.payload_sha256) == hashlib.sha256(stored.state).digest()
    assert queries.as_leaf(row).leaf_hash() == bytes(row.leaf_hash)
