"""After a command's wait, every projection shows it, even those without topics."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from safeledger.projections.audit_trail.tables import audit_trail
from safeledger.projections.ledger import queries
from tests.evidence_support import province

pytestmark = pytest.mark.usefixtures("operator")


@pytest.mark.parametrize("backend", ["sqlite"])
def test_the_audit_trail_and_evidence_ledger_show_each_command_after_its_wait(
    runtime,
):
    runtime.start_projector()
    tenant_id = province(runtime.store, "44")
    ledger = runtime.store.for_tenant(tenant_id)
    assert runtime.wait_for_projections(ledger.rename_tenant(tenant_id, "省 0"))
    for n in range(1, 21):
        recorded = ledger.rename_tenant(tenant_id, f"省 {n}")
        assert runtime.wait_for_projections(recorded)
        with runtime.engine.connect() as conn:
            trail = conn.scalar(
                sa.select(sa.func.count())
                .select_from(audit_trail)
                .where(audit_trail.c.tenant_id == tenant_id)
            )
            size = queries.tree_size(conn, tenant_id)
        assert (trail, size) == (n + 2, n + 2)
