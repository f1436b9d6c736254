"""In-app notifications: each user's, of the tenants they read, unread first;
and the console bell that counts the unread."""

from __future__ import annotations

import pytest

from safeledger.platform.auth import sessions
from safeledger.platform.auth.accounts import find_user
from tests.conftest import bearer_client
from tests.e2e.conftest import created
from tests.e2e.test_accountability_api import log_hazard, open_case


def grant(client, tenant, username, role):
    body = {"username": username, "role": role}
    created(client.post(f"/api/v1/tenants/{tenant}/grants", json=body))


def test_cases_below_reach_the_county_inbox_unread_first_and_read_per_user(
    app, client, hierarchy
):
    school, county = hierarchy["school"], hierarchy["county"]
    officer, stranger = bearer_client(app, "officer"), bearer_client(app, "stranger")
    grant(client, county, "officer", "safety_officer")
    for reason in ("concealed_report", "false_report"):
        created(open_case(client, school, log_hazard(client, school), reason=reason))
    inbox = officer.get("/api/v1/notifications").json
    assert inbox["total"] == 2 and inbox["unread"] == 2
    assert {n["kind"] for n in inbox["items"]} == {"case_opened"}
    older = inbox["items"][-1]["id"]
    read = officer.post(f"/api/v1/notifications/{older}/read")
    assert read.status_code == 204
    assert officer.post(f"/api/v1/notifications/{older}/read").status_code == 204
    after = officer.get("/api/v1/notifications").json
    assert after["unread"] == 1
    assert [(n["id"], n["read"]) for n in after["items"]][-1] == (older, True)
    assert after["items"][0]["read"] is False
    # Read for this user only; a user with no grants sees nothing at all.
    assert client.get("/api/v1/notifications").json["unread"] == 2
    assert stranger.get("/api/v1/notifications").json["total"] == 0
    assert stranger.post(f"/api/v1/notifications/{older}/read").status_code == 404


@pytest.mark.parametrize("backend", ["sqlite"])
def test_the_console_bell_counts_the_unread_and_links_to_the_inbox(app, client, school):
    created(open_case(client, school, log_hazard(client, school)))
    console = app.test_client()
    user = find_user(app.extensions["safeledger"].engine, "test-admin")
    with console.session_transaction() as session:
        session["sid"] = sessions.start(
            app.extensions["safeledger"].engine, user.user_id
        )
    page = console.get("/console", follow_redirects=True).get_data(as_text=True)
    assert '<span class="unread-count">1</span>' in page
    assert 'href="/console/notifications"' in page
    inbox = console.get("/console/notifications").get_data(as_text=True)
    assert "问责立案" in inbox and "标为已读" in inbox
