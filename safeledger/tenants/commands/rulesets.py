"""Commands on rulesets and monthly reports."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from safeledger.tenants.commands.base import CommandBase, Recorded
from safeledger.tenants.reports import MonthlyReport
from safeledger.tenants.rulesets import Ruleset


class RulesetCommands(CommandBase):
    """Rules with numbers, published by a jurisdiction, and the schools' reports."""

    def publish_ruleset(
        self, tenant_id: UUID, *, effective_from: date, title: str, rules: Any
    ) -> Recorded:
        """Publish rules for the schools under ``tenant_id`` from ``effective_from``."""
        jurisdiction = self.locator.get_tenant(tenant_id)
        return self.create(
            tenant_id,
            lambda: Ruleset.publish(
                jurisdiction=jurisdiction,
                effective_from=effective_from,
                title=title,
                rules=rules,
            ),
        )

    def submit_monthly_report(
        self,
        tenant_id: UUID,
        *,
        month: str,
        reviewed_digest: str,
        report_digest: str,
        submitted_by: str,
        figures: dict[str, Any],
    ) -> Recorded:
        """Submit the school's reviewed report for a month."""
        school = self.locator.get_tenant(tenant_id)
        return self.create(
            tenant_id,
            lambda: MonthlyReport.submit(
                school=school,
                month=month,
                reviewed_digest=reviewed_digest,
                report_digest=report_digest,
                submitted_by=submitted_by,
                figures=figures,
            ),
        )

    def load_monthly_report(self, tenant_id: UUID, report_id: UUID) -> MonthlyReport:
        """A school's submitted report."""
        return self.load(MonthlyReport, tenant_id, report_id)

    def amend_monthly_report(
        self,
        tenant_id: UUID,
        report_id: UUID,
        version: int | None,
        *,
        reviewed_digest: str,
        report_digest: str,
        figures: dict[str, Any],
        reason: str,
    ) -> Recorded:
        """Submit a corrected report for a month already reported."""
        return self.change(
            MonthlyReport,
            tenant_id,
            report_id,
            version,
            lambda r: r.amend(
                reviewed_digest=reviewed_digest,
                report_digest=report_digest,
                figures=figures,
                reason=reason,
            ),
        )
