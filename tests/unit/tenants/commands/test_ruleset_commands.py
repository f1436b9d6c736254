"""Rulesets and monthly reports through the ledger."""

from __future__ import annotations

from datetime import date

from safeledger.tenants.reports import MonthNotOverError
from safeledger.tenants.rulesets import NotAJurisdictionError, Ruleset
from tests.unit.tenants.commands.conftest import DIGEST

RULES = {"drills": {"schedule": {"primary": {"at_least": 2}}}}


def test_a_county_publishes_rules_a_school_cannot(ledger, tenants, nothing_recorded):
    published = ledger.publish_ruleset(
        tenants.county, effective_from=date(2025, 3, 1), title="县规", rules=RULES
    )
    ruleset = ledger.load(Ruleset, tenants.county, published.aggregate_id)
    assert ruleset.rules == RULES
    nothing_recorded(
        NotAJurisdictionError,
        ledger.publish_ruleset,
        tenants.school,
        effective_from=date(2025, 3, 1),
        title="校规",
        rules=RULES,
    )


def test_a_submitted_report_is_amended_for_a_reason(ledger, tenants):
    school = tenants.school
    report = {"reviewed_digest": DIGEST, "report_digest": DIGEST, "figures": {}}
    submitted = ledger.submit_monthly_report(
        school, month="2025-02", submitted_by="校长", **report
    )
    changed = {**report, "figures": {"drills": 1}}
    ledger.amend_monthly_report(
        school, submitted.aggregate_id, None, reason="漏报", **changed
    )
    loaded = ledger.load_monthly_report(school, submitted.aggregate_id)
    assert (loaded.month, loaded.figures) == ("2025-02", {"drills": 1})


def test_a_month_not_over_is_not_reported(ledger, tenants, nothing_recorded):
    nothing_recorded(
        MonthNotOverError,
        ledger.submit_monthly_report,
        tenants.school,
        month="2025-03",
        reviewed_digest=DIGEST,
        report_digest=DIGEST,
        submitted_by="校长",
        figures={},
    )
