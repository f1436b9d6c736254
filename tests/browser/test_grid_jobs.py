"""The grid: a gap highlighted, filled by a safety officer, and closed."""

from __future__ import annotations

import uuid


def test_the_safety_officer_fills_a_grid_gap_and_sees_it_close(signed_in, viewport):
    officer = signed_in("officer")
    officer.goto("/console/grid")
    officer.click("ul.rows a:has-text('东城区实验小学')")
    if officer.locator("button:has-text('建立网格')").count():
        with officer.expect_navigation():
            officer.click("button:has-text('建立网格')")
    code = f"{viewport}-{uuid.uuid4().hex[:4]}"
    officer.click("#form-place > summary")
    officer.fill("#form-place input[name=code]", code)
    officer.fill("#form-place input[name=name]", f"南门 {code}")
    officer.select_option("#form-place select[name=kind]", "gate")
    with officer.expect_navigation():
        officer.click("#form-place button[type=submit]")
    row = officer.locator(f"tr[data-place='{code}']")
    assert row.locator("td.gap").count() > 0
    assert row.locator("td.covered").count() == 0

    officer.click("#form-assign > summary")
    officer.select_option("#form-assign select[name=place_id]", label=f"南门 {code}")
    officer.fill("#form-assign input[name=person]", "门卫 王师傅")
    with officer.expect_navigation():
        officer.click("#form-assign button[type=submit]")
    row = officer.locator(f"tr[data-place='{code}']")
    assert row.locator("td.gap").count() == 0
    assert "门卫 王师傅" in row.locator("td.covered").first.inner_text()


def test_a_hazard_found_at_a_grid_place_is_recorded_against_that_place(
    open_page, tmp_path
):
    from tests.browser.support import photo

    principal = open_page("desktop", "principal")
    principal.goto("/console/grid")
    if principal.locator("button:has-text('建立网格')").count():
        with principal.expect_navigation():
            principal.click("button:has-text('建立网格')")
    code = f"lab-{uuid.uuid4().hex[:4]}"
    principal.click("#form-place > summary")
    principal.fill("#form-place input[name=code]", code)
    principal.fill("#form-place input[name=name]", f"化学实验室 {code}")
    with principal.expect_navigation():
        principal.click("#form-place button[type=submit]")
    principal.wait_for_selector(f"tr[data-place='{code}']")

    principal.goto("/console/hazards/new")
    options = principal.locator("datalist#places option").evaluate_all(
        "os => os.map(o => o.value)"
    )
    assert f"化学实验室 {code}" in options
    principal.fill("input[name=place]", f"化学实验室 {code}")
    principal.fill("textarea[name=description]", "通风橱故障")
    principal.set_input_files("input[name=photos]", [photo(tmp_path, "l.png", 11)])
    principal.click("form.stack button.primary")
    principal.wait_for_selector("ol.timeline")
    record = principal.request.get(
        principal.url.replace("/console/", "/api/v1/")
    ).json()
    assert record["state"]["place_id"] is not None
