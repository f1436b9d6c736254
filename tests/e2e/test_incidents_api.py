"""Incidents through the HTTP API: reported, followed up, closed under 四不放过."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.conftest import stored_events
from tests.e2e.conftest import created, uploaded


def report(client, school, **overrides):
    body = {
        "occurred_at": (datetime.now(UTC) - timedelta(minutes=20)).isoformat(),
        "category": "sports_injury",
        "severity": "general",
        "deaths": 0,
        "injuries": 1,
        "description": "体育课跳远时学生扭伤脚踝",
        "channel": "verbal",
        "reporter": "班主任 陈",
        **overrides,
    }
    return client.post(f"/api/v1/tenants/{school}/incidents", json=body)


def step(client, school, incident, path, **body):
    return client.post(
        f"/api/v1/tenants/{school}/incidents/{incident}/{path}", json=body
    )


def test_an_incident_closes_only_after_all_four_conditions(client, app, school):
    incident = created(report(client, school))["id"]
    created(
        step(
            client,
            school,
            incident,
            "written-reports",
            document_digest=uploaded(client, school, "report"),
        ),
        200,
    )
    created(step(client, school, incident, "cause", cause="场地沙坑未平整"), 200)
    early = step(client, school, incident, "closure")
    assert early.status_code == 409
    assert "four_no_let_go" in str(early.json["errors"])
    created(
        step(
            client,
            school,
            incident,
            "responsible-persons",
            persons=["体育教师 刘"],
            measures="批评教育",
        ),
        200,
    )
    created(
        step(
            client,
            school,
            incident,
            "rectification",
            summary="每日课前检查沙坑",
            evidence_digests=[uploaded(client, school, "check")],
        ),
        200,
    )
    before = len(stored_events(app.extensions["safeledger"]))
    still = step(client, school, incident, "closure")
    assert still.status_code == 409
    assert "people_educated" in str(still.json)
    assert len(stored_events(app.extensions["safeledger"])) == before
    created(
        step(
            client,
            school,
            incident,
            "education",
            summary="全校安全教育",
            participants=1200,
        ),
        200,
    )
    assert created(step(client, school, incident, "closure"), 200)["version"] == 7


def test_reported_at_is_the_servers_clock_not_the_clients(client, school):
    response = report(client, school, reported_at="2020-01-01T00:00:00+00:00")
    assert response.status_code == 422
    assert "reported_at" in str(response.json["errors"])
    incident = created(report(client, school))["id"]
    history = client.get(f"/api/v1/tenants/{school}/incidents/{incident}/history").json
    recorded_at = datetime.fromisoformat(history["items"][0]["recorded_at"])
    assert abs(recorded_at - datetime.now(UTC)) < timedelta(minutes=1)


def test_a_written_first_report_needs_its_document(client, school):
    response = report(client, school, channel="written")
    assert response.status_code == 422
    assert "document_digest" in str(response.json["errors"])
