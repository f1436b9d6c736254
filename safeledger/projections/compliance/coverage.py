"""Agreements, grid coverage and monthly reports of one school, under the rules."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any

from safeledger.projections.compliance.facts import Facts
from safeledger.projections.compliance.grading import AMBER, GREEN, RED, Metric, percent
from safeledger.projections.compliance.metrics import RulesAt
from safeledger.projections.compliance.periods import Period, add_months
from safeledger.projections.grid_map.coverage import Slot, school_slots, uncovered

# Share of place-slots left uncovered above which grid coverage is red, not amber.
GRID_RED_PERCENT = 10


def signed(row: dict[str, Any]) -> bool:
    """Whether an agreement is in force and signed by both sides."""
    return (
        row["status"] == "active"
        and row["issuer_signed_at"] is not None
        and row["counterparty_signed_at"] is not None
    )


def agreements(
    facts: Facts, rules_at: RulesAt, period: Period, judge: datetime
) -> Metric:
    """The year's agreements: bureau → school signed; staff and parent coverage."""
    school_id = facts.school["tenant_id"]
    bureau = [r for r in facts.agreements if r["counterparty_tenant_id"] == school_id]
    own = [r for r in facts.agreements if r["issuer_id"] == school_id]
    coverage = {}
    for kind in ("staff", "guardian"):
        issued = [
            r for r in own if r["counterparty_kind"] == kind and r["status"] == "active"
        ]
        coverage[kind] = (sum(signed(r) for r in issued), len(issued))
    figures = {
        "year": period.year,
        "bureau_signed": any(signed(r) for r in bureau),
        "staff_signed": coverage["staff"][0],
        "staff_issued": coverage["staff"][1],
        "staff_coverage_percent": percent(*coverage["staff"]),
        "guardian_signed": coverage["guardian"][0],
        "guardian_issued": coverage["guardian"][1],
        "guardian_coverage_percent": percent(*coverage["guardian"]),
    }
    if not figures["bureau_signed"]:
        reason = f"no signed {period.year} agreement between the bureau and the school"
        return Metric("agreements", RED, reason, figures)
    minimum = rules_at(judge)["agreements"]["min_coverage_percent"]
    short = [
        f"{kind} coverage {figures[f'{kind}_coverage_percent'] or 0}% "
        f"(minimum {minimum}%)"
        for kind in ("staff", "guardian")
        if (figures[f"{kind}_coverage_percent"] or 0) < minimum
    ]
    if short:
        return Metric("agreements", AMBER, "; ".join(short), figures)
    return Metric(
        "agreements",
        GREEN,
        f"bureau agreement signed; staff and parent coverage at least {minimum}%",
        figures,
    )


def grid(facts: Facts, rules_at: RulesAt, period: Period, judge: datetime) -> Metric:
    """Places × school-hour slots of the week before ``judge`` with nobody on duty."""
    slots = _slots(json.dumps(rules_at(judge)["grid"], sort_keys=True), judge)
    active, cells, gaps = uncovered(facts.places, facts.assignments, slots)
    figures = {
        "places": active,
        "slots": len(slots),
        "cells": cells,
        "uncovered": gaps,
        "uncovered_percent": percent(gaps, cells),
    }
    if not cells:
        reason = "no grid places in use" if slots else "no school hours to cover"
        return Metric("grid", RED if slots else GREEN, reason, figures)
    if not gaps:
        reason = f"all {cells} place-slots have a responsible person"
        return Metric("grid", GREEN, reason, figures)
    status = RED if 100 * gaps > GRID_RED_PERCENT * cells else AMBER
    reason = f"{gaps} of {cells} place-slots have nobody responsible"
    return Metric("grid", status, reason, figures)


@lru_cache(maxsize=256)
def _slots(grid_rules: str, judge: datetime) -> list[Slot]:
    # The same for every school judged by the same rules at the same moment.
    return school_slots(json.loads(grid_rules), judge)


def report_due(month_start: datetime, rules_at: RulesAt) -> datetime:
    """When a month's report is due: the end of the due day of the next month."""
    due_day = rules_at(month_start)["reports"]["due_day"]
    return add_months(month_start, 1) + timedelta(days=due_day)


def reports(facts: Facts, rules_at: RulesAt, period: Period, known: datetime) -> Metric:
    """Monthly reports of the period's months that were due by ``known``."""
    by_month = {r["month"]: r for r in facts.reports}
    due = on_time = late = missing = 0
    for start in period.month_starts():
        deadline = report_due(start, rules_at)
        report = by_month.get(Period.month_label(start))
        if report is None:
            missing += deadline <= known
            due += deadline <= known
            continue
        due += 1
        on_time, late = (
            (on_time + 1, late)
            if report["submitted_at"] <= deadline
            else (on_time, late + 1)
        )
    figures = {"due": due, "on_time": on_time, "late": late, "missing": missing}
    if missing:
        return Metric("reports", RED, f"{missing} monthly report(s) missing", figures)
    if late:
        return Metric(
            "reports", AMBER, f"{late} monthly report(s) submitted late", figures
        )
    reason = f"{on_time} monthly report(s) on time" if due else "no report due yet"
    return Metric("reports", GREEN, reason, figures)
