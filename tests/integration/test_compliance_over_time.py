"""Rules in force by effective date, and answers "as of" past moments."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

import pytest

from safeledger.platform.projector import catch_up
from safeledger.projections.compliance import queries
from safeledger.projections.compliance.periods import Period
from safeledger.projections.grid_map.grids import grid_cells
from safeledger.projections.hazard_board.queries import board
from safeledger.projections.scope import Scope
from safeledger.tenants.values import CHINA_TIME
from tests.compliance_support import (
    READ_MODELS,
    Clock,
    agreements_and_grids,
    build_hierarchy,
    month_of_activity,
    sha,
    with_clock,
)

pytestmark = pytest.mark.usefixtures("operator")
EVERYONE = Scope.everything()


def hold_drill(store, school, clock, on: datetime):
    clock.at = on
    ledger = store.for_tenant(school)
    drill = ledger.plan_drill(school, "fire", on.date()).aggregate_id
    clock.advance(hours=2)
    ledger.hold_drill(
        school,
        drill,
        None,
        held_at=on + timedelta(hours=1),
        participants=100,
        duration_minutes=20,
        evacuation_seconds=120,
        plan_digest=sha("p"),
        summary_digest=sha(f"s{school}{on}"),
        evaluation_digest=sha("e"),
        photo_digests=[sha(f"photo{school}{on}")],
    )


def drills_status(engine, school, label, now, as_of=None):
    with engine.connect() as conn:
        found = queries.school(
            conn, EVERYONE, school, Period.parse(label), now=now, as_of=as_of
        )
    metric = next(m for m in found["metrics"] if m["name"] == "drills")
    return metric["status"], metric["figures"]["required"]


def test_a_county_ruleset_changes_its_schools_compliance_from_its_effective_date_on(
    runtime, settings
):
    clock = Clock(datetime(2026, 3, 1, tzinfo=CHINA_TIME))
    with with_clock(clock):
        made = build_hierarchy(runtime.store, cities=1, counties=2, schools=1)
        strict, other = made.schools  # two primary schools in two counties
        for school in made.schools:
            for month in (4, 5, 6):
                hold_drill(
                    runtime.store,
                    school,
                    clock,
                    datetime(2026, month, 10, 9, tzinfo=CHINA_TIME),
                )
            clock.at = datetime(2026, 4, 20, tzinfo=CHINA_TIME)
        county = made.county_of[strict]
        runtime.store.for_tenant(county).publish_ruleset(
            county,
            effective_from=date(2026, 5, 1),
            title="县演练加强",
            rules={"drills": {"schedule": {"primary": {"at_least": 2}}}},
        )
        clock.at = datetime(2026, 7, 15, tzinfo=CHINA_TIME)
    for name in ("directory", *READ_MODELS):
        catch_up(settings, runtime.engine, name)
    now, engine = clock.at, runtime.engine

    assert drills_status(engine, strict, "2026-04", now) == ("green", 1)
    assert drills_status(engine, strict, "2026-05", now) == ("red", 2)
    assert drills_status(engine, strict, "2026-06", now) == ("red", 2)
    assert drills_status(engine, strict, "2026-Q2", now) == ("red", 5)
    assert drills_status(engine, other, "2026-05", now) == ("green", 1)
    assert drills_status(engine, other, "2026-Q2", now) == ("green", 3)


def capture(engine, made, now, as_of=None):
    """Compliance, hazard board and grid map of the province."""
    path = f"/{made.province.hex}/"
    with engine.connect() as conn:
        shown = {
            "compliance": queries.judge_schools(
                conn, EVERYONE, path, Period.parse("2026-Q2"), now=now, as_of=as_of
            ),
            "rollup": queries.rollup(
                conn,
                EVERYONE,
                made.province,
                Period.parse("2026"),
                now=now,
                as_of=as_of,
            ),
            "board": board(conn, EVERYONE, path, now=now, as_of=as_of),
            "grid": grid_cells(conn, EVERYONE, path, now=now, as_of=as_of),
        }
    shown["rollup"].pop("as_of")  # the question, not the answer
    return shown


def test_as_of_three_past_instants_equals_what_was_shown_at_those_instants(
    runtime, settings
):
    clock, rng = Clock(datetime(2026, 3, 20, tzinfo=CHINA_TIME)), random.Random(4)
    captured = {}
    pending: dict = {}
    with with_clock(clock):
        made = build_hierarchy(runtime.store, cities=1, counties=2, schools=3)
        agreements_and_grids(runtime.store, made, clock, rng)
        county = made.counties[0]
        for round_ in range(3):
            month_of_activity(runtime.store, made, clock, rng, pending)
            if round_ == 1:
                runtime.store.for_tenant(county).publish_ruleset(
                    county,
                    effective_from=date(2026, 4, 1),
                    title="县规",
                    rules={
                        "hazards": {"rectify_within_days": {"general": 2}},
                        "grid": {"day_end": "20:00"},
                    },
                )
            for name in ("directory", *READ_MODELS):
                catch_up(settings, runtime.engine, name)
            captured[clock.at] = capture(runtime.engine, made, now=clock.at)
            clock.advance(days=3)
        month_of_activity(runtime.store, made, clock, rng, pending)
    for name in READ_MODELS:
        catch_up(settings, runtime.engine, name)

    now = clock.at + timedelta(days=30)
    current = capture(runtime.engine, made, now=now)
    for instant, shown in captured.items():
        assert capture(runtime.engine, made, now=now, as_of=instant) == shown
        assert shown != current
