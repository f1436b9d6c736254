"""Every reference a command makes resolves inside the tenant recording it."""

from __future__ import annotations

import pytest

from tests.conftest import stored_events
from tests.e2e.conftest import created, fake_digest, uploaded

pytestmark = pytest.mark.parametrize("backend", ["sqlite"])


def events(app) -> int:
    return len(stored_events(app.extensions["safeledger"]))


def assert_refused(response, field, app, before):
    assert response.status_code == 422, response.json
    errors = response.json["errors"]["json"]
    assert field in errors and "reference_in_tenant" in str(errors[field])
    assert events(app) == before


@pytest.fixture
def second_county(client, hierarchy):
    body = {"kind": "county", "code": "440102", "name": "另一区"}
    county = created(
        client.post(f"/api/v1/tenants/{hierarchy['city']}/children", json=body)
    )["id"]
    body = {"kind": "school", "code": "S2", "name": "二小", "school_type": "primary"}
    school = created(client.post(f"/api/v1/tenants/{county}/children", json=body))
    return {"county": county, "school": school["id"]}


def agreement(counterparty_id, digest):
    return {
        "counterparty": {"kind": "child_tenant", "ref": counterparty_id, "name": "校"},
        "year": 2026,
        "duties": ["落实安全责任"],
        "document_digest": digest,
    }


def test_an_agreement_names_only_a_school_below_the_issuer(
    app, client, hierarchy, second_county, backend
):
    county = hierarchy["county"]
    digest = uploaded(client, county, "agreement")
    before = events(app)
    url = f"/api/v1/tenants/{county}/agreements"
    foreign = client.post(url, json=agreement(second_county["school"], digest))
    assert_refused(foreign, "counterparty", app, before)
    missing = "00000000-0000-0000-0000-000000000001"
    assert_refused(
        client.post(url, json=agreement(missing, digest)), "counterparty", app, before
    )
    created(client.post(url, json=agreement(hierarchy["school"], digest)))


def hazard(**overrides):
    return {
        "category": "fire",
        "severity": "general",
        "description": "消防通道堵塞",
        "found_by": "王",
        "place": "操场",
        **overrides,
    }


def test_a_hazard_cites_only_its_own_schools_photos_and_places(
    app, client, hierarchy, second_county, backend
):
    school, other = hierarchy["school"], second_county["school"]
    theirs = uploaded(client, other, "their-photo")
    created(client.post(f"/api/v1/tenants/{other}/grid", json={}))
    place = {"code": "G1", "name": "操场", "kind": "playground"}
    grid = f"/api/v1/tenants/{other}/grid/places"
    their_place = created(client.post(grid, json=place))["created_id"]
    url = f"/api/v1/tenants/{school}/hazards"
    before = events(app)
    assert_refused(
        client.post(url, json=hazard(photo_digests=[theirs])),
        "photo_digests",
        app,
        before,
    )
    never = fake_digest("never uploaded")
    assert_refused(
        client.post(url, json=hazard(photo_digests=[never])),
        "photo_digests",
        app,
        before,
    )
    assert_refused(
        client.post(url, json=hazard(place_id=their_place)), "place_id", app, before
    )
    mine = uploaded(client, school, "my-photo")
    created(client.post(url, json=hazard(photo_digests=[mine])))


def test_a_rectification_report_cites_only_uploaded_evidence(
    app, client, school, backend
):
    url = f"/api/v1/tenants/{school}/hazards"
    hazard_id = created(client.post(url, json=hazard()))["id"]
    deadline = "2099-01-01T00:00:00+08:00"
    assign = {"owner": "李", "supervisor": "张", "deadline": deadline}
    created(client.post(f"{url}/{hazard_id}/assign", json=assign), 200)
    before = events(app)
    report = {"summary": "已整改", "evidence_digests": [fake_digest("invented")]}
    response = client.post(f"{url}/{hazard_id}/rectification-reports", json=report)
    assert_refused(response, "evidence_digests", app, before)
