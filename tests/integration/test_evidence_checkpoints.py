"""Signed checkpoints: published per grown tenant, append-only, across key rotation."""

from __future__ import annotations

import base64

import pytest
import sqlalchemy as sa
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from safeledger.evidence.checkpoint import Checkpoint
from safeledger.evidence.verifier import rotation_text
from safeledger.platform.evidence import checkpoints, keys
from safeledger.platform.evidence.tables import evidence_checkpoints
from safeledger.projections.ledger import queries
from tests.evidence_support import ledgered, province, renames, signing_key

pytestmark = pytest.mark.usefixtures("operator", "signing_key")
__all__ = ["signing_key"]


def signature_holds(public_key: str, signature: bytes, text: str) -> bool:
    key = Ed25519PublicKey.from_public_bytes(base64.b64decode(public_key))
    key.verify(signature, text.encode())
    return True


def test_signing_publishes_one_checkpoint_per_tenant_with_new_leaves(runtime, settings):
    first, second = province(runtime.store, "A"), province(runtime.store, "B")
    renames(runtime.store, first, 4)
    ledgered(runtime)
    assert len(checkpoints.publish(settings, runtime.engine)) == 2
    assert checkpoints.publish(settings, runtime.engine) == []  # nothing new

    renames(runtime.store, second, 2)
    ledgered(runtime)
    [published] = checkpoints.publish(settings, runtime.engine)
    assert (published.tenant_id, published.tree_size) == (second, 3)
    parsed = Checkpoint.parse(published.text)
    assert parsed.origin == f"safeledger.local/tenants/{second}"
    with runtime.engine.connect() as conn:
        assert parsed.root == queries.root(conn, second, 3)
        [key] = keys.history(conn)
    assert signature_holds(key["public_key"], published.signature, published.text)


def test_published_checkpoints_refuse_update_and_delete(runtime, settings):
    renames(runtime.store, province(runtime.store), 2)
    ledgered(runtime)
    checkpoints.publish(settings, runtime.engine)
    for change in (
        sa.update(evidence_checkpoints).values(tree_size=99),
        sa.delete(evidence_checkpoints),
    ):
        with (
            pytest.raises(sa.exc.DatabaseError, match="append-only"),
            runtime.engine.begin() as conn,
        ):
            conn.execute(change)


def test_a_rotated_key_is_endorsed_by_its_predecessor_and_both_stay_published(
    runtime, settings
):
    tenant_id = province(runtime.store)
    ledgered(runtime)
    [before] = checkpoints.publish(settings, runtime.engine)
    old_id, new_id = keys.rotate(settings, runtime.engine)
    renames(runtime.store, tenant_id, 1)
    ledgered(runtime)
    [after] = checkpoints.publish(settings, runtime.engine)

    with runtime.engine.connect() as conn:
        old, new = keys.history(conn)
    assert (before.key_id, after.key_id) == (old_id, new_id)
    assert (old["key_id"], new["key_id"], new["endorsed_by"]) == (
        old_id,
        new_id,
        old_id,
    )
    assert old["retired_at"] == new["activated_at"]
    handover = rotation_text(
        old_id, base64.b64decode(new["public_key"]), new["endorsement_time"]
    )
    assert signature_holds(
        old["public_key"], base64.b64decode(new["endorsement"]), handover
    )
    assert signature_holds(old["public_key"], before.signature, before.text)
    assert signature_holds(new["public_key"], after.signature, after.text)
