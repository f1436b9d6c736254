"""A school's grid through the HTTP API: places, assignments, handovers."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.conftest import stored_events
from tests.e2e.conftest import created

# A Monday at 10:00 China time (02:00 UTC).
MONDAY_MORNING = datetime(2026, 11, 30, 2, 0, tzinfo=UTC)


def post(client, school, path, **body):
    return client.post(f"/api/v1/tenants/{school}/grid{path}", json=body)


def responsible(client, school, place, at):
    query = {"place_id": place, "at": at.isoformat()}
    return client.get(
        f"/api/v1/tenants/{school}/grid/responsible", query_string=query
    ).json


def test_every_place_and_slot_gets_a_named_person_and_a_handover_is_one_event(
    client, app, school
):
    created(post(client, school, ""))
    building = created(
        post(client, school, "/places", code="B1", name="教学楼", kind="building")
    )["created_id"]
    gate = created(post(client, school, "/places", code="G1", name="南门", kind="gate"))
    slots = [{"weekday": 1, "start": "07:00", "end": "18:00"}]
    start = (MONDAY_MORNING - timedelta(days=7)).isoformat()
    duty = created(
        post(
            client,
            school,
            "/assignments",
            place_id=gate["created_id"],
            person="门卫 郑",
            role="门卫",
            slots=slots,
            valid_from=start,
        )
    )["created_id"]
    created(
        post(
            client,
            school,
            "/assignments",
            place_id=building,
            person="副校长 张",
            role="楼长",
            valid_from=start,
        )
    )

    assert responsible(client, school, gate["created_id"], MONDAY_MORNING)[
        "persons"
    ] == ["门卫 郑"]
    assert responsible(client, school, building, MONDAY_MORNING)["persons"] == [
        "副校长 张"
    ]

    before = len(stored_events(app.extensions["safeledger"]))
    created(
        post(
            client,
            school,
            f"/assignments/{duty}/handover",
            to_person="门卫 冯",
            at=(MONDAY_MORNING - timedelta(days=1)).isoformat(),
        ),
        200,
    )
    assert len(stored_events(app.extensions["safeledger"])) == before + 1
    assert responsible(client, school, gate["created_id"], MONDAY_MORNING)[
        "persons"
    ] == ["门卫 冯"]


def test_a_grid_belongs_to_a_school_only(client, hierarchy):
    response = client.post(f"/api/v1/tenants/{hierarchy['county']}/grid", json={})
    assert response.status_code == 409
    assert "grid_per_school" in str(response.json["errors"])


def test_a_retired_place_takes_no_new_assignments(client, school):
    created(post(client, school, ""))
    pool = created(
        post(client, school, "/places", code="W1", name="游泳池", kind="waterside")
    )["created_id"]
    created(post(client, school, f"/places/{pool}/retirement", reason="已拆除"), 200)
    refused = post(
        client, school, "/assignments", place_id=pool, person="王", role="管理员"
    )
    assert refused.status_code == 409
    assert "place_active" in str(refused.json["errors"])


def test_the_grid_state_lists_places_and_assignments(client, school):
    created(post(client, school, ""))
    created(post(client, school, "/places", code="C1", name="食堂", kind="canteen"))
    state = client.get(f"/api/v1/tenants/{school}/grid/state").json
    assert [p["name"] for p in state["state"]["places"].values()] == ["食堂"]
