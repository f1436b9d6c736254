"""An incident reported against the clock, followed up, and closed (四不放过)."""

from __future__ import annotations

import uuid
from datetime import timedelta

from tests.browser.support import china_now, open_step, photo


def test_a_school_reports_an_incident_completes_the_four_conditions_and_closes_it(
    signed_in, viewport, tmp_path
):
    principal = signed_in("principal")
    description = f"课间学生在楼梯摔倒 {uuid.uuid4().hex[:6]}"
    principal.goto("/console/incidents")
    principal.click("#form-report > summary")
    assert "口头报告" in principal.locator(".clock-rules").inner_text()
    happened = china_now() - timedelta(minutes=10)
    principal.fill("input[name=occurred_at]", happened.strftime("%Y-%m-%dT%H:%M"))
    principal.select_option("select[name=category]", "sports_injury")
    principal.fill("input[name=injuries]", "1")
    principal.fill("textarea[name=description]", description)
    principal.click("#form-report button[type=submit]")
    principal.wait_for_selector("ul.checklist")
    assert "分钟" in principal.locator("dl.clock").inner_text()

    # Closing too early is refused, saying why, with nothing recorded.
    open_step(principal, "close")
    principal.click("#form-close button[type=submit]")
    assert "四不放过" in principal.locator(".flash.error").inner_text()

    steps = [
        ("determine_cause", {"cause": "楼梯湿滑"}),
        ("handle_responsible_persons", {"persons": "值日教师", "measures": "批评教育"}),
        ("hold_education", {"summary": "全校安全教育课", "participants": "600"}),
    ]
    for step, fields in steps:
        open_step(principal, step)
        for name, value in fields.items():
            principal.fill(f"#form-{step} [name={name}]", value)
        principal.click(f"#form-{step} button[type=submit]")
        principal.wait_for_selector(
            f"ul.checklist li.done >> nth={steps.index((step, fields))}"
        )
    open_step(principal, "complete_rectification")
    principal.fill("#form-complete_rectification [name=summary]", "铺设防滑条")
    principal.set_input_files(
        "#form-complete_rectification input[name=evidence]",
        [photo(tmp_path, f"{viewport}.png", 9)],
    )
    principal.click("#form-complete_rectification button[type=submit]")
    principal.wait_for_selector("ul.checklist li.done >> nth=3")
    assert principal.locator("ul.checklist li.missing").count() == 0

    open_step(principal, "close")
    principal.click("#form-close button[type=submit]")
    principal.wait_for_selector(".tags .state-closed")
    assert principal.locator("#form-close").count() == 0
