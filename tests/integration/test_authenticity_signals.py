"""Authenticity signals: reused photos, copied drill summaries, back-filled records."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from safeledger.platform.projector import catch_up
from safeledger.projections.compliance import queries
from safeledger.projections.compliance.periods import Period
from safeledger.projections.compliance.signals import signals
from safeledger.projections.scope import Scope
from safeledger.tenants.values import CHINA_TIME
from tests.compliance_support import (
    READ_MODELS,
    Clock,
    build_hierarchy,
    sha,
    with_clock,
)

pytestmark = pytest.mark.usefixtures("operator")


def drill(store, school, clock, *, held_days_ago, summary, photo):
    ledger = store.for_tenant(school)
    planned = (clock.at - timedelta(days=held_days_ago)).date()
    drill_id = ledger.plan_drill(school, "fire", planned).aggregate_id
    ledger.hold_drill(
        school,
        drill_id,
        None,
        held_at=clock.at - timedelta(days=held_days_ago),
        participants=50,
        duration_minutes=20,
        evacuation_seconds=100,
        plan_digest=sha("plan"),
        summary_digest=sha(summary),
        evaluation_digest=sha("eval"),
        photo_digests=[sha(photo)],
    )
    clock.advance(days=1)
    return drill_id


def test_signals_name_reuse_copies_and_backfilling_without_changing_scores(
    runtime, settings
):
    clock = Clock(datetime(2026, 4, 10, tzinfo=CHINA_TIME))
    with with_clock(clock):
        made = build_hierarchy(runtime.store, cities=1, counties=1, schools=3)
        a, b, c = made.schools
        drill(runtime.store, a, clock, held_days_ago=0, summary="same", photo="p1")
        drill(runtime.store, b, clock, held_days_ago=0, summary="same", photo="p2")
        drill(runtime.store, a, clock, held_days_ago=0, summary="own-a", photo="p1")
        late = drill(
            runtime.store, c, clock, held_days_ago=20, summary="own-c", photo="p3"
        )
        clock.advance(days=30)
    for name in ("directory", *READ_MODELS):
        catch_up(settings, runtime.engine, name)
    path = f"/{made.province.hex}/"
    with runtime.engine.connect() as conn:
        found = signals(conn, Scope.everything(), path)
        judged = queries.judge_schools(
            conn, Scope.everything(), path, Period.parse("2026-03"), now=clock.at
        )
    kinds = {(s["kind"], s["tenant_id"]) for s in found}
    assert kinds == {
        ("reused_photo", a),
        ("identical_summary", a),
        ("identical_summary", b),
        ("backfilled", c),
    }
    backfilled = next(s for s in found if s["kind"] == "backfilled")
    assert backfilled["records"] == [str(late)]
    drills = {s["tenant_id"]: s["metrics"][0] for s in judged}
    assert drills[c]["figures"]["held"] == 1  # the back-filled drill still counts
