"""Deadline sweeps, run inline: each thing found is recorded once, however often
or however concurrently the sweeps run."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest

from safeledger.platform.background.periodic import sweep_period
from safeledger.platform.background.runner import using_runtime
from safeledger.platform.background.sweeps import sweep_hazards, sweep_incidents
from safeledger.tenants import context
from safeledger.tenants.accountability import AccountabilityCase
from tests.background_support import (
    build_school,
    events_of,
    findings,
    late_incident,
    overdue_hazard,
    project,
)


@pytest.fixture
def school(runtime, operator):
    return build_school(runtime.store).school


def test_a_hazard_past_its_deadline_becomes_overdue_once_across_repeated_sweeps(
    runtime, school
):
    hazard = overdue_hazard(runtime.store, school)
    project(runtime)
    with using_runtime(runtime):
        first = sweep_hazards()
        second = sweep_hazards()
    assert first["overdue"] == 1
    assert second["overdue"] == 0
    [found] = findings(runtime, "hazard_overdue", hazard)
    assert found.actor == "system:sweep"


def test_overlapping_sweeps_record_an_overdue_hazard_once(runtime, school):
    hazard = overdue_hazard(runtime.store, school)
    project(runtime)
    barrier = threading.Barrier(4)

    def sweep() -> None:
        barrier.wait()
        with using_runtime(runtime):
            sweep_hazards()

    threads = [threading.Thread(target=sweep) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(findings(runtime, "hazard_overdue", hazard)) == 1


def test_a_hazard_overdue_beyond_the_grace_period_opens_one_case(runtime, school):
    hazard = overdue_hazard(runtime.store, school, days_late=10)
    project(runtime)
    with using_runtime(runtime):
        sweep_hazards()
        sweep_hazards()
    cases = [
        e
        for e in events_of(runtime, AccountabilityCase.Opened)
        if e.subject_id == hazard
    ]
    assert [c.reason for c in cases] == ["hazard_overdue"]


def test_a_late_verbal_report_opens_exactly_one_accountability_case(runtime, school):
    incident = late_incident(runtime.store, school)
    project(runtime)
    with using_runtime(runtime):
        sweep_incidents()
        sweep_incidents()
    assert len(findings(runtime, "incident_verbal_report_late", incident)) == 1
    opened = [
        e
        for e in events_of(runtime, AccountabilityCase.Opened)
        if e.subject_id == incident
    ]
    assert len(opened) == 1
    assert opened[0].reason == "late_incident_report"
    assert opened[0].automatic is True


def test_a_written_report_still_missing_after_its_limit_is_late(runtime, school):
    incident = late_incident(runtime.store, school, minutes_late=0)
    project(runtime)
    later = datetime.now(UTC) + timedelta(hours=2)
    with using_runtime(runtime), context.using_clock(lambda: later):
        sweep_incidents()
    assert len(findings(runtime, "incident_written_report_late", incident)) == 1


def test_a_school_without_drills_last_month_missed_its_requirement(runtime, school):
    project(runtime, ("directory", "rulesets", "drill_log", "monthly_reports"))
    with using_runtime(runtime):
        assert sweep_period("2026-05") >= 1
        assert sweep_period("2026-05") == 0
    assert len(findings(runtime, "drill_requirement_missed", school)) == 1
