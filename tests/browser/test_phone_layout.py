"""At 390 px wide: no sideways scrolling, tap targets of 44 px, one-column forms."""

from __future__ import annotations

import pytest

PAGES = [
    "/console/tasks",
    "/console/hazards",
    "/console/hazards/new",
    "/console/drills",
    "/console/incidents",
    "/console/grid",
    "/console/agreements",
    "/console/reports",
    "/console/notifications",
    "/console/account/password",
]
TARGETS = (
    "button, select, summary, nav.areas a, ol.crumbs a, "
    "input:not([type=hidden]):not([type=checkbox])"
)
MEASURE = """targets => targets
  .filter(t => t.offsetParent !== null)
  .map(t => {
    const box = t.getBoundingClientRect();
    return {what: t.outerHTML.slice(0, 80), height: box.height, width: box.width};
  })"""


@pytest.mark.parametrize("username", ["principal", "officer"])
def test_every_page_fits_a_phone_with_tap_targets_of_44_px(open_page, username):
    page = open_page("phone", username)
    for path in PAGES:
        page.goto(path)
        for details in page.locator("details:not(.menu)").all():
            details.evaluate("d => d.open = true")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"{path} scrolls sideways ({width} px)"
        small = [
            t
            for t in page.locator(TARGETS).evaluate_all(MEASURE)
            if t["height"] < 44 or t["width"] < 44
        ]
        assert small == [], f"{path}: {small}"
        fields = page.locator("form.stack label.field").evaluate_all(
            "ls => ls.filter(l => l.offsetParent !== null)"
            ".map(l => l.getBoundingClientRect().width)"
        )
        assert all(w >= 300 for w in fields), f"{path}: a form is not one column"
