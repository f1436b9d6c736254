"""The console's frame in a real browser: sign-in, language, phone layout."""

from __future__ import annotations


def test_signing_in_lands_on_my_tasks_in_chinese(signed_in):
    page = signed_in("principal")
    assert page.url.endswith("/console/tasks")
    assert page.locator("h1").inner_text() == "我的待办"
    assert page.locator("html").get_attribute("lang") == "zh-CN"
