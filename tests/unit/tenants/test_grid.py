from datetime import UTC, datetime, timedelta
from uuid import uuid4

import pytest

from safeledger.tenants.grid import (
    ActiveChildrenError,
    AssignmentNotActiveError,
    DuplicatePlaceCodeError,
    Grid,
    HandoverError,
    NotASchoolError,
    OverlappingAssignmentError,
    RetiredPlaceError,
    UnknownAssignmentError,
    UnknownPlaceError,
    ValidityError,
)
from safeledger.tenants.hierarchy import SchoolType, Tenant, TenantKind
from safeledger.tenants.values import CHINA_TIME, PlaceKind, TimeSlotError

pytestmark = pytest.mark.usefixtures("request_context")

MONDAY = datetime(2025, 3, 10, tzinfo=CHINA_TIME)  # a Monday


def at(day: int, hhmm: str) -> datetime:
    """Monday is day 1 of the test week, in China time."""
    hours, minutes = map(int, hhmm.split(":"))
    return MONDAY + timedelta(days=day - 1, hours=hours, minutes=minutes)


def a_school() -> Tenant:
    province = Tenant.register(
        kind=TenantKind.PROVINCE, code="44", name="P", parent=None
    )
    city = Tenant.register(kind=TenantKind.CITY, code="4401", name="C", parent=province)
    county = Tenant.register(
        kind=TenantKind.COUNTY, code="440106", name="D", parent=city
    )
    return Tenant.register(
        kind=TenantKind.SCHOOL,
        code="S1",
        name="No. 1 Middle School",
        parent=county,
        school_type=SchoolType.JUNIOR_SECONDARY,
    )


@pytest.fixture
def grid() -> Grid:
    return Grid.open(a_school())


@pytest.fixture
def gate(grid: Grid):
    return grid.add_place(code="G1", name="South gate", kind=PlaceKind.GATE)


WEEKDAY_MORNINGS = [
    {"weekday": d, "start": "07:00", "end": "08:30"} for d in range(1, 6)
]


def test_a_school_keeps_one_grid_of_places_and_people(grid, gate, clock, reloaded):
    school_id = grid.school_id
    assert grid.id == Grid.create_id(school_id)
    morning = grid.assign(
        place_id=gate,
        person="Teacher Huang",
        role="gate duty",
        slots=WEEKDAY_MORNINGS,
        valid_from=at(1, "00:00"),
    )
    assert grid.responsible_for(gate, at(2, "07:30")) == ["Teacher Huang"]
    assert grid.responsible_for(gate, at(2, "09:00")) == []
    assert grid.responsible_for(gate, at(6, "07:30")) == []
    new = grid.hand_over(morning, to_person="Teacher Qian", at=at(3, "00:00"))
    assert grid.responsible_for(gate, at(2, "07:30")) == ["Teacher Huang"]
    assert grid.responsible_for(gate, at(3, "07:30")) == ["Teacher Qian"]
    assert grid.assignments[new].role == "gate duty"
    names = [type(e).__name__ for e in grid.pending_events]
    assert names == ["Opened", "PlaceAdded", "PersonAssigned", "HandedOver"]
    copy = reloaded(grid)
    assert copy.responsible_for(gate, at(3, "07:30")) == ["Teacher Qian"]
    assert copy.responsible_for(gate, at(2, "07:30")) == ["Teacher Huang"]


def test_a_grid_is_kept_for_a_school_only():
    school = a_school()
    province = Tenant.register(
        kind=TenantKind.PROVINCE, code="45", name="P", parent=None
    )
    with pytest.raises(NotASchoolError) as raised:
        Grid.open(province)
    assert raised.value.rule == "grid_per_school"
    assert Grid.open(school).id == Grid.create_id(school.id)


def test_place_codes_are_unique_within_the_grid(grid, gate, refused):
    error = refused(
        grid, DuplicatePlaceCodeError, grid.add_place, code="G1", name="x", kind="gate"
    )
    assert (error.rule, error.field) == ("place_code_unique_in_grid", "code")
    assert gate == grid.place_id_for("G1")


def test_places_nest_under_known_active_places(grid, refused):
    building = grid.add_place(code="B1", name="Teaching block", kind="building")
    floor = grid.add_place(code="B1-2", name="2F", kind="floor", parent_id=building)
    assert grid.places[floor].parent_id == building
    error = refused(
        grid,
        UnknownPlaceError,
        grid.add_place,
        code="X",
        name="x",
        kind="floor",
        parent_id=uuid4(),
    )
    assert error.field == "parent_id"


def test_a_place_with_active_children_is_not_retired(grid, refused):
    building = grid.add_place(code="B1", name="Teaching block", kind="building")
    floor = grid.add_place(code="B1-2", name="2F", kind="floor", parent_id=building)
    error = refused(
        grid, ActiveChildrenError, grid.retire_place, building, "demolished"
    )
    assert error.rule == "children_retired_first"
    grid.retire_place(floor, "demolished")
    grid.retire_place(building, "demolished")
    assert grid.places[building].retired_at is not None


def test_a_retired_place_takes_no_new_assignments_or_children(grid, gate, refused):
    grid.retire_place(gate, "gate bricked up")
    error = refused(
        grid, RetiredPlaceError, grid.assign, place_id=gate, person="A", role="duty"
    )
    assert (error.rule, error.field) == ("place_active", "place_id")
    refused(
        grid,
        RetiredPlaceError,
        grid.add_place,
        code="G1-a",
        name="x",
        kind="gate",
        parent_id=gate,
    )
    refused(grid, RetiredPlaceError, grid.retire_place, gate, "again")


def test_nobody_answers_for_a_place_after_it_is_retired(grid, gate, clock):
    grid.assign(
        place_id=gate, person="Guard Lu", role="guard", valid_from=at(1, "00:00")
    )
    assert grid.responsible_for(gate, clock.now) == ["Guard Lu"]
    grid.retire_place(gate, "closed")
    assert grid.places[gate].retired_at == clock.now
    assert grid.responsible_for(gate, clock.now) == []
    assert grid.responsible_for(gate, clock.now - timedelta(seconds=1)) == ["Guard Lu"]


def test_a_place_without_its_own_person_is_covered_by_its_parent(grid):
    building = grid.add_place(code="B1", name="Teaching block", kind="building")
    floor = grid.add_place(code="B1-2", name="2F", kind="floor", parent_id=building)
    grid.assign(
        place_id=building, person="Dean Xu", role="block", valid_from=at(1, "0:00")
    )
    assert grid.responsible_for(floor, at(1, "10:00")) == ["Dean Xu"]
    grid.assign(
        place_id=floor, person="Teacher He", role="floor", valid_from=at(1, "0:00")
    )
    assert grid.responsible_for(floor, at(1, "10:00")) == ["Teacher He"]


def test_an_overnight_slot_runs_into_the_next_morning(grid):
    dorm = grid.add_place(code="D1", name="Girls' dormitory", kind="dormitory")
    grid.assign(
        place_id=dorm,
        person="Matron Fang",
        role="night duty",
        slots=[{"weekday": 7, "start": "22:00", "end": "06:00"}],
        valid_from=at(1, "00:00"),
    )
    assert grid.responsible_for(dorm, at(7, "23:00")) == ["Matron Fang"]
    assert grid.responsible_for(dorm, at(8, "05:59")) == ["Matron Fang"]
    assert grid.responsible_for(dorm, at(8, "06:00")) == []
    assert grid.responsible_for(dorm, at(6, "23:00")) == []


def test_slots_are_read_in_china_time(grid, gate):
    grid.assign(
        place_id=gate,
        person="A",
        role="r",
        slots=WEEKDAY_MORNINGS,
        valid_from=at(1, "00:00"),
    )
    # 07:30 on Tuesday in China is still Monday in UTC.
    utc = at(2, "07:30").astimezone(UTC)
    assert (utc.isoweekday(), utc.hour) == (1, 23)
    assert grid.responsible_for(gate, utc) == ["A"]


@pytest.mark.parametrize(
    "slot",
    [
        {"weekday": 0, "start": "07:00", "end": "08:00"},
        {"weekday": 1, "start": "7:00", "end": "08:00"},
        {"weekday": 1, "start": "07:00", "end": "07:00"},
        {"weekday": 1, "start": "07:00"},
        {"weekday": True, "start": "07:00", "end": "08:00"},
    ],
)
def test_bad_time_slots_are_refused(grid, gate, refused, slot):
    error = refused(
        grid,
        TimeSlotError,
        grid.assign,
        place_id=gate,
        person="A",
        role="r",
        slots=[slot],
    )
    assert (error.rule, error.field) == ("weekly_time_slot", "slots")


def test_an_assignment_ends_after_it_starts(grid, gate, refused):
    error = refused(
        grid,
        ValidityError,
        grid.assign,
        place_id=gate,
        person="A",
        role="r",
        valid_from=at(2, "00:00"),
        valid_to=at(1, "00:00"),
    )
    assert error.field == "valid_to"


def test_a_person_is_assigned_to_a_place_once_for_a_period(grid, gate, refused):
    grid.assign(
        place_id=gate,
        person="A",
        role="r",
        valid_from=at(1, "0:00"),
        valid_to=at(8, "0:00"),
    )
    refused(
        grid,
        OverlappingAssignmentError,
        grid.assign,
        place_id=gate,
        person="A",
        role="r",
        valid_from=at(7, "0:00"),
    )
    grid.assign(place_id=gate, person="A", role="r", valid_from=at(8, "0:00"))


def test_a_handover_is_one_event_to_somebody_else(grid, gate, refused):
    first = grid.assign(place_id=gate, person="A", role="r", valid_from=at(1, "0:00"))
    error = refused(grid, HandoverError, grid.hand_over, first, to_person="A")
    assert error.rule == "handover_to_another_person"
    before = len(grid.pending_events)
    grid.hand_over(first, to_person="B", at=at(2, "0:00"))
    assert len(grid.pending_events) == before + 1
    assert grid.assignments[first].valid_to == at(2, "0:00")


def test_a_handover_needs_an_assignment_in_force(grid, gate, refused):
    refused(grid, UnknownAssignmentError, grid.hand_over, uuid4(), to_person="B")
    first = grid.assign(
        place_id=gate,
        person="A",
        role="r",
        valid_from=at(1, "0:00"),
        valid_to=at(2, "0:00"),
    )
    error = refused(
        grid,
        AssignmentNotActiveError,
        grid.hand_over,
        first,
        to_person="B",
        at=at(3, "0:00"),
    )
    assert error.rule == "assignment_active"


def test_a_handover_to_someone_already_on_the_place_is_refused(grid, gate, refused):
    first = grid.assign(place_id=gate, person="A", role="r", valid_from=at(1, "0:00"))
    grid.assign(place_id=gate, person="B", role="r", valid_from=at(1, "0:00"))
    refused(grid, OverlappingAssignmentError, grid.hand_over, first, to_person="B")


def test_an_assignment_can_be_ended(grid, gate, refused):
    first = grid.assign(place_id=gate, person="A", role="r", valid_from=at(1, "0:00"))
    grid.end_assignment(first, "left the school", at=at(3, "0:00"))
    assert grid.responsible_for(gate, at(3, "0:00")) == []
    refused(
        grid, AssignmentNotActiveError, grid.end_assignment, first, "x", at(4, "0:00")
    )
