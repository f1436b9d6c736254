"""Drills, hazards and incidents of one school, judged under the rules in force.

``rules_at(moment)`` gives the merged rules a school is judged by at a moment;
``judge`` is the moment of judgement: the period's end, or the as-of moment (or
now) if that comes first. Nothing here reads a clock or a database.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from safeledger.projections.compliance.facts import Facts
from safeledger.projections.compliance.grading import AMBER, GREEN, RED, Metric
from safeledger.projections.compliance.periods import Period, add_months

RulesAt = Callable[[datetime], dict[str, Any]]
RECTIFIED = ("verified", "closed")
OWED = ("logged", "assigned", "rectifying")


def drill_schedule(school: dict[str, Any], rules: dict[str, Any]) -> dict[str, int]:
    """The drill schedule the school follows under ``rules``."""
    drills = rules["drills"]
    if school["boarding"]:
        return drills["boarding"]
    return drills["schedule"].get(school["school_type"], drills["boarding"])


def drills(facts: Facts, rules_at: RulesAt, period: Period, judge: datetime) -> Metric:
    """Drills held against required, block by block of the school's schedule."""
    held_times = sorted(d["held_at"] for d in facts.drills if d["held_at"] < judge)
    due = missed = required = 0
    for start in period.month_starts():
        schedule = drill_schedule(facts.school, rules_at(start))
        every, at_least = schedule["every_months"], schedule["at_least"]
        if not every or not at_least or (start.month - 1) % every:
            continue
        end = add_months(start, every)
        if end > judge:
            continue
        due += 1
        required += at_least
        if sum(start <= t < end for t in held_times) < at_least:
            missed += 1
    figures = {
        "held": len(held_times),
        "required": required,
        "blocks_due": due,
        "blocks_missed": missed,
    }
    if not due:
        return Metric("drills", GREEN, "no drill was due yet in this period", figures)
    if not missed:
        return Metric(
            "drills",
            GREEN,
            f"{len(held_times)} drill(s) held, {required} required: every block met",
            figures,
        )
    status = RED if 2 * missed >= due else AMBER
    return Metric(
        "drills",
        status,
        f"{missed} of {due} drill block(s) had fewer "
        f"drills than required ({len(held_times)} held, {required} required)",
        figures,
    )


def hazard_deadline(row: dict[str, Any], rules_at: RulesAt) -> datetime:
    """The rectification deadline: the one set, at most the rules' limit."""
    days = rules_at(row["logged_at"])["hazards"]["rectify_within_days"][row["severity"]]
    limit = row["logged_at"] + timedelta(days=days)
    return min(row["deadline"], limit) if row["deadline"] is not None else limit


def hazards(facts: Facts, rules_at: RulesAt, period: Period, judge: datetime) -> Metric:
    """Hazards logged in the period: rectified on time, late, overdue, supervised."""
    on_time = late = overdue = awaiting = major_open = supervised = 0
    for row in facts.hazards:
        deadline = hazard_deadline(row, rules_at)
        if row["state"] in RECTIFIED:
            on_time, late = (
                (on_time + 1, late)
                if row["reported_at"] <= deadline
                else (on_time, late + 1)
            )
        elif row["state"] == "reported":
            awaiting += 1
        elif judge > deadline:
            overdue += 1
        if row["severity"] == "major" and row["state"] not in RECTIFIED:
            major_open += 1
            supervised += row["escalated_to"] is not None
    figures = {
        "logged": len(facts.hazards),
        "rectified_on_time": on_time,
        "rectified_late": late,
        "overdue": overdue,
        "awaiting_verification": awaiting,
        "major_open": major_open,
        "major_supervised": supervised,
    }
    if overdue:
        return Metric(
            "hazards",
            RED,
            f"{overdue} hazard(s) past their rectification deadline",
            figures,
        )
    if late or major_open > supervised:
        reason = (
            f"{late} hazard(s) rectified late"
            if late
            else (
                f"{major_open - supervised} open major hazard(s) not under supervision"
            )
        )
        return Metric("hazards", AMBER, reason, figures)
    return Metric(
        "hazards",
        GREEN,
        f"{len(facts.hazards)} hazard(s) logged, none overdue or late",
        figures,
    )


def incidents(
    facts: Facts, rules_at: RulesAt, period: Period, judge: datetime
) -> Metric:
    """Incidents of the period: verbal and written reports within the limits."""
    late_verbal = late_written = pending = late = 0
    for row in facts.incidents:
        limit = rules_at(row["occurred_at"])["incidents"]["report_within_minutes"][
            row["severity"]
        ]
        verbal_by = row["occurred_at"] + timedelta(minutes=limit["verbal"])
        written_by = row["occurred_at"] + timedelta(minutes=limit["written"])
        written = row["written_report_at"]
        verbal_late = row["reported_at"] > verbal_by
        written_late = written > written_by if written else judge > written_by
        late_verbal += verbal_late
        late_written += written_late
        late += verbal_late or written_late
        pending += not (verbal_late or written_late) and written is None
    total = len(facts.incidents)
    figures = {
        "incidents": total,
        "reported_on_time": total - late - pending,
        "late": late,
        "late_verbal": late_verbal,
        "late_written": late_written,
        "written_pending": pending,
    }
    if late:
        reason = (
            f"{late} of {total} incident(s) reported late "
            f"({late_verbal} verbal, {late_written} written report(s) late)"
        )
        return Metric("incidents", RED, reason, figures)
    reason = (
        f"{total} incident(s), every report within its limit"
        if total
        else "no incidents in this period"
    )
    return Metric("incidents", GREEN, reason, figures)
