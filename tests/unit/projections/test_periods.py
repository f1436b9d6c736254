"""Reporting periods in China time: months, quarters, school terms, years."""

from __future__ import annotations

from datetime import datetime

import pytest

from safeledger.projections.compliance.periods import Period, PeriodError
from safeledger.tenants.values import CHINA_TIME


def cst(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=CHINA_TIME)


@pytest.mark.parametrize(
    ("label", "start", "end", "months"),
    [
        ("2026-05", cst(2026, 5, 1), cst(2026, 6, 1), 1),
        ("2026-12", cst(2026, 12, 1), cst(2027, 1, 1), 1),
        ("2026-Q4", cst(2026, 10, 1), cst(2027, 1, 1), 3),
        ("2026-T1", cst(2026, 2, 1), cst(2026, 8, 1), 6),
        ("2026-T2", cst(2026, 9, 1), cst(2027, 2, 1), 5),
        ("2026", cst(2026, 1, 1), cst(2027, 1, 1), 12),
    ],
)
def test_a_period_label_names_whole_months_in_china_time(label, start, end, months):
    period = Period.parse(label)
    assert (period.start, period.end, len(period.month_starts())) == (
        start,
        end,
        months,
    )


@pytest.mark.parametrize("label", ["2026-13", "2026-Q5", "2026-T3", "26", "", "May"])
def test_an_unknown_period_is_refused_naming_the_field(label):
    with pytest.raises(PeriodError) as raised:
        Period.parse(label)
    assert raised.value.field == "period"
