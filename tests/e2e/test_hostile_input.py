"""Hostile input is refused with a 4xx naming the field, and nothing is recorded.

Runs on SQLite and PostgreSQL alike: PostgreSQL refuses NUL in text, so there a
stored NUL would stop the shard's projections for every tenant.
"""

from __future__ import annotations

import pytest

from tests.conftest import stored_events
from tests.e2e.conftest import created, uploaded


def hazard_body(**overrides):
    return {
        "category": "electrical",
        "severity": "general",
        "description": "配电箱未上锁",
        "found_by": "安全员 王",
        "place": "教学楼三楼",
        **overrides,
    }


def events(app) -> int:
    return len(stored_events(app.extensions["safeledger"]))


def assert_refused_naming(response, field, app, before, status=422):
    assert response.status_code == status, response.json
    assert field in str(response.json["errors"]), response.json
    assert events(app) == before


@pytest.mark.parametrize(
    "hostile", ["a\u0000b", "bell\u0007", "escape\u001b[31m", "del\u007f", "c1\u0085"]
)
def test_text_with_control_characters_is_refused_in_every_field(
    client, app, school, hostile
):
    before = events(app)
    response = client.post(
        f"/api/v1/tenants/{school}/hazards", json=hazard_body(description=hostile)
    )
    assert_refused_naming(response, "description", app, before)
    renamed = client.post(
        f"/api/v1/tenants/{school}/rename", json={"name": f"实验{hostile}小学"}
    )
    assert renamed.status_code in (400, 422), renamed.json
    assert events(app) == before


def test_a_name_is_one_line_but_a_description_may_have_several(client, app, school):
    before = events(app)
    response = client.post(
        f"/api/v1/tenants/{school}/hazards", json=hazard_body(found_by="王\n李")
    )
    assert_refused_naming(response, "found_by", app, before)
    text = "第一行\n第二行\t缩进\r\n"
    accepted = client.post(
        f"/api/v1/tenants/{school}/hazards", json=hazard_body(description=text)
    )
    assert accepted.status_code == 201, accepted.json


def test_control_characters_in_a_tenant_name_never_reach_the_directory(
    client, app, hierarchy
):
    before = events(app)
    body = {"kind": "school", "code": "S9", "name": "坏\u0000学校"}
    response = client.post(f"/api/v1/tenants/{hierarchy['county']}/children", json=body)
    assert_refused_naming(response, "name", app, before)
    # The shard still projects: a new tenant appears in the directory.
    body = {"kind": "school", "code": "S8", "name": "好学校", "school_type": "primary"}
    fresh = created(
        client.post(f"/api/v1/tenants/{hierarchy['county']}/children", json=body)
    )
    assert client.get(f"/api/v1/tenants/{fresh['id']}").status_code == 200


@pytest.mark.parametrize("surrogate", [b"\\ud800", b"\xed\xa0\x80"])
def test_a_lone_surrogate_is_refused_naming_the_field(client, app, school, surrogate):
    before = events(app)
    raw = (
        b'{"category": "electrical", "severity": "general", "description": "'
        + surrogate
        + '", "found_by": "王", "place": "门口", "photo_digests": []}'.encode()
    )
    response = client.post(
        f"/api/v1/tenants/{school}/hazards",
        data=raw,
        content_type="application/json",
    )
    assert_refused_naming(response, "description", app, before)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("participants", 12.5),
        ("participants", "860"),
        ("participants", True),
        ("duration_minutes", 25.0),
    ],
)
def test_whole_numbers_must_be_json_integers(client, app, school, field, value):
    drill = created(
        client.post(
            f"/api/v1/tenants/{school}/drills",
            json={"kind": "fire", "planned_on": "2026-03-09"},
        )
    )["id"]
    body = {
        "held_at": "2026-03-02T09:00:00+08:00",
        "participants": 860,
        "duration_minutes": 25,
        "plan_digest": uploaded(client, school, "plan"),
        "summary_digest": uploaded(client, school, "summary"),
        "evaluation_digest": uploaded(client, school, "evaluation"),
        "photo_digests": [uploaded(client, school, "photo")],
        field: value,
    }
    before = events(app)
    response = client.post(
        f"/api/v1/tenants/{school}/drills/{drill}/holding", json=body
    )
    assert_refused_naming(response, field, app, before)


def test_casualties_are_never_rounded_down(client, app, school):
    before = events(app)
    body = {
        "occurred_at": "2026-03-02T09:00:00+08:00",
        "category": "sports_injury",
        "severity": "general",
        "injuries": 2.9,
        "description": "学生课间摔伤",
        "channel": "verbal",
        "reporter": "王",
    }
    response = client.post(f"/api/v1/tenants/{school}/incidents", json=body)
    assert_refused_naming(response, "injuries", app, before)


@pytest.mark.parametrize(
    ("path", "query", "name"),
    [
        ("hazards/{x}/history", {"page": str(2**64)}, "page"),
        ("hazard-board", {"page": "9" * 30}, "page"),
        ("hazard-board", {"as_of": "9999-12-31T23:59:59-14:00"}, "as_of"),
        ("hazard-board", {"as_of": "0001-01-01T00:00:00+14:00"}, "as_of"),
        ("compliance", {"period": "0000"}, "period"),
        ("compliance", {"period": "9999-12"}, "period"),
        ("hazard-board", {"state": "open\u0000"}, "state"),
    ],
)
def test_hostile_query_parameters_get_a_4xx_naming_the_parameter(
    client, school, path, query, name
):
    hazard = created(
        client.post(f"/api/v1/tenants/{school}/hazards", json=hazard_body())
    )["id"]
    response = client.get(
        f"/api/v1/tenants/{school}/{path.format(x=hazard)}", query_string=query
    )
    assert 400 <= response.status_code < 500, response.data
    assert name in str(response.json), response.json


def test_versions_beyond_64_bits_are_refused_naming_the_version(client, app, school):
    hazard = created(
        client.post(f"/api/v1/tenants/{school}/hazards", json=hazard_body())
    )["id"]
    before = events(app)
    url = f"/api/v1/tenants/{school}/hazards/{hazard}/interim-measures"
    body = {"measure": "警示", "version": 2**64}
    assert_refused_naming(client.post(url, json=body), "version", app, before)
    header = {"If-Match": str(10**30)}
    response = client.post(url, json={"measure": "警示"}, headers=header)
    assert_refused_naming(response, "If-Match", app, before, status=400)


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        ("[" * 100_000 + "]" * 100_000, "nested"),
        ('{"description": ' + "9" * 5000 + "}", "number"),
        ('{"description": 1e999999}', "number"),
        ('{"description": NaN}', "NaN"),
        (b'{"description": "\xff"}', "UTF-8"),
    ],
)
def test_hostile_json_bodies_get_a_400(client, app, school, raw, problem):
    before = events(app)
    response = client.post(
        f"/api/v1/tenants/{school}/hazards", data=raw, content_type="application/json"
    )
    assert_refused_naming(response, "json", app, before, status=400)
    assert problem in response.json["message"]
