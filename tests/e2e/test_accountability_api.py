"""Accountability cases (问责) through the API: opened by an official, decided,
closed, and listed open on the dashboards of the levels above."""

from __future__ import annotations

import pytest

from tests.conftest import bearer_client
from tests.e2e.conftest import created

# The ledger behaves alike on both stores; the read-model lists run on both.
sqlite_only = pytest.mark.parametrize("backend", ["sqlite"])


def log_hazard(client, school) -> str:
    body = {
        "category": "fire",
        "severity": "general",
        "description": "灭火器过期",
        "found_by": "安全员",
        "place": "教学楼",
    }
    return created(client.post(f"/api/v1/tenants/{school}/hazards", json=body))["id"]


def open_case(client, school, subject, **extra):
    body = {
        "subject_kind": "hazard",
        "subject_id": subject,
        "reason": "concealed_report",
        "summary": "隐患未如实上报",
        **extra,
    }
    return client.post(f"/api/v1/tenants/{school}/accountability-cases", json=body)


@sqlite_only
def test_an_official_opens_decides_and_closes_a_case_each_step_on_record(
    client, school
):
    cases = f"/api/v1/tenants/{school}/accountability-cases"
    case = created(open_case(client, school, log_hazard(client, school)))["id"]
    decided = client.post(
        f"{cases}/{case}/decision", json={"decision": "interview", "note": "约谈校长"}
    )
    assert created(decided, 200)["version"] == 2
    closed = client.post(f"{cases}/{case}/closure", json={"conclusion": "已整改"})
    assert created(closed, 200)["version"] == 3
    record = client.get(f"{cases}/{case}").json
    assert record["state"]["state"] == "closed"
    assert record["state"]["decision"] == "interview"
    history = client.get(f"{cases}/{case}/history").json["items"]
    assert [e["type"] for e in history] == ["Opened", "Decided", "Closed"]
    assert {e["actor"] for e in history} == {"user:test-admin"}


def test_open_cases_of_a_school_show_on_the_county_list_until_decided(
    client, hierarchy
):
    school, county = hierarchy["school"], hierarchy["county"]
    case = created(open_case(client, school, log_hazard(client, school)))["id"]
    listing = client.get(f"/api/v1/tenants/{county}/accountability-cases").json
    assert [row["case_id"] for row in listing["items"]] == [case]
    assert listing["total"] == 1 and listing["items"][0]["automatic"] is False
    client.post(
        f"/api/v1/tenants/{school}/accountability-cases/{case}/decision",
        json={"decision": "notice", "note": "通报批评"},
    )
    still_open = client.get(f"/api/v1/tenants/{county}/accountability-cases").json
    assert still_open["total"] == 0
    decided = client.get(
        f"/api/v1/tenants/{county}/accountability-cases?state=decided"
    ).json
    assert [row["decision"] for row in decided["items"]] == ["notice"]


@sqlite_only
def test_a_case_about_a_record_the_tenant_does_not_hold_is_404_and_not_recorded(
    client, hierarchy
):
    school = hierarchy["school"]
    response = open_case(client, school, hierarchy["county"])
    assert response.status_code == 404, response.json
    listing = client.get(f"/api/v1/tenants/{school}/accountability-cases").json
    assert listing["total"] == 0


@sqlite_only
def test_a_second_case_on_the_same_subject_and_reason_is_refused(client, school):
    hazard = log_hazard(client, school)
    created(open_case(client, school, hazard))
    assert open_case(client, school, hazard).status_code == 409


@sqlite_only
def test_a_closed_case_takes_no_decision_and_a_bad_decision_names_the_field(
    client, school
):
    cases = f"/api/v1/tenants/{school}/accountability-cases"
    case = created(open_case(client, school, log_hazard(client, school)))["id"]
    body = {"decision": "fine", "note": "x"}
    bad = client.post(f"{cases}/{case}/decision", json=body)
    assert bad.status_code == 422 and "decision" in bad.json["errors"]["json"]
    early = client.post(f"{cases}/{case}/closure", json={"conclusion": "x"})
    assert early.status_code == 409


def test_an_auditor_above_may_open_a_case_a_safety_officer_may_only_read_them(
    app, client, hierarchy
):
    school, county = hierarchy["school"], hierarchy["county"]
    hazard = log_hazard(client, school)
    for username, role in (("jijian", "auditor"), ("anquanyuan", "safety_officer")):
        body = {"username": username, "role": role}
        bearer = bearer_client(app, username)
        created(client.post(f"/api/v1/tenants/{county}/grants", json=body))
        if role == "auditor":
            auditor = bearer
        else:
            officer = bearer
    assert open_case(officer, school, hazard).status_code == 403
    created(open_case(auditor, school, hazard))
    listing = officer.get(f"/api/v1/tenants/{county}/accountability-cases")
    assert listing.status_code == 200 and listing.json["total"] == 1
