"""Findings and accountability cases (问责) through the ledger."""

from __future__ import annotations

from safeledger.tenants.accountability import AccountabilityCase, CaseState
from safeledger.tenants.commands.base import AlreadyRecordedError
from safeledger.tenants.errors import InvalidValueError


def test_a_sweeps_finding_and_case_are_recorded_once(ledger, tenants):
    school = tenants.school
    finding = {
        "rule": "drill_requirement_missed",
        "subject_kind": "school",
        "subject_id": school,
        "due": "2025-02",
    }
    first = ledger.record_finding(school, **finding, detail={"reason": "无演练"})
    assert first is not None
    assert ledger.record_finding(school, **finding) is None
    case = {
        "subject_kind": "school",
        "subject_id": school,
        "reason": "hazard_overdue",
        "summary": "逾期",
        "finding_id": first.aggregate_id,
    }
    opened = ledger.open_case_once(school, **case)
    assert opened is not None
    assert ledger.open_case_once(school, **case) is None
    loaded = ledger.load(AccountabilityCase, school, opened.aggregate_id)
    assert loaded.automatic


def test_a_case_opened_by_hand_is_decided_then_closed(ledger, tenants):
    school = tenants.school
    case = ledger.open_case(
        school,
        subject_kind="tenant",
        subject_id=school,
        reason="hazard_overdue",
        summary="整改不力",
    ).aggregate_id
    ledger.decide_case(school, case, None, "interview", "约谈校长")
    ledger.close_case(school, case, None, "已整改")
    loaded = ledger.load(AccountabilityCase, school, case)
    assert (loaded.state, loaded.automatic) == (CaseState.CLOSED, False)


def test_a_case_about_the_tenant_names_the_tenant_itself(
    ledger, tenants, nothing_recorded
):
    nothing_recorded(
        InvalidValueError,
        ledger.open_case,
        tenants.school,
        subject_kind="tenant",
        subject_id=tenants.county,
        reason="hazard_overdue",
        summary="x",
    )


def test_the_same_subject_and_reason_opens_one_case_by_hand(
    ledger, tenants, nothing_recorded
):
    case = {
        "subject_kind": "tenant",
        "subject_id": tenants.school,
        "reason": "hazard_overdue",
        "summary": "x",
    }
    ledger.open_case(tenants.school, **case)
    nothing_recorded(AlreadyRecordedError, ledger.open_case, tenants.school, **case)
