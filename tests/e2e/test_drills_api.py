"""Drills through the HTTP API: planned, held, rescheduled, cancelled, findings."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from tests.conftest import stored_events
from tests.e2e.conftest import created, uploaded

NEXT_WEEK = (date.today() + timedelta(days=7)).isoformat()


def plan(client, school, kind="fire"):
    body = {"kind": kind, "planned_on": NEXT_WEEK}
    return created(client.post(f"/api/v1/tenants/{school}/drills", json=body))["id"]


def step(client, school, drill, path, **body):
    return client.post(f"/api/v1/tenants/{school}/drills/{drill}/{path}", json=body)


def held(client, school, **overrides):
    return {
        "held_at": (datetime.now(UTC) - timedelta(hours=1)).isoformat(),
        "participants": 860,
        "duration_minutes": 25,
        "evacuation_seconds": 185,
        "plan_digest": uploaded(client, school, "plan"),
        "summary_digest": uploaded(client, school, "summary"),
        "evaluation_digest": uploaded(client, school, "evaluation"),
        "photo_digests": [
            uploaded(client, school, "photo-a"),
            uploaded(client, school, "photo-b"),
        ],
        **overrides,
    }


def test_a_drill_is_planned_rescheduled_and_held_with_its_figures(client, app, school):
    figures = held(client, school)  # its documents uploaded first
    drill = plan(client, school)
    later = (date.today() + timedelta(days=9)).isoformat()
    created(
        step(client, school, drill, "rescheduling", planned_on=later, reason="台风"),
        200,
    )
    assert (
        created(step(client, school, drill, "holding", **figures), 200)["version"] == 3
    )
    record = client.get(f"/api/v1/tenants/{school}/drills/{drill}").json
    assert record["state"]["evacuation_seconds"] == 185
    assert record["state"]["state"] == "held"
    topics = [
        e.topic.rsplit(".", 1)[-1] for e in stored_events(app.extensions["safeledger"])
    ]
    assert topics[-3:] == ["Planned", "Rescheduled", "Held"]


def test_a_cancelled_drill_cannot_be_held(client, app, school):
    drill = plan(client, school, "earthquake")
    created(step(client, school, drill, "cancellation", reason="停课"), 200)
    figures = held(client, school)
    before = len(stored_events(app.extensions["safeledger"]))
    response = step(client, school, drill, "holding", **figures)
    assert response.status_code == 409
    assert "cancelled_drill_unchanged" in str(response.json["errors"])
    assert len(stored_events(app.extensions["safeledger"])) == before


def test_a_drill_cannot_be_held_in_the_future(client, school):
    drill = plan(client, school)
    tomorrow = (datetime.now(UTC) + timedelta(days=1)).isoformat()
    response = step(
        client, school, drill, "holding", **held(client, school, held_at=tomorrow)
    )
    assert response.status_code == 422
    assert "held_at" in str(response.json["errors"])


def test_a_drill_finding_logs_a_hazard_in_the_same_ledger(client, app, school):
    drill = plan(client, school, "stampede")
    step(client, school, drill, "holding", **held(client, school))
    finding = {
        "category": "building",
        "severity": "general",
        "description": "东侧楼梯应急灯不亮",
        "found_by": "演练评估组",
        "place": "东侧楼梯",
    }
    result = created(step(client, school, drill, "findings", **finding), 200)
    hazard = client.get(f"/api/v1/tenants/{school}/hazards/{result['created_id']}").json
    assert hazard["state"]["description"] == "东侧楼梯应急灯不亮"
    history = client.get(f"/api/v1/tenants/{school}/drills/{drill}/history").json
    assert history["items"][-1]["type"] == "FindingRecorded"
    assert history["items"][-1]["data"]["hazard_id"] == result["created_id"]
