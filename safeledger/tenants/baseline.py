"""The national baseline of rules with numbers, the default under every ruleset.

Data, not code: a jurisdiction's published ruleset overrides any part of it, and
compliance reads the numbers from here or from the rulesets in force.
Sources: 《中小学幼儿园应急疏散演练指南》 (2014) for drill frequency; common
provincial practice for report limits (verbal within 1 h, written within 2 h) and
the monthly report (安全月报表, due by the 5th of the next month).
"""

from __future__ import annotations

from typing import Any

MONTHLY = {"every_months": 1, "at_least": 1}
QUARTERLY = {"every_months": 3, "at_least": 1}

NATIONAL_BASELINE: dict[str, Any] = {
    "drills": {
        # Per school type: at least ``at_least`` drills in every block of
        # ``every_months`` calendar months (blocks aligned to January).
        "schedule": {
            "primary": MONTHLY,
            "junior_secondary": MONTHLY,
            "senior_secondary": MONTHLY,
            "nine_year": MONTHLY,
            "complete_secondary": MONTHLY,
            "vocational": MONTHLY,
            "special_education": MONTHLY,
            "kindergarten": QUARTERLY,
        },
        # Boarding schools follow this schedule instead of their type's.
        "boarding": MONTHLY,
    },
    "incidents": {
        # Minutes from the incident to the verbal and to the written report.
        "report_within_minutes": {
            "general": {"verbal": 60, "written": 120},
            "major": {"verbal": 60, "written": 120},
            "serious": {"verbal": 30, "written": 60},
            "especially_serious": {"verbal": 30, "written": 60},
        },
    },
    "hazards": {"rectify_within_days": {"general": 30, "major": 90}},
    "reports": {"due_day": 5},
    "spot_checks": {"rate_percent": 10},
    "agreements": {"min_coverage_percent": 95},
    "grid": {
        # The school hours every place needs a responsible person for.
        "school_days": [1, 2, 3, 4, 5],
        "day_start": "07:00",
        "day_end": "18:00",
        "slot_minutes": 60,
    },
    # An event whose occurred-at lies this long before its recorded-at is flagged.
    "authenticity": {"backfill_days": 7},
}
