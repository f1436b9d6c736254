"""Responsibility agreements through the API: issued, signed, revoked, superseded."""

from __future__ import annotations

from tests.conftest import stored_events
from tests.e2e.conftest import created, uploaded


def issue(client, issuer, counterparty, year=2026, **overrides):
    body = {
        "counterparty": counterparty,
        "year": year,
        "duties": ["落实校园安全主体责任", "每月开展应急演练"],
        "document_digest": uploaded(client, issuer, f"agreement-{year}"),
        **overrides,
    }
    return client.post(f"/api/v1/tenants/{issuer}/agreements", json=body)


def sign(client, issuer, agreement, party, signer):
    body = {"party": party, "signer": signer, "role": "负责人"}
    return client.post(
        f"/api/v1/tenants/{issuer}/agreements/{agreement}/signatures", json=body
    )


def test_a_county_agreement_with_a_school_is_signed_by_both_sides(client, hierarchy):
    county, school = hierarchy["county"], hierarchy["school"]
    school_party = {"kind": "child_tenant", "ref": school, "name": "实验小学"}
    agreement = created(issue(client, county, school_party))["id"]
    created(sign(client, county, agreement, "issuer", "局长 赵"), 200)
    created(sign(client, county, agreement, "counterparty", "校长 孙"), 200)
    record = client.get(f"/api/v1/tenants/{county}/agreements/{agreement}").json
    assert set(record["state"]["signatures"]) == {"issuer", "counterparty"}


def test_each_party_signs_only_once(client, app, hierarchy):
    county, school = hierarchy["county"], hierarchy["school"]
    party = {"kind": "child_tenant", "ref": school, "name": "实验小学"}
    agreement = created(issue(client, county, party))["id"]
    created(sign(client, county, agreement, "counterparty", "校长 孙"), 200)
    before = len(stored_events(app.extensions["safeledger"]))
    again = sign(client, county, agreement, "counterparty", "校长 孙")
    assert again.status_code == 409
    assert "each_party_signs_once" in str(again.json["errors"])
    assert len(stored_events(app.extensions["safeledger"])) == before


def test_one_active_agreement_per_counterparty_and_year(client, school):
    guardian = {"kind": "guardian", "ref": "G-2026-0001", "name": "学生家长 周"}
    first = created(issue(client, school, guardian))["id"]
    refused = issue(client, school, guardian)
    assert refused.status_code == 409
    assert "one_active_per_counterparty_year" in str(refused.json["errors"])
    created(issue(client, school, guardian, year=2027))
    url = f"/api/v1/tenants/{school}/agreements/{first}/revocation"
    created(client.post(url, json={"reason": "家长信息有误"}), 200)
    assert sign(client, school, first, "issuer", "校长").status_code == 409
    reissued = created(issue(client, school, guardian))
    assert reissued["id"] != first


def test_superseding_replaces_the_agreement_with_new_terms(client, school):
    staff = {"kind": "staff", "ref": "T-001", "name": "教师 吴"}
    first = created(issue(client, school, staff))["id"]
    body = {
        "duties": ["新增交通安全职责"],
        "document_digest": uploaded(client, school, "v2"),
        "reason": "岗位调整",
    }
    url = f"/api/v1/tenants/{school}/agreements/{first}/supersession"
    successor = created(client.post(url, json=body), 200)["id"]
    assert successor != first
    old = client.get(f"/api/v1/tenants/{school}/agreements/{first}").json
    assert old["state"]["status"] == "superseded"
    new = client.get(f"/api/v1/tenants/{school}/agreements/{successor}").json
    assert new["state"]["duties"] == ["新增交通安全职责"]
