from datetime import UTC, datetime, timedelta
from uuid import uuid4

import pytest

from safeledger.tenants import context
from safeledger.tenants.errors import ConflictError, InvalidValueError
from safeledger.tenants.hazards import (
    DeadlineNotLaterError,
    DeadlinePassedError,
    EscalationError,
    FiveInPlaceError,
    Hazard,
    HazardState,
    HazardStateError,
    NotVerifiedError,
    PlaceRequiredError,
    SupervisorIsOwnerError,
    VerifierIsOwnerError,
    VerifierIsReporterError,
    VerifierNotSupervisorAccountError,
    VerifierNotSupervisorError,
)
from safeledger.tenants.values import (
    HazardCategory,
    HazardSeverity,
    MissingDocumentsError,
    NaiveDateTimeError,
    ReasonRequiredError,
    UnknownChoiceError,
)

pytestmark = pytest.mark.usefixtures("request_context")

PHOTO = "a" * 64
EVIDENCE = "b" * 64
UPPER = uuid4()


def logged(severity=HazardSeverity.GENERAL) -> Hazard:
    return Hazard.log(
        category=HazardCategory.ELECTRICAL,
        severity=severity,
        description="exposed wiring in the lab corridor",
        found_by="Li Ming",
        place="Science building, 2F corridor",
        photo_digests=[PHOTO],
    )


def assigned(clock, **five) -> Hazard:
    hazard = logged(HazardSeverity.MAJOR if five else HazardSeverity.GENERAL)
    hazard.assign(
        owner="Zhang Wei",
        supervisor="Chen Jing",
        deadline=clock.now + timedelta(days=7),
        **five,
    )
    return hazard


def report_as_owner(hazard: Hazard, summary: str) -> None:
    """The owner's account reports; the test's own actor then verifies."""
    with context.acting_as("user:owner"):
        hazard.report_rectification(summary, [EVIDENCE])


def reported(clock) -> Hazard:
    hazard = assigned(clock)
    report_as_owner(hazard, "rewired and covered")
    return hazard


FIVE = {
    "measures": "cordon off, rewire",
    "funds": "CNY 20,000 from the county repair fund",
    "contingency_plan": "evacuate the corridor on any smell of burning",
}


def test_a_hazard_goes_from_logged_to_closed(clock, reloaded):
    hazard = logged()
    assert hazard.state is HazardState.LOGGED
    hazard.assign(
        owner="Zhang Wei", supervisor="Chen Jing", deadline=clock.now + timedelta(7)
    )
    hazard.take_interim_measure("cordoned off the corridor")
    assert hazard.state is HazardState.RECTIFYING
    report_as_owner(hazard, "rewired")
    assert hazard.state is HazardState.REPORTED
    hazard.verify("Chen Jing", note="checked on site")
    assert hazard.state is HazardState.VERIFIED
    hazard.close()
    assert hazard.state is HazardState.CLOSED
    names = [type(e).__name__ for e in hazard.pending_events]
    assert names == [
        "Logged",
        "Assigned",
        "InterimMeasureTaken",
        "RectificationReported",
        "Verified",
        "Closed",
    ]
    copy = reloaded(hazard)
    assert copy.state is HazardState.CLOSED
    assert copy.interim_measures == ["cordoned off the corridor"]
    assert copy.evidence_digests == [EVIDENCE]


def test_events_carry_tenant_actor_and_server_time(clock, ledger_id):
    logged_event = logged().pending_events[0]
    assert logged_event.tenant_id == ledger_id
    assert logged_event.actor == "tester"
    assert logged_event.recorded_at == clock.now


def test_a_hazard_is_found_somewhere():
    with pytest.raises(PlaceRequiredError) as raised:
        Hazard.log(
            category="fire",
            severity="general",
            description="blocked exit",
            found_by="Li",
        )
    assert raised.value.rule == "place_or_grid_cell"
    place_id = uuid4()
    hazard = Hazard.log(
        category="fire",
        severity="general",
        description="blocked exit",
        found_by="Li",
        place_id=place_id,
    )
    assert hazard.place_id == place_id


def test_an_unknown_category_is_refused():
    with pytest.raises(UnknownChoiceError) as raised:
        Hazard.log(
            category="ghosts",
            severity="general",
            description="noises",
            found_by="Li",
            place="attic",
        )
    assert raised.value.field == "category"


def test_supervisor_cannot_also_own_the_hazard(clock, refused):
    hazard = logged()
    error = refused(
        hazard,
        SupervisorIsOwnerError,
        hazard.assign,
        owner="Zhang Wei",
        supervisor="Zhang Wei",
        deadline=clock.now + timedelta(days=1),
    )
    assert (error.rule, error.field) == ("supervisor_not_owner", "supervisor")


def test_a_deadline_must_lie_ahead_and_say_its_zone(clock, refused):
    hazard = logged()
    error = refused(
        hazard,
        DeadlinePassedError,
        hazard.assign,
        owner="Zhang",
        supervisor="Chen",
        deadline=clock.now,
    )
    assert (error.rule, error.field) == ("deadline_in_future", "deadline")
    refused(
        hazard,
        NaiveDateTimeError,
        hazard.assign,
        owner="Zhang",
        supervisor="Chen",
        deadline=datetime(2030, 1, 1),
    )


def test_a_major_hazard_needs_all_five_in_place(clock, refused):
    hazard = logged(HazardSeverity.MAJOR)
    error = refused(
        hazard,
        FiveInPlaceError,
        hazard.assign,
        owner="Zhang",
        supervisor="Chen",
        deadline=clock.now + timedelta(days=30),
        measures="cordon off",
        funds="  ",
    )
    assert error.rule == "five_in_place_for_major"
    assert error.field == "funds"
    assert "contingency_plan" in error.message
    hazard.assign(
        owner="Zhang", supervisor="Chen", deadline=clock.now + timedelta(30), **FIVE
    )
    assert hazard.five_in_place == FIVE


def test_a_general_hazard_needs_no_five_in_place(clock):
    assert assigned(clock).state is HazardState.ASSIGNED


def test_supervisor_who_owns_the_hazard_cannot_verify_it(clock, refused):
    hazard = reported(clock)
    error = refused(hazard, VerifierIsOwnerError, hazard.verify, "Zhang Wei")
    assert (error.rule, error.field) == ("verifier_not_owner", "verifier")
    refused(hazard, VerifierIsOwnerError, hazard.reject, "Zhang Wei", "not done")


def test_only_the_supervisor_verifies(clock, refused):
    hazard = reported(clock)
    error = refused(hazard, VerifierNotSupervisorError, hazard.verify, "Someone")
    assert error.rule == "verified_by_supervisor"


def test_a_rejected_rectification_goes_back_to_the_owner(clock):
    hazard = reported(clock)
    hazard.reject("Chen Jing", "cover plates missing")
    assert hazard.state is HazardState.ASSIGNED
    report_as_owner(hazard, "plates fitted")
    hazard.verify("Chen Jing")
    assert hazard.state is HazardState.VERIFIED


def test_a_rejection_needs_a_reason(clock, refused):
    hazard = reported(clock)
    refused(hazard, ReasonRequiredError, hazard.reject, "Chen Jing", " ")


def test_a_rectification_is_reported_with_evidence(clock, refused):
    hazard = assigned(clock)
    error = refused(
        hazard, MissingDocumentsError, hazard.report_rectification, "done", []
    )
    assert (error.rule, error.field) == ("documents_required", "evidence_digests")


@pytest.mark.parametrize("stage", ["logged", "assigned", "reported"])
def test_a_hazard_is_closed_only_after_verification(clock, refused, stage):
    hazard = {"logged": logged, "assigned": assigned, "reported": reported}[stage]
    hazard = hazard(clock) if stage != "logged" else hazard()
    error = refused(hazard, NotVerifiedError, hazard.close)
    assert error.rule == "closed_only_after_verification"
    assert isinstance(error, ConflictError)


def test_transitions_out_of_order_are_refused(clock, refused):
    hazard = logged()
    refused(hazard, HazardStateError, hazard.verify, "Chen Jing")
    refused(hazard, HazardStateError, hazard.report_rectification, "x", [EVIDENCE])
    refused(hazard, HazardStateError, hazard.take_interim_measure, "x")
    hazard = reported(clock)
    refused(
        hazard,
        HazardStateError,
        hazard.assign,
        owner="A",
        supervisor="B",
        deadline=clock.now + timedelta(days=1),
    )
    refused(hazard, HazardStateError, hazard.take_interim_measure, "late")
    hazard.verify("Chen Jing")
    hazard.close()
    error = refused(hazard, HazardStateError, hazard.close)
    assert error.rule == "closed_only_after_verification"


def test_a_deadline_is_extended_later_with_a_reason(clock, refused):
    hazard = assigned(clock)
    old = hazard.deadline
    refused(hazard, ReasonRequiredError, hazard.extend_deadline, old + timedelta(1), "")
    error = refused(
        hazard, DeadlineNotLaterError, hazard.extend_deadline, old, "parts late"
    )
    assert error.rule == "extended_deadline_later"
    hazard.extend_deadline(old + timedelta(days=5), "parts late")
    assert hazard.deadline == old + timedelta(days=5)
    assert hazard.pending_events[-1].previous_deadline == old


def test_a_hazard_is_overdue_after_its_deadline_until_reported(clock):
    hazard = logged()
    assert not hazard.is_overdue(clock.now + timedelta(days=365))
    hazard.assign(owner="Z", supervisor="C", deadline=clock.now + timedelta(days=7))
    assert not hazard.is_overdue(clock.now + timedelta(days=7))
    assert hazard.is_overdue(clock.now + timedelta(days=7, seconds=1))
    report_as_owner(hazard, "done")
    assert not hazard.is_overdue(clock.now + timedelta(days=8))
    hazard.reject("C", "not done")
    assert hazard.is_overdue(clock.now + timedelta(days=8))


def test_is_overdue_needs_an_aware_time(clock):
    with pytest.raises(InvalidValueError):
        assigned(clock).is_overdue(datetime(2030, 1, 1))


def test_a_major_hazard_is_escalated_once_to_an_upper_tenant(clock, reloaded):
    hazard = assigned(clock, **FIVE)
    hazard.escalate(UPPER, [uuid4(), UPPER], "three months without funds")
    assert hazard.escalated_to == UPPER
    assert reloaded(hazard).escalated_to == UPPER


def test_escalation_rules(clock, refused):
    general = assigned(clock)
    error = refused(general, EscalationError, general.escalate, UPPER, [UPPER], "x")
    assert (error.rule, error.field) == ("major_escalated_once_upwards", "severity")
    major = assigned(clock, **FIVE)
    error = refused(major, EscalationError, major.escalate, uuid4(), [UPPER], "x")
    assert error.field == "upper_tenant_id"
    major.escalate(UPPER, [UPPER], "stalled")
    error = refused(major, EscalationError, major.escalate, UPPER, [UPPER], "x")
    assert error.field == "state"


def test_a_closed_major_hazard_is_not_escalated(clock, refused):
    hazard = assigned(clock, **FIVE)
    report_as_owner(hazard, "done")
    hazard.verify("Chen Jing")
    hazard.close()
    refused(hazard, EscalationError, hazard.escalate, UPPER, [UPPER], "late")


def test_deadlines_keep_their_zone_through_the_store(clock, reloaded):
    hazard = logged()
    deadline = datetime(2025, 4, 1, 18, 0, tzinfo=UTC)
    hazard.assign(owner="Z", supervisor="C", deadline=deadline)
    assert reloaded(hazard).deadline == deadline


def test_the_account_that_reported_cannot_verify(clock, refused):
    hazard = assigned(clock)
    hazard.report_rectification("rewired", [EVIDENCE])  # as the test's own actor
    error = refused(hazard, VerifierIsReporterError, hazard.verify, "Chen Jing")
    assert error.rule == "verifier_not_reporter"
    refused(hazard, VerifierIsReporterError, hazard.reject, "Chen Jing", "no")


def test_a_supervisor_account_verifies_and_no_other(clock, refused):
    hazard = logged()
    hazard.assign(
        owner="Zhang Wei",
        supervisor="Chen Jing",
        deadline=clock.now + timedelta(days=7),
        supervisor_account="user:chen",
    )
    report_as_owner(hazard, "rewired")
    refused(hazard, VerifierNotSupervisorAccountError, hazard.verify, "Chen Jing")
    with context.acting_as("user:chen"):
        hazard.verify("Chen Jing")
    assert hazard.state is HazardState.VERIFIED
