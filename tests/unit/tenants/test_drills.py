from datetime import date, datetime, timedelta
from uuid import uuid4

import pytest

from safeledger.tenants.drills import (
    Drill,
    DrillAlreadyHeldError,
    DrillCancelledError,
    DrillNotHeldError,
    DrillState,
    EvacuationTooLongError,
    FindingAlreadyRecordedError,
    SameDateError,
)
from safeledger.tenants.errors import InvalidValueError
from safeledger.tenants.values import (
    DrillKind,
    FutureTimeError,
    MissingDocumentsError,
    OutOfRangeError,
    ReasonRequiredError,
)

pytestmark = pytest.mark.usefixtures("request_context")

PLAN, SUMMARY, EVALUATION, PHOTO = ("1" * 64, "2" * 64, "3" * 64, "4" * 64)


def planned() -> Drill:
    return Drill.plan(kind=DrillKind.FIRE, planned_on=date(2025, 3, 14))


def hold(drill: Drill, held_at: datetime, **changes) -> None:
    figures = {
        "held_at": held_at,
        "participants": 820,
        "duration_minutes": 25,
        "evacuation_seconds": 140,
        "plan_digest": PLAN,
        "summary_digest": SUMMARY,
        "evaluation_digest": EVALUATION,
        "photo_digests": [PHOTO],
    }
    drill.hold(**{**figures, **changes})


def test_a_drill_is_planned_rescheduled_held_and_its_findings_recorded(clock, reloaded):
    drill = planned()
    assert drill.state is DrillState.PLANNED
    drill.reschedule(date(2025, 3, 21), "exam week")
    assert drill.planned_on == date(2025, 3, 21)
    hold(drill, clock.now - timedelta(hours=1))
    assert drill.state is DrillState.HELD
    assert drill.evacuation_seconds == 140
    assert drill.documents == {
        "plan": PLAN,
        "summary": SUMMARY,
        "evaluation": EVALUATION,
    }
    hazard_id = uuid4()
    drill.record_finding(hazard_id, "stairwell B exit half blocked")
    assert drill.findings == {hazard_id: "stairwell B exit half blocked"}
    names = [type(e).__name__ for e in drill.pending_events]
    assert names == ["Planned", "Rescheduled", "Held", "FindingRecorded"]
    assert drill.pending_events[1].previous_planned_on == "2025-03-14"
    copy = reloaded(drill)
    assert copy.planned_on == date(2025, 3, 21)
    assert copy.held_at == clock.now - timedelta(hours=1)
    assert copy.findings == {hazard_id: "stairwell B exit half blocked"}


def test_a_drill_may_be_held_at_the_present_moment(clock):
    drill = planned()
    hold(drill, clock.now)
    assert drill.held_at == clock.now


def test_a_drill_cannot_be_held_in_the_future(clock, refused):
    drill = planned()
    error = refused(drill, FutureTimeError, hold, drill, clock.now + timedelta(1))
    assert (error.rule, error.field) == ("not_in_future", "held_at")


def test_a_cancelled_drill_cannot_be_held(clock, refused):
    drill = planned()
    drill.cancel("typhoon warning")
    assert drill.state is DrillState.CANCELLED
    error = refused(drill, DrillCancelledError, hold, drill, clock.now)
    assert error.rule == "cancelled_drill_unchanged"
    refused(drill, DrillCancelledError, drill.reschedule, date(2025, 4, 1), "x")
    refused(drill, DrillCancelledError, drill.cancel, "again")


def test_a_held_drill_cannot_be_rescheduled(clock, refused):
    drill = planned()
    hold(drill, clock.now)
    error = refused(
        drill, DrillAlreadyHeldError, drill.reschedule, date(2025, 4, 1), "redo"
    )
    assert error.rule == "held_drill_unchanged"
    refused(drill, DrillAlreadyHeldError, drill.cancel, "too late")
    refused(drill, DrillAlreadyHeldError, hold, drill, clock.now)


def test_rescheduling_and_cancelling_need_a_reason(refused):
    drill = planned()
    refused(drill, ReasonRequiredError, drill.reschedule, date(2025, 4, 1), "")
    refused(drill, ReasonRequiredError, drill.cancel, None)


def test_rescheduling_moves_the_drill_to_another_date(refused):
    drill = planned()
    error = refused(drill, SameDateError, drill.reschedule, date(2025, 3, 14), "x")
    assert error.field == "planned_on"


def test_a_plan_is_for_a_day():
    with pytest.raises(InvalidValueError) as raised:
        Drill.plan(kind="fire", planned_on=datetime(2025, 3, 14, 9, 0))
    assert raised.value.field == "planned_on"


def test_findings_come_from_a_held_drill(refused):
    drill = planned()
    error = refused(drill, DrillNotHeldError, drill.record_finding, uuid4(), "x")
    assert error.rule == "findings_after_drill_held"


def test_each_hazard_is_recorded_once_as_a_finding(clock, refused):
    drill = planned()
    hold(drill, clock.now)
    hazard_id = uuid4()
    drill.record_finding(hazard_id, "exit sign dark")
    error = refused(
        drill, FindingAlreadyRecordedError, drill.record_finding, hazard_id, "again"
    )
    assert error.field == "hazard_id"


@pytest.mark.parametrize(
    ("changes", "error", "field"),
    [
        ({"participants": 0}, OutOfRangeError, "participants"),
        ({"duration_minutes": 0}, OutOfRangeError, "duration_minutes"),
        ({"evacuation_seconds": -5}, OutOfRangeError, "evacuation_seconds"),
        ({"evacuation_seconds": 25 * 60 + 1}, EvacuationTooLongError, None),
        ({"photo_digests": []}, MissingDocumentsError, "photo_digests"),
        ({"plan_digest": ""}, InvalidValueError, "plan_digest"),
    ],
)
def test_held_figures_and_documents_are_checked(clock, refused, changes, error, field):
    drill = planned()
    raised = refused(drill, error, hold, drill, clock.now, **changes)
    assert raised.field == (field or "evacuation_seconds")


def test_a_drill_without_an_evacuation_records_none(clock):
    drill = Drill.plan(kind="anti_terror", planned_on=date(2025, 3, 14))
    hold(drill, clock.now, evacuation_seconds=None)
    assert drill.evacuation_seconds is None
