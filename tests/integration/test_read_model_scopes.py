"""Every compliance read-model query answers only within the reader's scope."""

from __future__ import annotations

import random

import pytest
import sqlalchemy as sa

from safeledger.platform.projector import catch_up
from safeledger.projections.audit_trail.queries import trail
from safeledger.projections.compliance import queries
from safeledger.projections.compliance.periods import Period
from safeledger.projections.compliance.signals import signals
from safeledger.projections.directory.tables import directory_tenants as d
from safeledger.projections.drill_log.queries import log
from safeledger.projections.grid_map.grids import grid_cells
from safeledger.projections.hazard_board.queries import board
from safeledger.projections.rulesets.queries import rule_book
from safeledger.projections.scope import Scope
from tests.compliance_support import (
    READ_MODELS,
    Clock,
    agreements_and_grids,
    build_hierarchy,
    month_of_activity,
    with_clock,
)

pytestmark = pytest.mark.usefixtures("operator")


def test_a_county_reader_sees_only_its_own_schools_in_every_view(runtime, settings):
    clock, rng = Clock(), random.Random(8)
    with with_clock(clock):
        made = build_hierarchy(runtime.store, cities=1, counties=2, schools=2)
        agreements_and_grids(runtime.store, made, clock, rng)
        month_of_activity(runtime.store, made, clock, rng)
        month_of_activity(runtime.store, made, clock, rng)
    for name in ("directory", *READ_MODELS):
        catch_up(settings, runtime.engine, name)
    with runtime.engine.connect() as conn:
        paths = dict(conn.execute(sa.select(d.c.tenant_id, d.c.path)).all())
        county = made.counties[0]
        mine = {s for s in made.schools if made.county_of[s] == county}
        scope = Scope((paths[county],))
        province = paths[made.province]
        now = clock.at
        judged = queries.judge_schools(
            conn, scope, province, Period.parse("2026"), now=now
        )
        assert {s["tenant_id"] for s in judged} == mine
        seen = [
            *board(conn, scope, province, now=now)[0],
            *log(conn, scope, province)[0],
            *grid_cells(conn, scope, province, now=now)[0],
            *signals(conn, scope, province),
        ]
        assert seen
        assert {row["tenant_id"] for row in seen} <= mine
        audit, total = trail(conn, scope, province)
        assert total and {row.tenant_id for row in audit} <= mine | {county}
        assert (
            queries.rollup(
                conn, Scope.nothing(), made.province, Period.parse("2026"), now=now
            )
            is None
        )
        assert rule_book(conn, scope, None).by_jurisdiction == {}
