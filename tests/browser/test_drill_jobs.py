"""A school's drill, planned, held with its documents, and its month turning green."""

from __future__ import annotations

from tests.browser.support import china_now, open_step, pdf, photo


def test_a_school_records_a_drill_with_its_documents_and_the_month_turns_green(
    signed_in, viewport, tmp_path
):
    principal = signed_in("principal")
    principal.goto("/console/drills")
    month = china_now().strftime("%Y-%m")
    cell = principal.locator(f"#month-{month}")
    assert cell.get_attribute("data-status") in ("due", "met")
    principal.click("#form-plan > summary")
    principal.select_option("#form-plan select[name=kind]", "earthquake")
    today = china_now()
    principal.fill("#form-plan input[name=planned_on]", today.date().isoformat())
    principal.click("#form-plan button[type=submit]")
    principal.wait_for_selector("#form-hold")

    open_step(principal, "hold")
    form = "#form-hold"
    principal.fill(f"{form} input[name=held_at]", today.strftime("%Y-%m-%dT%H:%M"))
    principal.fill(f"{form} input[name=participants]", "420")
    principal.fill(f"{form} input[name=duration_minutes]", "30")
    principal.fill(f"{form} input[name=evacuation_seconds]", "185")
    for name in ("plan", "summary", "evaluation"):
        principal.set_input_files(
            f"{form} input[name={name}]", pdf(tmp_path, f"{name}-{viewport}.pdf")
        )
    principal.set_input_files(
        f"{form} input[name=photos]", [photo(tmp_path, f"{viewport}.png", 7)]
    )
    principal.click(f"{form} button[type=submit]")
    principal.wait_for_selector(".tags .state-held")
    assert principal.locator("dl.facts").inner_text().count("420") == 1

    principal.click("a.button:has-text('演练日历')")
    cell = principal.locator(f"#month-{month}")
    assert cell.get_attribute("data-status") == "met"
    assert "地震" in cell.inner_text()
