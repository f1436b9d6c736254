"""Hazards through the ledger: log → assign → rectify → verify → close (销号)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from safeledger.tenants import context
from safeledger.tenants.hazards import (
    Hazard,
    HazardState,
    NotVerifiedError,
    SupervisorIsOwnerError,
)
from tests.unit.tenants.commands.conftest import DIGEST


def logged(ledger, school, severity="general"):
    return ledger.log_hazard(
        school,
        category="fire",
        severity=severity,
        description="灭火器过期",
        found_by="安全员",
        place="食堂",
        photo_digests=[DIGEST],
    ).aggregate_id


def assigned(ledger, school, severity="general", **five):
    hazard = logged(ledger, school, severity)
    ledger.assign_hazard(
        school,
        hazard,
        None,
        owner="后勤",
        supervisor="副校长",
        deadline=context.now() + timedelta(days=7),
        **five,
    )
    return hazard


def state(ledger, school, hazard):
    return ledger.load(Hazard, school, hazard).state


def test_a_hazard_goes_from_logged_to_closed(ledger, tenants):
    school = tenants.school
    hazard = assigned(ledger, school)
    ledger.take_interim_measure(school, hazard, None, "临时封闭")
    later = context.now() + timedelta(days=14)
    ledger.extend_hazard_deadline(school, hazard, None, later, "等待配件")
    ledger.report_rectification(
        school, hazard, None, summary="已更换", evidence_digests=[DIGEST]
    )
    with context.acting_as("user:supervisor"):
        ledger.reject_rectification(
            school, hazard, None, verifier="副校长", reason="未贴标"
        )
    ledger.report_rectification(
        school, hazard, None, summary="已贴标", evidence_digests=[DIGEST]
    )
    with context.acting_as("user:supervisor"):
        ledger.verify_hazard(school, hazard, None, verifier="副校长", note="好")
    closed = ledger.close_hazard(school, hazard, None)
    loaded = ledger.load(Hazard, school, hazard)
    assert (loaded.state, loaded.deadline, closed.version) == (
        HazardState.CLOSED,
        later,
        loaded.version,
    )


def test_the_supervisor_cannot_own_the_hazard(ledger, tenants, nothing_recorded):
    hazard = logged(ledger, tenants.school)
    nothing_recorded(
        SupervisorIsOwnerError,
        ledger.assign_hazard,
        tenants.school,
        hazard,
        None,
        owner="张",
        supervisor="张",
        deadline=context.now() + timedelta(days=1),
    )
    assert state(ledger, tenants.school, hazard) == HazardState.LOGGED


def test_an_unverified_hazard_is_not_closed(ledger, tenants, nothing_recorded):
    hazard = assigned(ledger, tenants.school)
    nothing_recorded(NotVerifiedError, ledger.close_hazard, tenants.school, hazard, 2)


def test_a_major_hazard_is_escalated_to_an_upper_tenant(ledger, tenants):
    five = {"measures": "封闭", "funds": "5万元", "contingency_plan": "预案"}
    hazard = assigned(ledger, tenants.school, "major", **five)
    ledger.escalate_hazard(tenants.school, hazard, None, tenants.county, "重大隐患")
    assert ledger.load(Hazard, tenants.school, hazard).escalated_to == tenants.county


@pytest.mark.parametrize("field", ["category", "severity"])
def test_an_unknown_choice_is_refused(ledger, tenants, nothing_recorded, field):
    details = {
        "category": "fire",
        "severity": "general",
        "description": "x",
        "found_by": "y",
        "place": "z",
    }
    error = nothing_recorded(
        Exception, ledger.log_hazard, tenants.school, **{**details, field: "?"}
    )
    assert error.field == field
