"""Reporting periods: a month, a quarter, a school term or a year (China time)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from safeledger.tenants.errors import InvalidValueError
from safeledger.tenants.values import CHINA_TIME

# A year the records can be about: 0000 or 9999 would run past the calendar.
_YEAR = re.compile(r"(19\d\d|2[01]\d\d)")
_FORMS = (
    (re.compile(r"(\d{4})-(0[1-9]|1[0-2])"), "month"),
    (re.compile(r"(\d{4})-Q([1-4])"), "quarter"),
    (re.compile(r"(\d{4})-T([12])"), "term"),
    (re.compile(r"(\d{4})"), "year"),
)


class PeriodError(InvalidValueError):
    """A period is YYYY-MM, YYYY-Qn, YYYY-T1 (spring term), YYYY-T2 (autumn) or YYYY."""

    rule = "known_period"
    field = "period"


def month_start(year: int, month: int) -> datetime:
    """Midnight in China on the first of the month (months past 12 roll over)."""
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    return datetime(year, month, 1, tzinfo=CHINA_TIME)


def add_months(moment: datetime, months: int) -> datetime:
    """The first of the month ``months`` after the month of ``moment``."""
    local = moment.astimezone(CHINA_TIME)
    return month_start(local.year, local.month + months)


@dataclass(frozen=True)
class Period:
    """A labelled stretch of whole months, [start, end)."""

    label: str
    kind: str
    start: datetime
    months: int

    @property
    def end(self) -> datetime:
        """The first moment after the period."""
        return add_months(self.start, self.months)

    @property
    def year(self) -> int:
        """The year the period starts in (agreements are signed per year)."""
        return self.start.year

    def month_starts(self) -> list[datetime]:
        """The first moment of each month in the period."""
        return [add_months(self.start, i) for i in range(self.months)]

    @classmethod
    def parse(cls, label: str) -> Period:
        """The period a label such as 2026-05, 2026-Q2, 2026-T2 or 2026 names."""
        for pattern, kind in _FORMS:
            match = pattern.fullmatch(label or "")
            if match and _YEAR.fullmatch(match[1]):
                return cls._of(
                    label, kind, int(match[1]), int(match[len(match.groups())])
                )
        raise PeriodError(
            "period must be YYYY-MM, YYYY-Qn, YYYY-T1, YYYY-T2 or YYYY"
            " with a year from 1900 to 2199",
            field="period",
        )

    @classmethod
    def _of(cls, label: str, kind: str, year: int, number: int) -> Period:
        if kind == "month":
            return cls(label, kind, month_start(year, number), 1)
        if kind == "quarter":
            return cls(label, kind, month_start(year, 3 * number - 2), 3)
        if kind == "term":  # spring: February to July; autumn: September to January
            return cls(
                label,
                kind,
                month_start(year, 2 if number == 1 else 9),
                6 if number == 1 else 5,
            )
        return cls(label, kind, month_start(year, 1), 12)

    @staticmethod
    def month_label(moment: datetime) -> str:
        """YYYY-MM of the month containing ``moment`` in China."""
        return moment.astimezone(CHINA_TIME).strftime("%Y-%m")
