"""Access rules an inside user could otherwise get round, one rule at a time."""

from __future__ import annotations

import pytest

from safeledger.platform.auth import accounts, tokens
from safeledger.platform.auth.accounts import MAX_FAILURES, create_user, find_user
from tests.conftest import bearer_client, stored_events
from tests.e2e.conftest import created

PASSWORD = "a-long-test-password"


def grant(client, tenant, username, role):
    body = {"username": username, "role": role}
    return client.post(f"/api/v1/tenants/{tenant}/grants", json=body)


def hazard(place="门口"):
    return {
        "category": "fire",
        "severity": "general",
        "description": "灭火器过期",
        "found_by": "王",
        "place": place,
    }


def token_client(app, secret):
    caller = app.test_client()
    caller.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {secret}"
    return caller


def test_a_platform_admins_token_narrowed_to_a_tenant_reaches_no_other(
    app, client, hierarchy
):
    engine = app.extensions["safeledger"].engine
    admin = find_user(engine, "test-admin")
    secret, _ = tokens.issue(
        engine, admin.user_id, "narrow", tenant_ids=[hierarchy["school"]]
    )
    narrow = token_client(app, secret)
    school, county = hierarchy["school"], hierarchy["county"]
    assert narrow.get(f"/api/v1/tenants/{school}").status_code == 200
    assert narrow.get(f"/api/v1/tenants/{county}").status_code == 404
    rename = narrow.post(f"/api/v1/tenants/{county}/rename", json={"name": "改"})
    assert rename.status_code == 404
    province = {"code": "45", "name": "桂"}
    assert narrow.post("/api/v1/tenants", json=province).status_code == 403
    created(narrow.post(f"/api/v1/tenants/{school}/hazards", json=hazard()))


def test_a_token_narrowed_to_nothing_is_refused_or_reaches_nothing(
    app, client, hierarchy
):
    engine = app.extensions["safeledger"].engine
    body = {"username": "test-admin", "password": PASSWORD, "tenant_ids": []}
    refused = client.post("/api/v1/auth/tokens", json=body)
    assert refused.status_code == 422
    assert "tenant_ids" in str(refused.json["errors"])
    admin = find_user(engine, "test-admin")
    secret, _ = tokens.issue(engine, admin.user_id, "empty", tenant_ids=[], roles=[])
    empty = token_client(app, secret)
    assert empty.get(f"/api/v1/tenants/{hierarchy['school']}").status_code == 404
    province = {"code": "46", "name": "琼"}
    assert empty.post("/api/v1/tenants", json=province).status_code == 403


def test_an_idempotency_key_is_scoped_to_the_caller(app, client, hierarchy):
    school = hierarchy["school"]
    first, second = bearer_client(app, "first"), bearer_client(app, "second")
    for name in ("first", "second"):
        created(grant(client, school, name, "safety_officer"))
    headers = {"Idempotency-Key": "same-key-0001"}
    url = f"/api/v1/tenants/{school}/hazards"
    runtime = app.extensions["safeledger"]
    answer = created(first.post(url, json=hazard(), headers=headers))
    before = len(stored_events(runtime))
    theirs = second.post(url, json=hazard(), headers=headers)
    assert theirs.status_code == 201, theirs.json
    assert "Idempotent-Replayed" not in theirs.headers
    assert theirs.json["id"] != answer["id"]
    assert len(stored_events(runtime)) > before


def test_a_tenant_admin_cannot_grant_itself_a_recording_role(app, client, hierarchy):
    school = hierarchy["school"]
    admin = bearer_client(app, "school-admin")
    created(grant(client, school, "school-admin", "tenant_admin"))
    before = len(stored_events(app.extensions["safeledger"]))
    for role in ("safety_officer", "principal"):
        refused = grant(admin, school, "school-admin", role)
        assert refused.status_code == 422, refused.json
        assert "no_self_grant" in str(refused.json["errors"])
        assert "username" in str(refused.json["errors"])
    assert len(stored_events(app.extensions["safeledger"])) == before
    # Another admin may grant it; and granting oneself a reading role is fine.
    created(grant(client, school, "school-admin", "safety_officer"))
    created(grant(admin, school, "school-admin", "inspector"))


class CountingHasher:
    """The real argon2 hasher, counting how often a password is verified."""

    def __init__(self, hasher):
        self.hasher, self.verified = hasher, 0

    def hash(self, password):
        return self.hasher.hash(password)

    def verify(self, password_hash, password):
        self.verified += 1
        return self.hasher.verify(password_hash, password)


def test_sign_in_does_the_same_work_for_unknown_names(app, anonymous, monkeypatch):
    engine = app.extensions["safeledger"].engine
    create_user(engine, "real-name", PASSWORD)
    counting = CountingHasher(accounts.HASHER)
    monkeypatch.setattr(accounts, "HASHER", counting)
    answers = []
    for username in ("real-name", "no-such-name"):
        before = counting.verified
        wrong = {"username": username, "password": "not-the-password"}
        response = anonymous.post("/api/v1/auth/tokens", json=wrong)
        answers.append((response.status_code, response.json["message"]))
        assert counting.verified == before + 1
    assert answers[0] == answers[1]


@pytest.mark.parametrize("username", ["real-name", "no-such-name"])
def test_unknown_and_real_names_lock_out_alike(app, anonymous, username):
    create_user(app.extensions["safeledger"].engine, "real-name", PASSWORD)
    wrong = {"username": username, "password": "not-the-password"}
    for _ in range(MAX_FAILURES):
        assert anonymous.post("/api/v1/auth/tokens", json=wrong).status_code == 401
    locked = anonymous.post("/api/v1/auth/tokens", json=wrong)
    assert locked.status_code == 429
    assert int(locked.headers["Retry-After"]) > 0
