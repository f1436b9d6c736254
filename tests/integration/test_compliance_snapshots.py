"""The daily compliance snapshot: one row per school and day, however often it runs."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa

from safeledger.platform.background.runner import using_runtime
from safeledger.platform.background.snapshots import snapshot_compliance
from safeledger.platform.background.tables import compliance_snapshots as cs
from safeledger.tenants import context
from tests.background_support import build_school, project
from tests.compliance_support import READ_MODELS


@pytest.fixture
def school(runtime, operator):
    school = build_school(runtime.store).school
    project(runtime, ("directory", *READ_MODELS))
    return school


def test_a_snapshot_is_taken_once_per_school_and_day(runtime, school):
    first = datetime.now(UTC) + timedelta(hours=1)
    second = first + timedelta(days=1)
    with using_runtime(runtime), context.using_clock(lambda: first):
        assert snapshot_compliance() == 1
        assert snapshot_compliance() == 0
    with using_runtime(runtime), context.using_clock(lambda: second):
        assert snapshot_compliance() == 1
    with runtime.engine.connect() as conn:
        rows = conn.execute(sa.select(cs).order_by(cs.c.day)).all()
    days = [
        moment.astimezone(ZoneInfo("Asia/Shanghai")).date()
        for moment in (first, second)
    ]
    assert [(r.tenant_id, r.day) for r in rows] == [(school, day) for day in days]
    assert rows[0].period == f"{days[0].year:04d}-{days[0].month:02d}"
    row = rows[0]
    assert row.green + row.amber + row.red == len(row.metrics)
    assert row.status in ("green", "amber", "red")
