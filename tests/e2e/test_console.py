"""The console as a county official sees it: the subtree's open accountability cases."""

from __future__ import annotations

import pytest

from safeledger.platform.auth.accounts import create_user
from tests.e2e.conftest import created
from tests.e2e.test_accountability_api import log_hazard, open_case

PASSWORD = "a-long-test-password"


def sign_in(client, username):
    page = client.get("/console/login").get_data(as_text=True)
    token = page.split('name="csrf_token" value="')[1].split('"')[0]
    data = {"username": username, "password": PASSWORD, "csrf_token": token}
    assert client.post("/console/login", data=data).status_code == 302


@pytest.mark.parametrize("backend", ["sqlite"])
def test_a_countys_page_shows_the_open_cases_of_its_schools(
    app, client, anonymous, hierarchy, backend
):
    school, county = hierarchy["school"], hierarchy["county"]
    created(open_case(client, school, log_hazard(client, school)))
    create_user(app.extensions["safeledger"].engine, "county-head", PASSWORD)
    body = {"username": "county-head", "role": "inspector"}
    created(client.post(f"/api/v1/tenants/{county}/grants", json=body))
    sign_in(anonymous, "county-head")
    page = anonymous.get(f"/console/tenants/{county}").get_data(as_text=True)
    assert "未结问责案件（1）" in page
    # The reason is a word in the user's language, never its code.
    assert "瞒报" in page and "concealed_report" not in page
    # An inspector reads; the page offers nothing to record with.
    assert "登记隐患" not in page
