"""The tenant hierarchy through the HTTP API, on SQLite and PostgreSQL."""

from __future__ import annotations

import uuid

import pytest

from tests.conftest import stored_events


@pytest.fixture
def province(client) -> str:
    response = client.post("/api/v1/tenants", json={"code": "44", "name": "示范省"})
    assert response.status_code == 201, response.json
    return response.json["id"]


def register(client, parent: str, kind: str, code: str, **extra) -> dict:
    body = {"kind": kind, "code": code, "name": f"{kind} {code}", **extra}
    response = client.post(f"/api/v1/tenants/{parent}/children", json=body)
    assert response.status_code == 201, response.json
    return response.json


@pytest.fixture
def county(client, province) -> str:
    city = register(client, province, "city", "4401")["id"]
    return register(client, city, "county", "440101")["id"]


def assert_error(
    response, status: int, field: str | None = None, rule: str | None = None
):
    body = response.json
    assert response.status_code == status, body
    assert set(body) == {"code", "status", "message", "errors"}
    assert body["code"] == status
    assert body["message"]
    if field:
        assert field in str(body["errors"]), body
    if rule:
        assert rule in str(body["errors"]), body


def test_a_registered_province_is_returned_with_its_children(client, province):
    register(client, province, "city", "4401")
    register(client, province, "city", "4402")
    response = client.get(f"/api/v1/tenants/{province}")
    assert response.status_code == 200
    body = response.json
    assert (body["id"], body["kind"], body["name"]) == (province, "province", "示范省")
    assert [child["code"] for child in body["children"]] == ["4401", "4402"]
    assert body["registered_at"].endswith("+00:00")


def test_a_command_returns_the_id_and_new_version(client, province):
    created = register(client, province, "city", "4401")
    assert created["version"] == 1
    uuid.UUID(created["id"])
    renamed = client.post(
        f"/api/v1/tenants/{created['id']}/rename", json={"name": "新市"}
    )
    assert renamed.json == {"id": created["id"], "version": 2}
    assert client.get(f"/api/v1/tenants/{created['id']}").json["name"] == "新市"


def test_children_and_subtree_are_paginated(client, county):
    for number in range(7):
        register(client, county, "school", f"S{number}", school_type="primary")
    page = client.get(f"/api/v1/tenants/{county}/children?page=2&page_size=3").json
    assert (page["total"], page["pages"], page["page"]) == (7, 3, 2)
    assert [item["code"] for item in page["items"]] == ["S3", "S4", "S5"]
    schools = client.get(
        f"/api/v1/tenants/{county}/subtree?kind=school&page_size=5"
    ).json
    assert schools["total"] == 7
    assert len(schools["items"]) == 5
    whole = client.get(f"/api/v1/tenants/{county}/subtree").json
    assert whole["items"][0]["id"] == county
    assert whole["total"] == 8


@pytest.mark.parametrize(
    ("body", "status", "field", "rule"),
    [
        (
            {"kind": "school", "code": "X", "name": "n", "school_type": "primary"},
            409,
            "parent_id",
            "parent_kind_fits",
        ),
        (
            {"kind": "city", "code": "X", "name": "n"},
            409,
            "parent_id",
            "parent_kind_fits",
        ),
        (
            {"kind": "school", "code": "S1", "name": "n"},
            422,
            "school_type",
            "valid_value",
        ),
        (
            {"kind": "school", "code": "S1", "name": "n", "school_type": "university"},
            422,
            "school_type",
            None,
        ),
        ({"kind": "county", "code": "C1"}, 422, "name", None),
        ({"kind": "county", "code": "bad code!", "name": "n"}, 422, "code", None),
        (
            {"kind": "county", "code": "C1", "name": "n", "colour": "red"},
            422,
            "colour",
            None,
        ),
        ({"kind": "planet", "code": "C1", "name": "n"}, 422, "kind", None),
    ],
)
def test_bad_registrations_get_a_json_error_naming_the_problem_and_record_nothing(
    client, app, county, body, status, field, rule
):
    # Under a school for the first two cases, under the county for the rest.
    school = register(client, county, "school", "S0", school_type="primary")["id"]
    parent = school if rule == "parent_kind_fits" else county
    runtime = app.extensions["safeledger"]
    before = len(stored_events(runtime))
    response = client.post(f"/api/v1/tenants/{parent}/children", json=body)
    assert_error(response, status, field, rule)
    assert len(stored_events(runtime)) == before


def test_a_duplicate_code_in_the_province_is_refused(client, app, county):
    register(client, county, "school", "S1", school_type="primary")
    runtime = app.extensions["safeledger"]
    before = stored_events(runtime)
    response = client.post(
        f"/api/v1/tenants/{county}/children",
        json={
            "kind": "school",
            "code": "S1",
            "name": "again",
            "school_type": "kindergarten",
        },
    )
    assert_error(response, 409, "code", "code_unique_in_province")
    assert stored_events(runtime) == before


def test_an_unknown_parent_is_a_404_and_records_nothing(client, app, province):
    runtime = app.extensions["safeledger"]
    before = len(stored_events(runtime))
    response = client.post(
        f"/api/v1/tenants/{uuid.uuid4()}/children",
        json={"kind": "city", "code": "4409", "name": "nowhere"},
    )
    assert_error(response, 404, "tenant_id", "must_exist")
    assert len(stored_events(runtime)) == before


def test_a_malformed_body_is_refused(client, app, province):
    runtime = app.extensions["safeledger"]
    before = len(stored_events(runtime))
    response = client.post(
        f"/api/v1/tenants/{province}/children",
        data="{not json",
        content_type="application/json",
    )
    assert_error(response, 400)
    assert len(stored_events(runtime)) == before


def test_an_unknown_tenant_is_a_404(client, province):
    missing = uuid.uuid4()
    for path in ("", "/children", "/subtree"):
        response = client.get(f"/api/v1/tenants/{missing}{path}")
        assert response.status_code == 404
        assert response.json["code"] == 404


def test_a_stale_version_is_refused_with_409_and_changes_nothing(client, province):
    city = register(client, province, "city", "4401")["id"]
    first = client.post(
        f"/api/v1/tenants/{city}/rename", json={"name": "一"}, headers={"If-Match": "1"}
    )
    assert first.status_code == 200
    stale = client.post(
        f"/api/v1/tenants/{city}/rename", json={"name": "二", "version": 1}
    )
    assert_error(stale, 409, "version", "expected_version")
    assert client.get(f"/api/v1/tenants/{city}").json["name"] == "一"


def test_a_malformed_if_match_header_is_refused(client, province):
    response = client.post(
        f"/api/v1/tenants/{province}/rename",
        json={"name": "x"},
        headers={"If-Match": "abc"},
    )
    assert_error(response, 400, "If-Match")


def test_moving_a_school_shows_under_its_new_county(client, province):
    city = register(client, province, "city", "4401")["id"]
    old = register(client, city, "county", "440101")["id"]
    new = register(client, city, "county", "440102")["id"]
    school = register(
        client, old, "school", "S1", school_type="nine_year", boarding=True
    )["id"]
    response = client.post(f"/api/v1/tenants/{school}/move", json={"parent_id": new})
    assert response.status_code == 200
    assert [c["id"] for c in client.get(f"/api/v1/tenants/{new}").json["children"]] == [
        school
    ]
    assert client.get(f"/api/v1/tenants/{old}").json["children"] == []


def test_a_deactivated_county_takes_no_new_schools(client, county):
    response = client.post(
        f"/api/v1/tenants/{county}/deactivate", json={"reason": "撤并"}
    )
    assert response.status_code == 200
    assert client.get(f"/api/v1/tenants/{county}").json["active"] is False
    refused = client.post(
        f"/api/v1/tenants/{county}/children",
        json={"kind": "school", "code": "S5", "name": "n", "school_type": "primary"},
    )
    assert_error(refused, 409, "parent_id", "tenant_active")


@pytest.mark.parametrize("backend", ["sqlite"])
def test_the_openapi_document_describes_the_tenant_endpoints(client, backend):
    spec = client.get("/api/openapi.json").json
    assert spec["openapi"].startswith("3.1")
    assert "/api/v1/tenants/{tenant_id}/children" in spec["paths"]
    post = spec["paths"]["/api/v1/tenants/{tenant_id}/children"]["post"]
    assert (
        post["summary"]
        == "Register a city, county/district or school under this tenant."
    )


@pytest.mark.parametrize("backend", ["sqlite"])
def test_the_interactive_docs_are_served_by_the_app_without_a_cdn(client, backend):
    page = client.get("/api/docs")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "/api/docs/assets/swagger-ui-bundle.js" in html
    assert "https://" not in html and "http://" not in html
    with client.get("/api/docs/assets/swagger-ui-bundle.js") as asset:
        assert asset.status_code == 200
        assert len(asset.get_data()) > 100_000
