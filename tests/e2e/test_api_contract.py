"""The API keeps the promises its OpenAPI document makes."""

from __future__ import annotations

import pytest

from tests.conftest import stored_events
from tests.e2e.conftest import created

pytestmark = pytest.mark.parametrize("backend", ["sqlite"])
IN_A_YEAR = "2099-01-01T00:00:00+08:00"


def schema_of(client, name):
    return client.get("/api/openapi.json").json["components"]["schemas"][name]


def test_if_match_guards_adding_to_a_grid(client, app, school, backend):
    grid = f"/api/v1/tenants/{school}/grid"
    opened = created(client.post(grid, json={}))
    place = {"code": "B1", "name": "教学楼", "kind": "building"}
    created(client.post(f"{grid}/places", json=place))
    before = len(stored_events(app.extensions["safeledger"]))
    stale = {"If-Match": str(opened["version"])}
    again = client.post(f"{grid}/places", json={**place, "code": "B2"}, headers=stale)
    assert again.status_code == 409, again.json
    assert len(stored_events(app.extensions["safeledger"])) == before


@pytest.mark.parametrize(
    ("schema", "field", "path", "body"),
    [
        ("InterimMeasure", "measure", "interim-measures", {}),
        (
            "ExtendDeadline",
            "reason",
            "deadline-extensions",
            {"deadline": "2099-06-01T00:00:00+08:00"},
        ),
    ],
)
def test_a_text_as_long_as_the_document_allows_is_accepted(
    client, school, backend, schema, field, path, body
):
    longest = schema_of(client, schema)["properties"][field]["maxLength"]
    url = f"/api/v1/tenants/{school}/hazards"
    hazard = {
        "category": "fire",
        "severity": "general",
        "description": "灭火器过期",
        "found_by": "王",
        "place": "食堂",
    }
    hazard_id = created(client.post(url, json=hazard))["id"]
    assign = {"owner": "李", "supervisor": "张", "deadline": IN_A_YEAR}
    created(client.post(f"{url}/{hazard_id}/assign", json=assign), 200)
    full = {**body, field: "字" * longest}
    created(client.post(f"{url}/{hazard_id}/{path}", json=full), 200)
    over = {**body, field: "字" * (longest + 1)}
    refused = client.post(f"{url}/{hazard_id}/{path}", json=over)
    assert refused.status_code == 422 and field in refused.json["errors"]["json"]
