"""The directory projection, incremental and rebuilt, on SQLite and PostgreSQL."""

from __future__ import annotations

import random
import time

import pytest
import sqlalchemy as sa

from safeledger.platform.projector import catch_up, rebuild, status
from safeledger.platform.store.tables import tenant_shards
from safeledger.projections.directory import directory_tenants, queries
from safeledger.projections.scope import Scope
from safeledger.tenants.hierarchy import SchoolType, TenantKind
from tests.conftest import stored_events

pytestmark = pytest.mark.usefixtures("operator")


def directory_rows(engine: sa.Engine) -> list[tuple]:
    with engine.connect() as conn:
        query = sa.select(directory_tenants).order_by(directory_tenants.c.tenant_id)
        return [tuple(row) for row in conn.execute(query)]


def build_province(store, rng: random.Random) -> dict[str, list]:
    """A province of cities, counties and schools; then renames, moves, closures."""
    register = store.registrar.register_tenant
    province = register(kind=TenantKind.PROVINCE, code="P", name="省", parent_id=None)
    made = {"city": [], "county": [], "school": []}
    for c in range(3):
        city = register(
            kind=TenantKind.CITY,
            code=f"C{c}",
            name=f"市{c}",
            parent_id=province.aggregate_id,
        )
        made["city"].append(city.aggregate_id)
        for k in range(2):
            county = register(
                kind=TenantKind.COUNTY,
                code=f"C{c}K{k}",
                name=f"县{c}{k}",
                parent_id=city.aggregate_id,
            )
            made["county"].append(county.aggregate_id)
            for s in range(4):
                school = register(
                    kind=TenantKind.SCHOOL,
                    code=f"C{c}K{k}S{s}",
                    name=f"学校{c}{k}{s}",
                    parent_id=county.aggregate_id,
                    school_type=rng.choice(list(SchoolType)),
                    boarding=rng.random() < 0.3,
                )
                made["school"].append(school.aggregate_id)
    for school_id in rng.sample(made["school"], 6):
        store.for_tenant(school_id).rename_tenant(school_id, "更名学校")
    for school_id in rng.sample(made["school"], 5):
        new_county = rng.choice(made["county"])
        store.for_tenant(school_id).move_tenant(school_id, new_county)
    # A county moves to another city, taking its schools with it.
    county_id = made["county"][0]
    store.for_tenant(county_id).move_tenant(county_id, made["city"][-1])
    for school_id in rng.sample(made["school"], 3):
        store.for_tenant(school_id).deactivate_tenant(school_id, "撤并")
    made["province"] = [province.aggregate_id]
    return made


def wait_until_caught_up(settings, engine, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while any(lag.pending for lag in status(settings, engine)):
        assert time.monotonic() < deadline, status(settings, engine)
        time.sleep(0.1)


@pytest.mark.parametrize("shards", [1, 2])
def test_rebuilding_the_directory_from_zero_equals_the_incremental_result(
    runtime, settings, shards
):
    projector = runtime.start_projector()
    made = build_province(runtime.store, random.Random(7))
    wait_until_caught_up(settings, runtime.engine)
    projector.stop()
    incremental = directory_rows(runtime.engine)
    assert len(incremental) == 1 + 3 + 6 + 24
    assert all(row.path is not None for row in _rows(runtime.engine))

    assert rebuild(settings, runtime.engine, "directory") == len(stored_events(runtime))
    assert directory_rows(runtime.engine) == incremental

    with runtime.engine.connect() as conn:
        used = set(conn.execute(sa.select(tenant_shards.c.shard).distinct()).scalars())
        moved_county = queries.get_tenant(conn, Scope.everything(), made["county"][0])
    assert used == set(range(shards))
    assert moved_county.parent_id == made["city"][-1]


@pytest.mark.parametrize("shards", [1, 2])
def test_a_subtree_follows_a_moved_county_and_its_schools(runtime, settings, shards):
    made = build_province(runtime.store, random.Random(11))
    catch_up(settings, runtime.engine, "directory")
    county_id, new_city = made["county"][0], made["city"][-1]
    with runtime.engine.connect() as conn:
        city_subtree, _ = queries.subtree(conn, Scope.everything(), new_city)
        county_subtree, total = queries.subtree(
            conn, Scope.everything(), county_id, kind="school"
        )
    subtree_ids = {row.tenant_id for row in city_subtree}
    assert county_id in subtree_ids
    assert total == len(county_subtree) > 0
    assert {row.tenant_id for row in county_subtree} <= subtree_ids


@pytest.mark.parametrize("shards", [2])
def test_catching_up_twice_projects_each_event_once(runtime, settings, shards):
    build_province(runtime.store, random.Random(3))
    first = catch_up(settings, runtime.engine, "directory")
    rows = directory_rows(runtime.engine)
    assert catch_up(settings, runtime.engine, "directory") == 0
    assert first > 0
    assert directory_rows(runtime.engine) == rows


def _rows(engine: sa.Engine):
    with engine.connect() as conn:
        return list(conn.execute(sa.select(directory_tenants)))
