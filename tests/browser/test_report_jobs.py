"""The monthly report: generated from the ledger, reviewed, submitted."""

from __future__ import annotations


def test_the_principal_reviews_and_submits_last_months_report(open_page):
    principal = open_page("phone", "principal")
    principal.goto("/console/reports")
    figures = principal.locator("dl.figures").inner_text()
    assert "开展演练次数" in figures and "drills_held" not in figures
    principal.click("#form-submit button[type=submit]")
    principal.wait_for_selector("p.report-submitted")
    assert principal.locator("#form-submit").count() == 0
    assert "东城区" in principal.locator("p.report-submitted").inner_text()
