"""Whole hazard jobs in a real browser, as the demo's principal and county officer."""

from __future__ import annotations

import re
import uuid
from datetime import timedelta

from tests.browser.support import china_now, open_step, photo, shown_name


def log_hazard(page, description: str, photos: list[str], school: str | None = None):
    """Fill in and send the log form; returns the hazard page's URL."""
    page.goto("/console/hazards/new")
    if school is not None:
        page.select_option("select[name=school]", label=school)
    page.select_option("select[name=category]", "fire")
    page.fill("input[name=place]", "教学楼二楼东侧走廊")
    page.fill("textarea[name=description]", description)
    page.set_input_files("input[name=photos]", photos)
    page.click("form.stack button.primary")
    page.wait_for_url(re.compile(r".*/hazards/[0-9a-f-]{36}$"))
    return page.url


def test_a_principal_logs_a_hazard_on_a_phone_and_the_county_closes_it(
    open_page, tmp_path
):
    description = f"灭火器压力不足 {uuid.uuid4().hex[:6]}"
    officer = open_page("desktop", "officer")
    supervisor = shown_name(officer)

    principal = open_page("phone", "principal")
    two = [photo(tmp_path, "a.png", 1), photo(tmp_path, "b.png", 2)]
    hazard_url = log_hazard(principal, description, two)
    assert principal.locator("dl.facts").inner_text().count("教学楼二楼东侧走廊") == 1
    assert principal.locator(".thumbs").first.locator("img").count() == 2

    # 我的待办 lists it, naming the school, and leads back to it.
    principal.goto("/console/tasks")
    principal.click(f"#tasks-assign a:has-text('{description}')")
    assert principal.url == hazard_url

    open_step(principal, "assign")
    principal.fill("#form-assign input[name=owner]", shown_name(principal))
    principal.fill("#form-assign input[name=supervisor]", supervisor)
    deadline = (china_now().date() + timedelta(days=10)).isoformat()
    principal.fill("#form-assign input[name=deadline]", deadline)
    principal.click("#form-assign button[type=submit]")
    principal.wait_for_selector("#form-rectify")

    principal.goto("/console/tasks")
    assert description in principal.locator("#tasks-rectify").inner_text()
    principal.click(f"#tasks-rectify a:has-text('{description}')")
    open_step(principal, "rectify")
    principal.fill("#form-rectify textarea[name=summary]", "已更换灭火器并张贴检查记录")
    principal.set_input_files(
        "#form-rectify input[name=evidence]", [photo(tmp_path, "c.png", 3)]
    )
    principal.click("#form-rectify button[type=submit]")
    principal.wait_for_selector("text=已报整改")
    # The owner is offered no verification, only the wait for the supervisor.
    assert principal.locator("#form-verify").count() == 0
    assert supervisor in principal.locator("main").inner_text()

    officer.goto("/console/tasks")
    officer.click(f"#tasks-verify a:has-text('{description}')")
    open_step(officer, "verify")
    officer.click("#form-verify button[type=submit]")
    open_step(officer, "close")
    officer.click("#form-close button[type=submit]")
    officer.wait_for_selector(".tags .state-closed")
    timeline = officer.locator("ol.timeline").inner_text()
    for step in ("已登记", "已指派", "已报整改", "已复核", "已销号"):
        assert step in timeline


def test_the_principal_cannot_verify_their_own_rectification(open_page, tmp_path):
    description = f"楼梯扶手松动 {uuid.uuid4().hex[:6]}"
    principal = open_page("desktop", "principal")
    me = shown_name(principal)
    url = log_hazard(principal, description, [photo(tmp_path, "d.png", 4)])
    open_step(principal, "assign")
    principal.fill("#form-assign input[name=owner]", me)
    principal.fill("#form-assign input[name=supervisor]", "另一位督查人")
    principal.fill(
        "#form-assign input[name=deadline]",
        (china_now().date() + timedelta(days=3)).isoformat(),
    )
    principal.click("#form-assign button[type=submit]")
    open_step(principal, "rectify")
    principal.fill("#form-rectify textarea[name=summary]", "已加固")
    principal.set_input_files(
        "#form-rectify input[name=evidence]", [photo(tmp_path, "e.png", 5)]
    )
    principal.click("#form-rectify button[type=submit]")
    principal.wait_for_selector("text=已报整改")
    assert principal.locator("#form-verify").count() == 0
    # Sent by hand anyway, the verification is refused beside the form, as a page.
    token = principal.locator("input[name=csrf_token]").first.input_value()
    answer = principal.request.post(
        url + "/verify", form={"csrf_token": token, "_page": url, "note": "好"}
    )
    assert answer.status == 422
    assert "text/html" in answer.headers["content-type"]
    assert "上报整改的人不能复核自己的整改" in answer.text()


def test_a_county_officer_logs_a_hazard_for_one_of_its_schools(
    signed_in, viewport, tmp_path
):
    officer = signed_in("officer")
    description = f"校门口减速带缺失 {viewport} {uuid.uuid4().hex[:6]}"
    officer.goto("/console/hazards/new")
    school = officer.locator("select[name=school] option").nth(2).inner_text()
    url = log_hazard(officer, description, [photo(tmp_path, "f.png", 6)], school)
    facts = officer.locator("dl.facts").inner_text()
    assert school in facts
    # The hazard is the school's: the breadcrumbs end at the school, not the bureau.
    assert officer.locator("ol.crumbs li").last.inner_text() == school
    assert "/tenants/" in url


def test_a_bureau_officer_must_pick_the_school(open_page, tmp_path):
    officer = open_page("phone", "officer")
    officer.goto("/console/hazards/new")
    officer.fill("input[name=place]", "操场")
    officer.fill("textarea[name=description]", "未选学校")
    # The browser's own check stops an empty choice; sent anyway, the form says why.
    officer.locator("select[name=school]").evaluate(
        "e => e.removeAttribute('required')"
    )
    officer.click("form.stack button.primary")
    assert officer.locator(".field-error").first.inner_text() == "此项必填。"
    assert officer.locator("textarea[name=description]").input_value() == "未选学校"
