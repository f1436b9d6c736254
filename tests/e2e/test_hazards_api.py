"""Hazards through the HTTP API: the whole rectification, its rules, retries, races."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest

from tests.conftest import bearer_client, stored_events
from tests.e2e.conftest import created, uploaded

IN_A_WEEK = (datetime.now(UTC) + timedelta(days=7)).isoformat()


def log(client, school, **overrides):
    body = {
        "category": "electrical",
        "severity": "general",
        "description": "教学楼三楼配电箱未上锁",
        "found_by": "安全员 王",
        "place": "教学楼三楼",
        "photo_digests": [uploaded(client, school, "photo-1")],
        **overrides,
    }
    return client.post(f"/api/v1/tenants/{school}/hazards", json=body)


def step(client, school, hazard, path, **body):
    return client.post(f"/api/v1/tenants/{school}/hazards/{hazard}/{path}", json=body)


def history(client, school, hazard):
    page = client.get(
        f"/api/v1/tenants/{school}/hazards/{hazard}/history?page_size=50"
    ).json
    return [event["type"] for event in page["items"]]


def assigned_hazard(client, school) -> str:
    """A hazard logged and assigned: version 2, open for interim measures."""
    hazard = created(log(client, school))["id"]
    assign = {"owner": "李", "supervisor": "张", "deadline": IN_A_WEEK}
    created(step(client, school, hazard, "assign", **assign), 200)
    return hazard


def supervisor_of(app, client, school):
    """Another account, a safety officer of the school, who verifies."""
    supervisor = bearer_client(app, "supervisor")
    body = {"username": "supervisor", "role": "safety_officer"}
    created(client.post(f"/api/v1/tenants/{school}/grants", json=body))
    return supervisor


def same_caller(app, client):
    """Another test client (one per thread) calling with the same token."""
    other = app.test_client()
    other.environ_base.update(client.environ_base)
    return other


def assert_refused(response, status, rule, events_before, app):
    assert response.status_code == status, response.json
    assert rule in str(response.json["errors"])
    assert len(stored_events(app.extensions["safeledger"])) == events_before


def test_a_hazard_goes_from_logged_to_closed_and_every_step_is_an_event(
    client, app, school
):
    supervisor = supervisor_of(app, client, school)
    hazard = created(log(client, school))["id"]
    assign = {"owner": "后勤主任 李", "supervisor": "副校长 张", "deadline": IN_A_WEEK}
    assert (
        created(step(client, school, hazard, "assign", **assign), 200)["version"] == 2
    )
    created(
        step(client, school, hazard, "interim-measures", measure="设置警示标志"), 200
    )
    later = (datetime.now(UTC) + timedelta(days=10)).isoformat()
    created(
        step(
            client,
            school,
            hazard,
            "deadline-extensions",
            deadline=later,
            reason="等待配件",
        ),
        200,
    )
    report = {
        "summary": "更换并加锁",
        "evidence_digests": [uploaded(client, school, "after")],
    }
    created(step(client, school, hazard, "rectification-reports", **report), 200)
    created(
        step(
            supervisor,
            school,
            hazard,
            "rejection",
            verifier="副校长 张",
            reason="锁具不合格",
        ),
        200,
    )
    created(step(client, school, hazard, "rectification-reports", **report), 200)
    verified = step(supervisor, school, hazard, "verification", verifier="副校长 张")
    created(verified, 200)
    closed = created(step(client, school, hazard, "closure"), 200)

    assert closed["version"] == 9
    assert history(client, school, hazard) == [
        "Logged",
        "Assigned",
        "InterimMeasureTaken",
        "DeadlineExtended",
        "RectificationReported",
        "Rejected",
        "RectificationReported",
        "Verified",
        "Closed",
    ]
    record = client.get(f"/api/v1/tenants/{school}/hazards/{hazard}").json
    assert record["state"]["state"] == "closed"
    assert record["version"] == 9
    topics = [e.topic for e in stored_events(app.extensions["safeledger"])]
    assert topics.count("safeledger.tenants.hazards:Hazard.Closed") == 1


def test_the_owner_cannot_verify_their_own_rectification(client, app, school):
    supervisor = supervisor_of(app, client, school)
    hazard = created(log(client, school))["id"]
    step(
        client,
        school,
        hazard,
        "assign",
        owner="李",
        supervisor="张",
        deadline=IN_A_WEEK,
    )
    step(
        client,
        school,
        hazard,
        "rectification-reports",
        summary="done",
        evidence_digests=[uploaded(client, school, "x")],
    )
    before = len(stored_events(app.extensions["safeledger"]))
    response = step(supervisor, school, hazard, "verification", verifier="李")
    assert_refused(response, 409, "verifier_not_owner", before, app)


def test_a_hazard_cannot_be_closed_before_verification(client, app, school):
    hazard = created(log(client, school))["id"]
    step(
        client,
        school,
        hazard,
        "assign",
        owner="李",
        supervisor="张",
        deadline=IN_A_WEEK,
    )
    before = len(stored_events(app.extensions["safeledger"]))
    assert_refused(
        step(client, school, hazard, "closure"),
        409,
        "closed_only_after_verification",
        before,
        app,
    )


def test_a_major_hazard_needs_the_five_items_in_place(client, app, school):
    hazard = created(log(client, school, severity="major"))["id"]
    before = len(stored_events(app.extensions["safeledger"]))
    response = step(
        client,
        school,
        hazard,
        "assign",
        owner="李",
        supervisor="张",
        deadline=IN_A_WEEK,
        measures="封闭",
        funds="5万元",
    )
    assert_refused(response, 422, "five_in_place_for_major", before, app)
    assert "contingency_plan" in response.json["errors"]["json"]
    complete = step(
        client,
        school,
        hazard,
        "assign",
        owner="李",
        supervisor="张",
        deadline=IN_A_WEEK,
        measures="封闭",
        funds="5万元",
        contingency_plan="应急预案",
    )
    assert complete.status_code == 200


def test_a_major_hazard_is_escalated_to_the_county_above(client, school, hierarchy):
    hazard = created(log(client, school, severity="major"))["id"]
    response = step(
        client,
        school,
        hazard,
        "escalation",
        upper_tenant_id=hierarchy["county"],
        reason="整改难度大",
    )
    assert response.status_code == 200
    record = client.get(f"/api/v1/tenants/{school}/hazards/{hazard}").json
    assert record["state"]["escalated_to"] == hierarchy["county"]


def test_another_tenants_hazard_is_not_found(client, school, hierarchy):
    hazard = created(log(client, school))["id"]
    response = client.get(f"/api/v1/tenants/{hierarchy['county']}/hazards/{hazard}")
    assert response.status_code == 404
    assert "hazard_id" in str(response.json["errors"])


def test_a_retried_command_with_the_same_idempotency_key_appends_nothing(
    client, app, school
):
    headers = {"Idempotency-Key": "log-hazard-0001"}
    body = {
        "category": "fire",
        "severity": "general",
        "description": "灭火器过期",
        "found_by": "王",
        "place": "食堂",
    }
    first = client.post(f"/api/v1/tenants/{school}/hazards", json=body, headers=headers)
    after_first = len(stored_events(app.extensions["safeledger"]))
    retry = client.post(f"/api/v1/tenants/{school}/hazards", json=body, headers=headers)
    assert retry.status_code == first.status_code == 201
    assert retry.json == first.json
    assert retry.headers["Idempotent-Replayed"] == "true"
    assert len(stored_events(app.extensions["safeledger"])) == after_first
    other = client.post(
        f"/api/v1/tenants/{school}/hazards",
        json={**body, "place": "操场"},
        headers=headers,
    )
    assert other.status_code == 422
    assert "Idempotency-Key" in str(other.json["errors"])


def test_a_refused_command_is_refused_again_on_retry(client, app, school):
    hazard = created(log(client, school))["id"]
    headers = {"Idempotency-Key": "close-early"}
    first = client.post(
        f"/api/v1/tenants/{school}/hazards/{hazard}/closure", json={}, headers=headers
    )
    again = client.post(
        f"/api/v1/tenants/{school}/hazards/{hazard}/closure", json={}, headers=headers
    )
    assert first.status_code == again.status_code == 409
    assert first.json == again.json


@pytest.mark.parametrize("shards", [1])
def test_twenty_concurrent_changes_to_one_hazard_are_each_recorded_once_or_told_409(
    app, client, school, shards
):
    hazard = assigned_hazard(client, school)
    url = f"/api/v1/tenants/{school}/hazards/{hazard}/interim-measures"

    def change(number: int):
        response = same_caller(app, client).post(
            url, json={"measure": f"措施 {number}"}, headers={"If-Match": "2"}
        )
        return number, response.status_code, response.json

    with ThreadPoolExecutor(max_workers=20) as pool:
        results = list(pool.map(change, range(20)))
    accepted = [n for n, status, _ in results if status == 200]
    rejected = [body for _, status, body in results if status == 409]
    assert len(accepted) + len(rejected) == 20
    assert len(accepted) == 1
    assert all("expected_version" in str(body["errors"]) for body in rejected)
    record = client.get(f"/api/v1/tenants/{school}/hazards/{hazard}").json
    assert record["state"]["interim_measures"] == [f"措施 {accepted[0]}"]
    assert history(client, school, hazard).count("InterimMeasureTaken") == 1


def test_twenty_concurrent_unguarded_changes_are_all_recorded_exactly_once(
    app, client, school
):
    hazard = assigned_hazard(client, school)
    url = f"/api/v1/tenants/{school}/hazards/{hazard}/interim-measures"

    def change(number: int):
        for _ in range(50):  # a client told 409 reloads and tries again
            response = same_caller(app, client).post(
                url, json={"measure": f"措施 {number}"}
            )
            if response.status_code != 409:
                return response.status_code
        return response.status_code

    with ThreadPoolExecutor(max_workers=20) as pool:
        statuses = list(pool.map(change, range(20)))
    assert statuses == [200] * 20
    record = client.get(f"/api/v1/tenants/{school}/hazards/{hazard}").json
    assert sorted(record["state"]["interim_measures"]) == sorted(
        f"措施 {n}" for n in range(20)
    )
    assert record["version"] == 22
