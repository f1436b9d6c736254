"""The compliance read models: incremental equals rebuilt, on SQLite and PostgreSQL."""

from __future__ import annotations

import random
import time

import pytest
import sqlalchemy as sa

from safeledger.platform.projector import PROJECTIONS, build, catch_up, rebuild, status
from safeledger.projections.schema import metadata
from tests.compliance_support import (
    READ_MODELS,
    Clock,
    agreements_and_grids,
    build_hierarchy,
    month_of_activity,
    with_clock,
)

pytestmark = pytest.mark.usefixtures("operator")


def snapshot(engine: sa.Engine) -> dict[str, list[tuple]]:
    """Every row of every compliance read model, in a stable order."""
    tables = {}
    with engine.connect() as conn:
        for name in READ_MODELS:
            for table in build(name, engine).tables:
                keys = [c for c in table.primary_key.columns]
                rows = conn.execute(sa.select(table).order_by(*keys)).all()
                tables[table.name] = [tuple(row) for row in rows]
    return tables


def wait_until_caught_up(settings, engine, timeout: float = 60.0) -> None:
    """Until the compliance read models have projected every stored event."""
    deadline = time.monotonic() + timeout
    while lagging := [
        lag
        for lag in status(settings, engine)
        if lag.pending and lag.projection in READ_MODELS
    ]:
        assert time.monotonic() < deadline, lagging
        time.sleep(0.1)


def generate(store, seed: int = 5):
    clock, rng = Clock(), random.Random(seed)
    with with_clock(clock):
        made = build_hierarchy(store)
        agreements_and_grids(store, made, clock, rng)
        for _ in range(2):
            month_of_activity(store, made, clock, rng)
    return made


def test_every_compliance_read_model_is_registered_with_its_tables():
    for name in READ_MODELS:
        assert name in PROJECTIONS
        for table in build(name, sa.create_engine("sqlite://")).tables:
            assert metadata.tables[table.name] is table


@pytest.mark.parametrize("shards", [1, 2])
def test_rebuilding_each_read_model_equals_what_the_running_projector_built(
    runtime, settings, shards
):
    projector = runtime.start_projector()
    generate(runtime.store)
    wait_until_caught_up(settings, runtime.engine, timeout=60)
    projector.stop()
    incremental = snapshot(runtime.engine)
    assert all(incremental[t] for t in ("hazard_board", "drill_log", "audit_trail"))

    for name in READ_MODELS:
        rebuild(settings, runtime.engine, name)
    assert snapshot(runtime.engine) == incremental


def test_catching_up_again_adds_no_rows(runtime, settings):
    generate(runtime.store, seed=9)
    for name in READ_MODELS:
        catch_up(settings, runtime.engine, name)
    before = snapshot(runtime.engine)
    assert sum(catch_up(settings, runtime.engine, n) for n in READ_MODELS) == 0
    assert snapshot(runtime.engine) == before


def test_a_versioned_row_keeps_every_state_with_its_recorded_interval(
    runtime, settings
):
    generate(runtime.store, seed=2)
    catch_up(settings, runtime.engine, "hazard_board")
    table = metadata.tables["hazard_board"]
    with runtime.engine.connect() as conn:
        rows = conn.execute(
            sa.select(table).order_by(table.c.hazard_id, table.c.version)
        ).all()
    by_hazard: dict = {}
    for row in rows:
        by_hazard.setdefault(row.hazard_id, []).append(row)
    assert any(len(versions) > 2 for versions in by_hazard.values())
    for versions in by_hazard.values():
        assert [v.recorded_to for v in versions[:-1]] == [
            v.recorded_from for v in versions[1:]
        ]
        assert versions[-1].recorded_to is None
