"""The tenant hierarchy's rules, on an in-memory ledger."""

from __future__ import annotations

from collections.abc import Iterator
from uuid import uuid4

import pytest

from safeledger.tenants import context
from safeledger.tenants.application import Ledger, TenantNotFoundError
from safeledger.tenants.errors import (
    InvalidValueError,
    MissingContextError,
    StaleVersionError,
)
from safeledger.tenants.hierarchy import (
    CrossProvinceMoveError,
    DuplicateCodeError,
    HierarchyCycleError,
    InactiveTenantError,
    ParentKindError,
    SchoolType,
    Tenant,
    TenantKind,
)


@pytest.fixture
def ledger() -> Iterator[Ledger]:
    ledger = Ledger(env={"PERSISTENCE_MODULE": "eventsourcing.popo"})
    with context.acting_as("test:officer", request_id="req-1"):
        yield ledger
    ledger.close()


def register(ledger: Ledger, kind: TenantKind, code: str, parent=None, **extra):
    parent_id = parent.aggregate_id if parent else None
    return ledger.register_tenant(
        kind=kind, code=code, name=f"T{code}", parent_id=parent_id, **extra
    )


@pytest.fixture
def tree(ledger: Ledger) -> dict:
    province = register(ledger, TenantKind.PROVINCE, "44")
    city = register(ledger, TenantKind.CITY, "4401", province)
    county = register(ledger, TenantKind.COUNTY, "440101", city)
    school = register(
        ledger, TenantKind.SCHOOL, "S1", county, school_type=SchoolType.PRIMARY
    )
    return {"province": province, "city": city, "county": county, "school": school}


def event_count(ledger: Ledger) -> int:
    return len(ledger.recorder.select_notifications(start=1, limit=10_000))


def test_registered_events_carry_tenant_actor_request_and_recorded_at(ledger, tree):
    school_id = tree["school"].aggregate_id
    [registered] = ledger.events.get(school_id)
    assert isinstance(registered, Tenant.Registered)
    assert registered.tenant_id == school_id
    assert registered.actor == "test:officer"
    assert registered.request_id == "req-1"
    assert registered.recorded_at.tzinfo is not None


def test_recorded_at_comes_from_the_context_clock(ledger, tree):
    from datetime import UTC, datetime

    fixed = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)
    with context.using_clock(lambda: fixed):
        ledger.rename_tenant(tree["city"].aggregate_id, "Renamed city")
    renamed = list(ledger.events.get(tree["city"].aggregate_id))[-1]
    assert renamed.recorded_at == fixed


def test_an_event_cannot_be_created_without_an_actor():
    ledger = Ledger(env={"PERSISTENCE_MODULE": "eventsourcing.popo"})
    with pytest.raises(MissingContextError):
        ledger.register_tenant(
            kind=TenantKind.PROVINCE, code="1", name="P", parent_id=None
        )


def test_a_school_is_registered_under_a_county_with_its_type_and_boarding_flag(
    ledger, tree
):
    school = ledger.get_tenant(tree["school"].aggregate_id)
    assert school.kind is TenantKind.SCHOOL
    assert school.parent_id == tree["county"].aggregate_id
    assert school.province_id == tree["province"].aggregate_id
    assert school.school_type is SchoolType.PRIMARY
    assert school.boarding is False


@pytest.mark.parametrize(
    ("kind", "parent_key"),
    [
        (TenantKind.SCHOOL, "school"),
        (TenantKind.SCHOOL, "city"),
        (TenantKind.COUNTY, "province"),
        (TenantKind.CITY, "county"),
        (TenantKind.PROVINCE, "province"),
    ],
)
def test_a_tenant_only_fits_under_the_level_directly_above_it(
    ledger, tree, kind, parent_key
):
    before = event_count(ledger)
    extra = {"school_type": SchoolType.PRIMARY} if kind is TenantKind.SCHOOL else {}
    with pytest.raises(ParentKindError) as raised:
        register(ledger, kind, "X1", tree[parent_key], **extra)
    assert raised.value.rule == "parent_kind_fits"
    assert event_count(ledger) == before


def test_a_city_needs_a_parent(ledger):
    with pytest.raises(ParentKindError):
        register(ledger, TenantKind.CITY, "4401")


def test_codes_are_unique_within_a_province(ledger, tree):
    with pytest.raises(DuplicateCodeError) as raised:
        register(
            ledger,
            TenantKind.SCHOOL,
            "S1",
            tree["county"],
            school_type=SchoolType.PRIMARY,
        )
    assert raised.value.field == "code"


def test_the_same_code_may_be_used_in_another_province(ledger, tree):
    other = register(ledger, TenantKind.PROVINCE, "45")
    city = register(ledger, TenantKind.CITY, "4401", other)
    assert city.aggregate_id != tree["city"].aggregate_id


def test_a_school_needs_a_school_type(ledger, tree):
    with pytest.raises(InvalidValueError) as raised:
        register(ledger, TenantKind.SCHOOL, "S2", tree["county"])
    assert raised.value.field == "school_type"


def test_only_schools_have_a_school_type(ledger, tree):
    with pytest.raises(InvalidValueError):
        register(
            ledger,
            TenantKind.COUNTY,
            "440102",
            tree["city"],
            school_type=SchoolType.PRIMARY,
        )


def test_blank_names_are_refused(ledger, tree):
    with pytest.raises(InvalidValueError) as raised:
        ledger.rename_tenant(tree["city"].aggregate_id, "   ")
    assert raised.value.field == "name"


def test_an_unknown_parent_is_not_found(ledger):
    with pytest.raises(TenantNotFoundError):
        ledger.register_tenant(
            kind=TenantKind.CITY, code="1", name="C", parent_id=uuid4()
        )


def test_a_deactivated_tenant_takes_no_children(ledger, tree):
    ledger.deactivate_tenant(
        tree["county"].aggregate_id, "merged into another district"
    )
    with pytest.raises(InactiveTenantError):
        register(
            ledger,
            TenantKind.SCHOOL,
            "S9",
            tree["county"],
            school_type=SchoolType.PRIMARY,
        )


def test_a_deactivated_tenant_cannot_be_renamed_or_deactivated_again(ledger, tree):
    ledger.deactivate_tenant(tree["school"].aggregate_id, "closed")
    with pytest.raises(InactiveTenantError):
        ledger.rename_tenant(tree["school"].aggregate_id, "New name")
    with pytest.raises(InactiveTenantError):
        ledger.deactivate_tenant(tree["school"].aggregate_id, "closed again")


def test_a_school_moves_to_another_county_of_its_province(ledger, tree):
    other_county = register(ledger, TenantKind.COUNTY, "440102", tree["city"])
    ledger.move_tenant(tree["school"].aggregate_id, other_county.aggregate_id)
    moved = ledger.get_tenant(tree["school"].aggregate_id)
    assert moved.parent_id == other_county.aggregate_id
    last = list(ledger.events.get(moved.id))[-1]
    assert isinstance(last, Tenant.Moved)
    assert last.previous_parent_id == tree["county"].aggregate_id


def test_a_move_to_another_provinces_county_is_refused(ledger, tree):
    other = register(ledger, TenantKind.PROVINCE, "45")
    city = register(ledger, TenantKind.CITY, "4501", other)
    county = register(ledger, TenantKind.COUNTY, "450101", city)
    with pytest.raises(CrossProvinceMoveError):
        ledger.move_tenant(tree["school"].aggregate_id, county.aggregate_id)


def test_a_move_under_a_school_is_refused(ledger, tree):
    with pytest.raises(ParentKindError):
        ledger.move_tenant(tree["county"].aggregate_id, tree["school"].aggregate_id)


def test_a_tenant_cannot_be_moved_under_its_own_descendant():
    # Strict levels already rule cycles out through the commands; the guard must
    # still hold on its own, whatever ancestry it is given.
    with context.acting_as("test:officer"), context.on_ledger(uuid4()):
        province = Tenant.register(
            kind=TenantKind.PROVINCE, code="P", name="P", parent=None
        )
        city = Tenant.register(
            kind=TenantKind.CITY, code="C", name="C", parent=province
        )
        with pytest.raises(HierarchyCycleError):
            city.move(province, ancestors_of_new_parent=[city.id])


def test_a_stale_expected_version_is_refused_and_nothing_is_recorded(ledger, tree):
    ledger.rename_tenant(tree["city"].aggregate_id, "First", expected_version=1)
    before = event_count(ledger)
    with pytest.raises(StaleVersionError):
        ledger.rename_tenant(tree["city"].aggregate_id, "Second", expected_version=1)
    assert event_count(ledger) == before
    assert ledger.get_tenant(tree["city"].aggregate_id).name == "First"
