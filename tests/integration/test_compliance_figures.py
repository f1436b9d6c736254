"""Compliance figures equal figures computed here, independently, from raw events."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

import pytest

from safeledger.platform.projector import catch_up
from safeledger.projections.compliance import queries
from safeledger.projections.compliance.periods import Period
from safeledger.projections.scope import Scope
from safeledger.tenants.baseline import NATIONAL_BASELINE as BASE
from safeledger.tenants.grid import Grid
from safeledger.tenants.values import CHINA_TIME
from tests.compliance_support import (
    READ_MODELS,
    Clock,
    agreements_and_grids,
    build_hierarchy,
    month_of_activity,
    submit_reports,
    with_clock,
)
from tests.conftest import stored_events

pytestmark = pytest.mark.usefixtures("operator")


def domain_events(runtime):
    mapper = runtime.store.shard(0).mapper
    return [mapper.to_domain_event(n) for n in stored_events(runtime)]


def first_of(year, month):
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    return datetime(year, month, 1, tzinfo=CHINA_TIME)


def expected_figures(events, school, school_type, boarding, period, now):
    """Each metric's figures for one school, straight from its events."""
    judge = min(period.end, now)
    mine = [e for e in events if e.tenant_id == school]
    kind = lambda e: type(e).__qualname__  # noqa: E731
    held = sorted(e.held_at for e in mine if kind(e) == "Drill.Held")
    held = [t for t in held if period.start <= t < period.end and t < judge]
    plan = BASE["drills"]["boarding" if boarding else "schedule"]
    plan = plan if boarding else plan[school_type]
    due = missed = 0
    for i in range(period.months):
        start = first_of(period.start.year, period.start.month + i)
        end = first_of(start.year, start.month + plan["every_months"])
        if (start.month - 1) % plan["every_months"] or end > judge:
            continue
        due += 1
        missed += sum(start <= t < end for t in held) < plan["at_least"]
    drills = {"held": len(held), "blocks_due": due, "blocks_missed": missed}

    hazards = {}
    for e in mine:
        if kind(e).startswith("Hazard."):
            h = hazards.setdefault(e.originator_id, {"state": "logged"})
            name = kind(e).split(".")[1]
            if name == "Logged":
                h.update(logged=e.timestamp, severity=e.severity, deadline=None)
            elif name in ("Assigned", "DeadlineExtended"):
                h.update(
                    deadline=e.deadline,
                    state=h["state"] if name[0] == "D" else "assigned",
                )
            elif name == "RectificationReported":
                h.update(state="reported", reported=e.timestamp)
            elif name == "Verified":
                h["state"] = "verified"
    counted = {"on_time": 0, "late": 0, "overdue": 0, "awaiting": 0}
    for h in hazards.values():
        if not period.start <= h["logged"] < judge:
            continue
        days = BASE["hazards"]["rectify_within_days"][h["severity"]]
        limit = h["logged"] + timedelta(days=days)
        deadline = min(h["deadline"], limit) if h["deadline"] else limit
        if h["state"] == "verified":
            counted["on_time" if h["reported"] <= deadline else "late"] += 1
        elif h["state"] == "reported":
            counted["awaiting"] += 1
        elif judge > deadline:
            counted["overdue"] += 1
    hazard_figures = {
        "rectified_on_time": counted["on_time"],
        "rectified_late": counted["late"],
        "overdue": counted["overdue"],
        "awaiting_verification": counted["awaiting"],
    }

    late = late_verbal = late_written = 0
    written = {
        e.originator_id: e.timestamp
        for e in mine
        if kind(e) == "Incident.WrittenReportFiled"
    }
    reported = [
        e
        for e in mine
        if kind(e) == "Incident.Reported" and period.start <= e.occurred_at < judge
    ]
    for e in reported:
        limit = BASE["incidents"]["report_within_minutes"][e.severity]
        verbal_late = e.timestamp - e.occurred_at > timedelta(minutes=limit["verbal"])
        filed = written.get(e.originator_id)
        written_by = e.occurred_at + timedelta(minutes=limit["written"])
        written_late = filed > written_by if filed else judge > written_by
        late += verbal_late or written_late
        late_verbal += verbal_late
        late_written += written_late
    incidents = {
        "incidents": len(reported),
        "late": late,
        "late_verbal": late_verbal,
        "late_written": late_written,
    }

    reports = {"on_time": 0, "late": 0, "missing": 0}
    submitted = {
        e.month: e.timestamp for e in mine if kind(e) == "MonthlyReport.Submitted"
    }
    for i in range(period.months):
        start = first_of(period.start.year, period.start.month + i)
        due_at = first_of(start.year, start.month + 1) + timedelta(
            days=BASE["reports"]["due_day"]
        )
        at = submitted.get(start.strftime("%Y-%m"))
        if at is None:
            reports["missing"] += due_at <= now
        else:
            reports["on_time" if at <= due_at else "late"] += 1
    return {
        "drills": drills,
        "hazards": hazard_figures,
        "incidents": incidents,
        "reports": reports,
    }


def expected_agreements(events, school):
    kind = lambda e: type(e).__qualname__  # noqa: E731
    signed: dict = {}
    about = {}
    for e in events:
        if kind(e) == "ResponsibilityAgreement.Issued":
            about[e.originator_id] = (
                e.tenant_id,
                e.counterparty_kind,
                e.counterparty_ref,
            )
        elif kind(e) == "ResponsibilityAgreement.Signed":
            signed.setdefault(e.originator_id, set()).add(e.party)
    both = {a for a, parties in signed.items() if len(parties) == 2}
    bureau = any(ref == str(school) and a in both for a, (_, _, ref) in about.items())
    staff = [
        a for a, (issuer, k, _) in about.items() if issuer == school and k == "staff"
    ]
    return {
        "bureau_signed": bureau,
        "staff_issued": len(staff),
        "staff_signed": sum(a in both for a in staff),
    }


def expected_uncovered(runtime, events, school, judge):
    """Place-slots of school hours in the week before ``judge`` nobody answers for."""
    grid_id = Grid.create_id(school)
    grid = None
    for e in events:
        if e.originator_id == grid_id and e.timestamp <= judge:
            grid = e.mutate(grid)
    rules = BASE["grid"]
    cells = gaps = 0
    local = judge.astimezone(CHINA_TIME)
    for back in range(7, 0, -1):
        day = (local - timedelta(days=back)).date()
        if day.isoweekday() not in rules["school_days"]:
            continue
        for hour in range(7, 18):
            moment = datetime(day.year, day.month, day.day, hour, 30, tzinfo=CHINA_TIME)
            for place in grid.places.values():
                if not place.active_at(moment):
                    continue
                cells += 1
                gaps += not grid.responsible_for(place.id, moment)
    return {"cells": cells, "uncovered": gaps}


@pytest.mark.parametrize("label", ["2026-03", "2026-Q2", "2026"])
def test_compliance_of_a_generated_province_equals_figures_computed_from_raw_events(
    runtime, settings, label
):
    clock, rng = Clock(), random.Random(21)
    with with_clock(clock):
        made = build_hierarchy(runtime.store, cities=2, counties=2, schools=4)
        agreements_and_grids(runtime.store, made, clock, rng)
        pending: dict = {}
        for _ in range(5):
            month_of_activity(runtime.store, made, clock, rng, pending)
        clock.at = max(clock.at, datetime(2026, 4, 2, tzinfo=CHINA_TIME))
        submit_reports(runtime.store, made, clock, "2026-03", rng)
        clock.advance(days=40)
    for name in ("directory", *READ_MODELS):
        catch_up(settings, runtime.engine, name)
    period, now = Period.parse(label), clock.at
    with runtime.engine.connect() as conn:
        judged = queries.judge_schools(
            conn, Scope.everything(), f"/{made.province.hex}/", period, now=now
        )
    events = domain_events(runtime)
    directory = {
        e.originator_id: e
        for e in events
        if type(e).__qualname__ == "Tenant.Registered"
    }
    assert len(judged) == len(made.schools)
    statuses = set()
    for school in judged:
        metric = {m["name"]: m for m in school["metrics"]}
        reg = directory[school["tenant_id"]]
        expected = expected_figures(
            events, reg.originator_id, reg.school_type, reg.boarding, period, now
        )
        for name, figures in expected.items():
            actual = {k: metric[name]["figures"][k] for k in figures}
            assert actual == figures, (school["code"], name)
        agreements = expected_agreements(events, reg.originator_id)
        assert {k: metric["agreements"]["figures"][k] for k in agreements} == agreements
        grid = expected_uncovered(
            runtime, events, reg.originator_id, min(period.end, now)
        )
        assert {k: metric["grid"]["figures"][k] for k in grid} == grid
        statuses |= {m["status"] for m in school["metrics"]}
    assert statuses == {"green", "amber", "red"}
