"""Accounts in a real browser: a tenant admin creates a principal, who signs in."""

from __future__ import annotations

import uuid

from tests.browser.conftest import sign_in


def test_a_tenant_admin_creates_a_principal_who_changes_the_password(
    open_page, viewport
):
    admin = open_page(viewport, "province-admin")
    admin.goto("/console/accounts")
    admin.click("details.step > summary:has-text('新建账号')")
    username = f"1380000{uuid.uuid4().int % 10000:04d}"
    admin.fill("input[name=display_name]", "李校长")
    admin.fill("input[name=username]", username)
    units = admin.locator("select[name=tenant_id] option").evaluate_all(
        "options => options.map(o => o.textContent)"
    )
    school = next(name for name in units if name.endswith("第一初级中学"))
    admin.select_option("select[name=tenant_id]", label=school)
    admin.select_option("select[name=role]", "principal")
    admin.click("form.stack button.primary")
    assert admin.locator(".handed-username").inner_text() == username
    one_time = admin.locator(".handed-password").inner_text().strip()
    assert len(one_time) >= 10
    assert "李校长" in admin.locator("ul.cards").inner_text()

    newcomer = open_page(viewport)
    sign_in(newcomer, username, one_time)
    assert newcomer.locator("h1").inner_text() == "我的待办"
    newcomer.click("details.menu summary")
    newcomer.click("a:has-text('修改密码')")
    newcomer.fill("input[name=current_password]", one_time)
    newcomer.fill("input[name=new_password]", "my-own-password-2026")
    newcomer.fill("input[name=repeat_password]", "my-own-password-2026")
    newcomer.click("form.stack button.primary")
    assert newcomer.locator(".flash").inner_text() == "密码已修改。"
    newcomer.click("details.menu summary")
    newcomer.click("button:has-text('退出')")
    sign_in(newcomer, username, "my-own-password-2026")
    assert newcomer.url.endswith("/console/tasks")


def test_an_expired_form_comes_back_with_what_was_typed(open_page):
    principal = open_page("phone", "principal")
    principal.goto("/console/hazards/new")
    principal.fill("input[name=place]", "食堂后厨")
    principal.fill("textarea[name=description]", "燃气管道老化")
    # As if the page had been left open past the token's lifetime.
    principal.locator("form.stack input[name=csrf_token]").evaluate(
        "e => e.value = 'expired'"
    )
    principal.click("form.stack button.primary")
    assert "表单已过期" in principal.locator(".flash.error").inner_text()
    assert (
        principal.locator("textarea[name=description]").input_value() == "燃气管道老化"
    )
    assert principal.locator("input[name=place]").input_value() == "食堂后厨"
    # Sent again with the page's fresh token, it is recorded.
    principal.click("form.stack button.primary")
    principal.wait_for_url("**/hazards/*-*")
    assert "燃气管道老化" in principal.locator("h1").inner_text()


def test_signing_in_goes_where_one_was_going_but_never_off_site(open_page, server):
    page = open_page("desktop")
    page.goto("/console/hazards?overdue=yes")
    assert "/console/login?next=" in page.url
    page.fill("input[name=username]", "principal")
    page.fill("input[name=password]", "safeledger-demo")
    page.click("form.stack button[type=submit]")
    page.wait_for_url("**/console/hazards?overdue=yes")
    stranger = open_page("desktop")
    stranger.goto("/console/login?next=//evil.example/")
    stranger.fill("input[name=username]", "principal")
    stranger.fill("input[name=password]", "safeledger-demo")
    stranger.click("form.stack button[type=submit]")
    stranger.wait_for_url(f"{server}/console/tasks")
