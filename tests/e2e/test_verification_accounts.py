"""Verification is recorded by the supervisor's own account, never the reporter's."""

from __future__ import annotations

import pytest

from tests.conftest import bearer_client, stored_events
from tests.e2e.conftest import created, uploaded

pytestmark = pytest.mark.parametrize("backend", ["sqlite"])
DEADLINE = "2099-01-01T00:00:00+08:00"


def grant(client, tenant, username, role):
    body = {"username": username, "role": role}
    created(client.post(f"/api/v1/tenants/{tenant}/grants", json=body))


@pytest.fixture
def people(app, client, school):
    """A principal and a supervising safety officer of the school, each signed in."""
    principal, officer = bearer_client(app, "principal"), bearer_client(app, "officer")
    grant(client, school, "principal", "principal")
    grant(client, school, "officer", "safety_officer")
    return principal, officer


def reported_hazard(caller, school, **assign):
    url = f"/api/v1/tenants/{school}/hazards"
    body = {
        "category": "fire",
        "severity": "general",
        "description": "灭火器过期",
        "found_by": "王",
        "place": "食堂",
    }
    hazard = created(caller.post(url, json=body))["id"]
    assign = {
        "owner": "校长 赵",
        "supervisor": "安全员 孙",
        "deadline": DEADLINE,
        **assign,
    }
    created(caller.post(f"{url}/{hazard}/assign", json=assign), 200)
    report = {"summary": "已更换", "evidence_digests": [uploaded(caller, school, "r")]}
    created(caller.post(f"{url}/{hazard}/rectification-reports", json=report), 200)
    return f"{url}/{hazard}"


def test_the_reporter_cannot_verify_by_typing_the_supervisors_name(
    app, school, people, backend
):
    principal, officer = people
    hazard = reported_hazard(principal, school)
    before = len(stored_events(app.extensions["safeledger"]))
    typed = principal.post(f"{hazard}/verification", json={"verifier": "安全员 孙"})
    assert typed.status_code == 409, typed.json
    assert "verifier_not_reporter" in str(typed.json["errors"])
    assert len(stored_events(app.extensions["safeledger"])) == before
    assert principal.post(f"{hazard}/closure", json={}).status_code == 409
    done = officer.post(f"{hazard}/verification", json={"verifier": "安全员 孙"})
    assert done.status_code == 200, done.json
    history = officer.get(f"{hazard}/history").json["items"]
    assert history[-1]["type"] == "Verified" and history[-1]["actor"] == "user:officer"


def test_a_supervisor_with_an_account_verifies_with_that_account_only(
    app, client, school, people, backend
):
    principal, officer = people
    other = bearer_client(app, "other-officer")
    grant(client, school, "other-officer", "safety_officer")
    hazard = reported_hazard(principal, school, supervisor_username="officer")
    refused = other.post(f"{hazard}/verification", json={"verifier": "安全员 孙"})
    assert refused.status_code == 409
    assert "verified_by_supervisors_account" in str(refused.json["errors"])
    created(officer.post(f"{hazard}/verification", json={"verifier": "安全员 孙"}), 200)


def test_a_supervisor_account_must_hold_a_role_on_the_school(
    app, client, hierarchy, people, backend
):
    principal, _ = people
    bearer_client(app, "stranger")
    url = f"/api/v1/tenants/{hierarchy['school']}/hazards"
    body = {
        "category": "fire",
        "severity": "general",
        "description": "灭火器过期",
        "found_by": "王",
        "place": "食堂",
    }
    hazard = created(principal.post(url, json=body))["id"]
    assign = {
        "owner": "赵",
        "supervisor": "孙",
        "deadline": DEADLINE,
        "supervisor_username": "stranger",
    }
    response = principal.post(f"{url}/{hazard}/assign", json=assign)
    assert response.status_code == 422
    assert "supervisor_username" in response.json["errors"]["json"]
