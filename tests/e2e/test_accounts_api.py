"""Accounts made by a tenant admin for its subtree, through the API."""

from __future__ import annotations

import io

import pytest

from tests.conftest import bearer_client
from tests.e2e.conftest import created

PASSWORD = "a-long-test-password"


def grant(client, tenant, username, role):
    body = {"username": username, "role": role}
    return created(client.post(f"/api/v1/tenants/{tenant}/grants", json=body))


@pytest.fixture
def county_admin(app, client, hierarchy):
    admin = bearer_client(app, "county-admin")
    grant(client, hierarchy["county"], "county-admin", "tenant_admin")
    return admin


def token_for(anonymous, username, password):
    body = {"username": username, "password": password, "name": "t"}
    return anonymous.post("/api/v1/auth/tokens", json=body)


@pytest.mark.parametrize("backend", ["sqlite"])
def test_a_county_admin_creates_a_principal_who_signs_in_with_the_one_time_password(
    county_admin, anonymous, hierarchy, backend
):
    school = hierarchy["school"]
    body = {"username": "13800000001", "display_name": "李校长", "role": "principal"}
    made = created(county_admin.post(f"/api/v1/tenants/{school}/accounts", json=body))
    assert made["username"] == "13800000001" and len(made["password"]) >= 10
    assert token_for(anonymous, "13800000001", made["password"]).status_code == 201
    people = county_admin.get(f"/api/v1/tenants/{hierarchy['county']}/accounts").json
    assert [(p["username"], p["grants"][0]["role"]) for p in people] == [
        ("county-admin", "tenant_admin"),
        ("13800000001", "principal"),
    ]


@pytest.mark.parametrize("backend", ["sqlite"])
def test_only_those_who_manage_access_create_accounts_and_only_below_them(
    app, client, county_admin, hierarchy, backend
):
    officer = bearer_client(app, "officer")
    grant(client, hierarchy["county"], "officer", "safety_officer")
    body = {"username": "someone", "display_name": "某人", "role": "principal"}
    school, city = hierarchy["school"], hierarchy["city"]
    assert (
        officer.post(f"/api/v1/tenants/{school}/accounts", json=body).status_code == 403
    )
    # The city is above the county admin: it does not exist for them.
    assert (
        county_admin.post(f"/api/v1/tenants/{city}/accounts", json=body).status_code
        == 404
    )
    platform_role = {**body, "role": "platform_admin"}
    refused = county_admin.post(
        f"/api/v1/tenants/{school}/accounts", json=platform_role
    )
    assert refused.status_code == 422 and "role" in str(refused.json["errors"])


@pytest.mark.parametrize("backend", ["sqlite"])
def test_a_county_admin_cannot_reset_the_password_of_someone_above_it(
    app, client, county_admin, hierarchy, backend
):
    city_man = bearer_client(app, "city-man")
    grant(client, hierarchy["city"], "city-man", "inspector")
    user_id = city_man.get("/api/v1/auth/me").json["user_id"]
    county = hierarchy["county"]
    reset = county_admin.post(
        f"/api/v1/tenants/{county}/accounts/{user_id}/password-reset"
    )
    assert reset.status_code == 404
    deactivate = county_admin.post(
        f"/api/v1/tenants/{county}/accounts/{user_id}/deactivation"
    )
    assert deactivate.status_code == 404
    assert city_man.get("/api/v1/auth/me").status_code == 200


@pytest.mark.parametrize("backend", ["sqlite"])
def test_a_reset_password_replaces_the_old_and_a_deactivated_account_is_shut_out(
    app, client, county_admin, anonymous, hierarchy, backend
):
    school = hierarchy["school"]
    body = {"username": "clerk", "display_name": "文员", "role": "safety_officer"}
    body["password"] = PASSWORD
    made = created(county_admin.post(f"/api/v1/tenants/{school}/accounts", json=body))
    assert made["password"] is None
    base = f"/api/v1/tenants/{school}/accounts/{made['user_id']}"
    fresh = county_admin.post(f"{base}/password-reset").json["password"]
    assert token_for(anonymous, "clerk", PASSWORD).status_code == 401
    assert token_for(anonymous, "clerk", fresh).status_code == 201
    assert county_admin.post(f"{base}/deactivation").status_code == 204
    assert token_for(anonymous, "clerk", fresh).status_code == 401
    assert county_admin.post(f"{base}/reactivation").status_code == 204
    assert token_for(anonymous, "clerk", fresh).status_code == 201


@pytest.mark.parametrize("backend", ["sqlite"])
def test_changing_ones_own_password_needs_the_current_one(app, anonymous, backend):
    me = bearer_client(app, "someone")
    wrong = {"current_password": "not-the-password", "new_password": "a-new-password-1"}
    refused = me.post("/api/v1/auth/password", json=wrong)
    assert refused.status_code == 422
    assert "current_password" in str(refused.json["errors"])
    right = {"current_password": PASSWORD, "new_password": "a-new-password-1"}
    assert me.post("/api/v1/auth/password", json=right).status_code == 204
    assert token_for(anonymous, "someone", "a-new-password-1").status_code == 201


@pytest.mark.parametrize("backend", ["sqlite"])
def test_a_countys_principals_come_from_a_csv_checked_whole(
    app, county_admin, anonymous, hierarchy, backend
):
    county = hierarchy["county"]
    url = f"/api/v1/tenants/{county}/accounts/principals"
    bad = "school_code,display_name,username\nS1,王校长,wang\nNOPE,赵校长,zhao\n"
    refused = county_admin.post(url, data={"file": (io.BytesIO(bad.encode()), "p.csv")})
    assert refused.status_code == 422
    assert "line 3" in str(refused.json["errors"])
    assert token_for(anonymous, "wang", "x" * 10).status_code == 401  # not created
    people = county_admin.get(f"/api/v1/tenants/{county}/accounts").json
    assert [p["username"] for p in people] == ["county-admin"]
    good = "school_code,display_name,username\nS1,王校长,wang\n"
    made = county_admin.post(url, data={"file": (io.BytesIO(good.encode()), "p.csv")})
    assert made.status_code == 201, made.json
    [row] = made.json
    assert (row["line"], row["username"], row["school"]) == (2, "wang", "实验小学")
    assert token_for(anonymous, "wang", row["password"]).status_code == 201
