"""A county issues the year's agreement; the school's principal signs it as themself."""

from __future__ import annotations

import re

from tests.browser.support import china_now, pdf, shown_name


def test_a_county_issues_an_agreement_and_the_principal_signs_it(open_page, tmp_path):
    officer = open_page("desktop", "officer")
    year = str(china_now().year + 1)  # a year of its own, free of other tests
    officer.goto(f"/console/agreements?year={year}")
    before = int(officer.locator("p.coverage").get_attribute("data-covered"))
    officer.click("#form-issue > summary")
    officer.select_option(
        "#form-issue select[name=counterparty]", label="东城区实验小学"
    )
    officer.fill("#form-issue input[name=year]", year)
    officer.fill(
        "#form-issue textarea[name=duties]", "落实校园安全主体责任\n每月开展应急演练"
    )
    officer.set_input_files("#form-issue input[name=document]", pdf(tmp_path, "a.pdf"))
    officer.click("#form-issue button[type=submit]")
    officer.wait_for_url(re.compile(r".*/agreements/[0-9a-f-]{36}$"))
    agreement_url = officer.url
    # The county signs for itself; it is offered nothing to sign for the school.
    officer.click("#form-sign button[type=submit]")
    officer.wait_for_selector("#form-sign", state="detached")
    assert shown_name(officer) in officer.locator(".signature-issuer").inner_text()
    assert officer.locator("#form-sign").count() == 0
    assert "尚未签署" in officer.locator(".signature-counterparty").inner_text()

    principal = open_page("phone", "principal")
    principal.goto(agreement_url)
    assert "尚未签署" in principal.locator(".signature-counterparty").inner_text()
    principal.click("#form-sign button[type=submit]")
    principal.wait_for_selector("#form-sign", state="detached")
    signed = principal.locator(".signature-counterparty").inner_text()
    assert shown_name(principal) in signed and "校长" in signed

    officer.goto(f"/console/agreements?year={year}")
    assert (
        int(officer.locator("p.coverage").get_attribute("data-covered")) == before + 1
    )
