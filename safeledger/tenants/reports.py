"""The monthly safety report (安全月报表) a school submits for each month.

The platform generates the report from the school's ledger; the principal reviews
it and submits it as an event carrying the digest of what they reviewed. If the
ledger changed meanwhile, the digests differ and the submission is refused, so
the recorded digest is always that of a report someone actually signed off.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import event

from safeledger.tenants import context
from safeledger.tenants.errors import ConflictError, InvalidValueError
from safeledger.tenants.hierarchy import Tenant, TenantKind, clean_text
from safeledger.tenants.ledger import LedgerAggregate
from safeledger.tenants.values import CHINA_TIME, digest, given_reason

REPORT_NAMESPACE = uuid5(NAMESPACE_URL, "https://safeledger.example/monthly-reports")
_MONTH = re.compile(r"(20\d\d)-(0[1-9]|1[0-2])")


class MonthNotOverError(ConflictError):
    """A month is reported once it is over."""

    rule = "month_over_before_report"
    field = "month"


class ReportChangedError(ConflictError):
    """The ledger changed after the report was reviewed: review it again."""

    rule = "reviewed_report_current"
    field = "digest"


class NotASchoolReportError(ConflictError):
    """Monthly reports are submitted by schools."""

    rule = "report_per_school"
    field = "tenant_id"


def month_start(month: str) -> datetime:
    """Midnight in China on the first day of ``month`` (YYYY-MM)."""
    if not isinstance(month, str) or not _MONTH.fullmatch(month):
        raise InvalidValueError("month must be written YYYY-MM", field="month")
    first = date.fromisoformat(f"{month}-01")
    return datetime.combine(first, datetime.min.time(), CHINA_TIME)


def next_month(month: str) -> str:
    """The month after ``month``."""
    start = month_start(month)
    year, number = (
        (start.year + 1, 1) if start.month == 12 else (start.year, start.month + 1)
    )
    return f"{year:04d}-{number:02d}"


class MonthlyReport(LedgerAggregate):
    """A school's safety report for one month, as submitted."""

    label = "monthly_report"

    @staticmethod
    def create_id(school_id: UUID, month: str) -> UUID:
        """One report per school and month."""
        return uuid5(REPORT_NAMESPACE, f"{school_id.hex}/{month}")

    @event("Submitted")
    def __init__(
        self,
        *,
        school_id: UUID,
        month: str,
        digest: str,
        submitted_by: str,
        figures: dict[str, Any],
    ) -> None:
        self.school_id = school_id
        self.month = month
        self.digest = digest
        self.submitted_by = submitted_by
        self.figures = figures

    @classmethod
    def submit(
        cls,
        *,
        school: Tenant,
        month: str,
        reviewed_digest: str,
        report_digest: str,
        submitted_by: str,
        figures: dict[str, Any],
    ) -> MonthlyReport:
        """Submit the report the principal reviewed, if it is still the current one."""
        if school.kind is not TenantKind.SCHOOL:
            raise NotASchoolReportError(f"{school.name} is not a school")
        if context.now() < month_start(next_month(month)):
            raise MonthNotOverError(f"{month} is not over yet")
        reviewed = _current(reviewed_digest, report_digest)
        return cls(
            school_id=school.id,
            month=month,
            digest=reviewed,
            submitted_by=clean_text(submitted_by, "submitted_by", 200),
            figures=figures,
        )

    def amend(
        self,
        *,
        reviewed_digest: str,
        report_digest: str,
        figures: dict[str, Any],
        reason: str,
    ) -> None:
        """Submit a corrected report for the same month, for a stated reason."""
        reviewed = _current(reviewed_digest, report_digest)
        self._amended(digest=reviewed, figures=figures, reason=given_reason(reason))

    @event("Amended")
    def _amended(self, digest: str, figures: dict[str, Any], reason: str) -> None:
        self.digest = digest
        self.figures = figures


def _current(reviewed_digest: str, report_digest: str) -> str:
    reviewed = digest(reviewed_digest, "digest")
    if reviewed != report_digest:
        raise ReportChangedError(
            "the ledger changed since this report was reviewed; review it again"
        )
    return reviewed
