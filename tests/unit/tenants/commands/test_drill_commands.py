"""Drills through the ledger: plan, reschedule, hold, cancel, log findings."""

from __future__ import annotations

from datetime import timedelta

from safeledger.tenants import context
from safeledger.tenants.drills import (
    Drill,
    DrillCancelledError,
    DrillNotHeldError,
    DrillState,
)
from safeledger.tenants.hazards import Hazard
from tests.unit.tenants.commands.conftest import DIGEST


def planned(ledger, school):
    return ledger.plan_drill(school, "fire", context.now().date()).aggregate_id


def hold(ledger, school, drill):
    ledger.hold_drill(
        school,
        drill,
        None,
        held_at=context.now() - timedelta(hours=1),
        participants=860,
        duration_minutes=30,
        evacuation_seconds=180,
        plan_digest=DIGEST,
        summary_digest=DIGEST,
        evaluation_digest=DIGEST,
        photo_digests=[DIGEST],
    )


FINDING = {
    "category": "building",
    "severity": "general",
    "description": "楼梯口堵塞",
    "found_by": "安全员",
    "place": "B 楼梯",
}


def test_a_rescheduled_drill_is_held_with_its_figures(ledger, tenants):
    school, drill = tenants.school, planned(ledger, tenants.school)
    later = context.now().date() + timedelta(days=3)
    ledger.reschedule_drill(school, drill, None, later, "考试周")
    hold(ledger, school, drill)
    loaded = ledger.load(Drill, school, drill)
    assert (loaded.state, loaded.planned_on) == (DrillState.HELD, later)


def test_a_cancelled_drill_is_not_cancelled_again(ledger, tenants, nothing_recorded):
    school, drill = tenants.school, planned(ledger, tenants.school)
    ledger.cancel_drill(school, drill, None, "停电")
    nothing_recorded(DrillCancelledError, ledger.cancel_drill, school, drill, 2, "x")


def test_a_finding_logs_a_hazard_and_notes_it_on_the_drill_together(ledger, tenants):
    school, drill = tenants.school, planned(ledger, tenants.school)
    hold(ledger, school, drill)
    found = ledger.log_drill_finding(school, drill, None, **FINDING)
    hazard = ledger.load(Hazard, school, found.created_id)
    assert hazard.description == "楼梯口堵塞"
    assert found.aggregate_id == drill
    assert len(found.topics) == 2


def test_a_planned_drill_logs_neither_finding_nor_hazard(
    ledger, tenants, nothing_recorded
):
    school, drill = tenants.school, planned(ledger, tenants.school)
    nothing_recorded(
        DrillNotHeldError, ledger.log_drill_finding, school, drill, None, **FINDING
    )
