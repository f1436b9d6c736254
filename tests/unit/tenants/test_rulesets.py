"""Rulesets (rules with numbers as data) and the monthly safety report."""

from __future__ import annotations

from datetime import date

import pytest

from safeledger.tenants.baseline import NATIONAL_BASELINE
from safeledger.tenants.errors import InvalidValueError
from safeledger.tenants.hierarchy import SchoolType, Tenant, TenantKind
from safeledger.tenants.reports import (
    MonthlyReport,
    MonthNotOverError,
    NotASchoolReportError,
    ReportChangedError,
)
from safeledger.tenants.rulesets import (
    NotAJurisdictionError,
    Ruleset,
    RuleShapeError,
    checked_rules,
    merged,
)

pytestmark = pytest.mark.usefixtures("request_context")
DIGEST = "a" * 64


@pytest.fixture
def county() -> Tenant:
    province = Tenant.register(
        kind=TenantKind.PROVINCE, code="P", name="省", parent=None
    )
    city = Tenant.register(kind=TenantKind.CITY, code="C", name="市", parent=province)
    return Tenant.register(kind=TenantKind.COUNTY, code="K", name="县", parent=city)


@pytest.fixture
def school(county) -> Tenant:
    return Tenant.register(
        kind=TenantKind.SCHOOL,
        code="S",
        name="小学",
        parent=county,
        school_type=SchoolType.PRIMARY,
    )


def test_a_ruleset_overrides_part_of_the_baseline_and_survives_storage(
    county, reloaded
):
    rules = {"incidents": {"report_within_minutes": {"general": {"verbal": 20}}}}
    ruleset = Ruleset.publish(
        jurisdiction=county, effective_from=date(2026, 9, 1), title="县规", rules=rules
    )
    stored = reloaded(ruleset)
    assert stored.rules == rules
    assert stored.effective_from == "2026-09-01"
    assert stored.id == Ruleset.create_id(county.id, "2026-09-01")
    in_force = merged(NATIONAL_BASELINE, stored.rules)
    general = in_force["incidents"]["report_within_minutes"]["general"]
    assert general == {"verbal": 20, "written": 120}
    assert NATIONAL_BASELINE["incidents"]["report_within_minutes"]["general"] == {
        "verbal": 60,
        "written": 120,
    }


@pytest.mark.parametrize(
    "rules",
    [
        {},
        {"drill": {}},
        {"drills": {"schedule": {"primary": {"every_months": -1}}}},
        {"drills": {"schedule": {"primary": {"every_months": True}}}},
        {"grid": {"day_start": "7am"}},
        {"grid": {"school_days": [0, 8]}},
        {"reports": "5"},
        [],
    ],
)
def test_rules_that_do_not_fit_the_baseline_are_refused(rules):
    with pytest.raises(RuleShapeError):
        checked_rules(rules)


def test_only_a_province_city_or_county_publishes_rules(school):
    with pytest.raises(NotAJurisdictionError):
        Ruleset.publish(
            jurisdiction=school,
            effective_from=date(2026, 9, 1),
            title="校规",
            rules={"reports": {"due_day": 3}},
        )


def test_an_effective_date_is_a_date(county):
    with pytest.raises(InvalidValueError):
        Ruleset.publish(
            jurisdiction=county, effective_from="2026-09-01", title="县规", rules={}
        )


def test_a_monthly_report_is_submitted_once_the_month_is_over(school, clock):
    with pytest.raises(MonthNotOverError):
        MonthlyReport.submit(
            school=school,
            month="2025-03",
            reviewed_digest=DIGEST,
            report_digest=DIGEST,
            submitted_by="校长",
            figures={},
        )
    report = MonthlyReport.submit(
        school=school,
        month="2025-02",
        reviewed_digest=DIGEST,
        report_digest=DIGEST,
        submitted_by="校长",
        figures={"drills_held": 1},
    )
    assert (report.month, report.digest) == ("2025-02", DIGEST)


def test_a_report_reviewed_before_the_ledger_changed_is_refused(school, refused):
    with pytest.raises(ReportChangedError):
        MonthlyReport.submit(
            school=school,
            month="2025-02",
            reviewed_digest=DIGEST,
            report_digest="b" * 64,
            submitted_by="校长",
            figures={},
        )
    report = MonthlyReport.submit(
        school=school,
        month="2025-02",
        reviewed_digest=DIGEST,
        report_digest=DIGEST,
        submitted_by="校长",
        figures={},
    )
    refused(
        report,
        ReportChangedError,
        report.amend,
        reviewed_digest=DIGEST,
        report_digest="c" * 64,
        figures={},
        reason="补报",
    )


def test_only_a_school_submits_a_monthly_report(county):
    with pytest.raises(NotASchoolReportError):
        MonthlyReport.submit(
            school=county,
            month="2025-02",
            reviewed_digest=DIGEST,
            report_digest=DIGEST,
            submitted_by="局长",
            figures={},
        )
