"""A school's grid through the ledger: places, and who answers for each."""

from __future__ import annotations

from datetime import timedelta

from safeledger.tenants import context
from safeledger.tenants.grid import Grid, RetiredPlaceError


def opened(ledger, school):
    ledger.open_grid(school)
    return ledger.add_place(school, code="gate", name="校门", kind="gate").created_id


def test_a_handed_over_assignment_names_the_new_person(ledger, tenants):
    school = tenants.school
    gate = opened(ledger, school)
    first = ledger.assign_place(
        school, place_id=gate, person="门卫甲", role="门卫"
    ).created_id
    later = context.now() + timedelta(days=1)
    second = ledger.hand_over(school, first, None, to_person="门卫乙", at=later)
    ledger.end_assignment(
        school, second.created_id, None, reason="离职", at=later + timedelta(days=1)
    )
    grid = ledger.load(Grid, school, ledger.grid_id(school))
    assert grid.responsible_for(gate, later + timedelta(hours=1)) == ["门卫乙"]
    assert grid.responsible_for(gate, later + timedelta(days=2)) == []


def test_a_retired_place_takes_no_assignment(ledger, tenants, nothing_recorded):
    school = tenants.school
    gate = opened(ledger, school)
    ledger.retire_place(school, gate, None, "拆除")
    nothing_recorded(
        RetiredPlaceError,
        ledger.assign_place,
        school,
        None,
        place_id=gate,
        person="门卫",
        role="门卫",
    )
