"""Accounts, tokens, sessions and the access matrix, one rule at a time."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from safeledger.platform.api.context import limit_to
from safeledger.platform.auth.accounts import MAX_FAILURES
from safeledger.projections.directory.tables import directory_tenants
from safeledger.tenants.access import matrix_table
from tests.conftest import bearer_client, stored_events
from tests.e2e.conftest import created

PASSWORD = "a-long-test-password"


def grant(client, tenant, username, role, **extra):
    body = {"username": username, "role": role, **extra}
    return created(client.post(f"/api/v1/tenants/{tenant}/grants", json=body))


def test_a_call_without_identity_is_401(anonymous, hierarchy):
    response = anonymous.get(f"/api/v1/tenants/{hierarchy['school']}")
    assert response.status_code == 401
    assert set(response.json) == {"code", "status", "message", "errors"}


def test_a_principal_sees_their_school_and_nothing_beside_it(app, client, hierarchy):
    principal = bearer_client(app, "principal")
    grant(client, hierarchy["school"], "principal", "principal")
    assert principal.get(f"/api/v1/tenants/{hierarchy['school']}").status_code == 200
    # The county above exists, but to the principal it does not.
    assert principal.get(f"/api/v1/tenants/{hierarchy['county']}").status_code == 404
    assert principal.get("/api/v1/tenants").json == []


def test_a_role_that_may_read_but_not_record_gets_403(app, client, hierarchy):
    inspector = bearer_client(app, "inspector")
    grant(client, hierarchy["city"], "inspector", "inspector")
    school = hierarchy["school"]
    assert inspector.get(f"/api/v1/tenants/{school}").status_code == 200
    body = {
        "category": "fire",
        "severity": "general",
        "description": "d",
        "found_by": "i",
        "place": "p",
    }
    refused = inspector.post(f"/api/v1/tenants/{school}/hazards", json=body)
    assert refused.status_code == 403
    assert "role_allows_action" in str(refused.json["errors"])


def test_a_county_safety_officer_records_across_its_schools(app, client, hierarchy):
    officer = bearer_client(app, "officer")
    grant(client, hierarchy["county"], "officer", "safety_officer")
    body = {
        "category": "fire",
        "severity": "general",
        "description": "灭火器过期",
        "found_by": "安全员",
        "place": "食堂",
    }
    logged = officer.post(f"/api/v1/tenants/{hierarchy['school']}/hazards", json=body)
    assert logged.status_code == 201
    history = client.get(
        f"/api/v1/tenants/{hierarchy['school']}/hazards/{logged.json['id']}/history"
    ).json
    assert history["items"][0]["actor"] == "user:officer"


def test_a_revoked_token_fails_on_the_very_next_request(app, client, hierarchy):
    engine = app.extensions["safeledger"].engine
    from safeledger.platform.auth.accounts import create_user

    create_user(engine, "scripted", PASSWORD)
    grant(client, hierarchy["school"], "scripted", "principal")
    issued = client.post(
        "/api/v1/auth/tokens", json={"username": "scripted", "password": PASSWORD}
    ).json
    script = app.test_client()
    script.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {issued['token']}"
    assert script.get(f"/api/v1/tenants/{hierarchy['school']}").status_code == 200
    assert script.delete(f"/api/v1/auth/tokens/{issued['token_id']}").status_code == 204
    again = script.get(f"/api/v1/tenants/{hierarchy['school']}")
    assert again.status_code == 401


def test_a_token_narrowed_to_reading_cannot_record(app, client, hierarchy):
    engine = app.extensions["safeledger"].engine
    from safeledger.platform.auth.accounts import create_user

    create_user(engine, "narrow", PASSWORD)
    grant(client, hierarchy["county"], "narrow", "safety_officer")
    grant(client, hierarchy["county"], "narrow", "inspector")
    body = {"username": "narrow", "password": PASSWORD, "roles": ["inspector"]}
    token = client.post("/api/v1/auth/tokens", json=body).json["token"]
    narrow = app.test_client()
    narrow.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    assert narrow.get(f"/api/v1/tenants/{hierarchy['school']}").status_code == 200
    hazard = {
        "category": "fire",
        "severity": "general",
        "description": "d",
        "found_by": "f",
        "place": "p",
    }
    url = f"/api/v1/tenants/{hierarchy['school']}/hazards"
    assert narrow.post(url, json=hazard).status_code == 403


def test_repeated_failed_logins_lock_the_account(app, anonymous):
    engine = app.extensions["safeledger"].engine
    from safeledger.platform.auth.accounts import create_user

    create_user(engine, "victim", PASSWORD)
    wrong = {"username": "victim", "password": "not-the-password"}
    for _ in range(MAX_FAILURES):
        assert anonymous.post("/api/v1/auth/tokens", json=wrong).status_code == 401
    right = {"username": "victim", "password": PASSWORD}
    locked = anonymous.post("/api/v1/auth/tokens", json=right)
    assert locked.status_code == 429
    assert int(locked.headers["Retry-After"]) > 0


def test_credentials_never_enter_the_ledger(app, client, hierarchy):
    grant(client, hierarchy["school"], "test-admin", "auditor")
    payloads = b"".join(e.state for e in stored_events(app.extensions["safeledger"]))
    assert b"argon2" not in payloads
    assert PASSWORD.encode() not in payloads


def test_an_evidence_read_is_recorded_in_the_tenants_ledger(app, client, hierarchy):
    auditor = bearer_client(app, "auditor")
    grant(client, hierarchy["county"], "auditor", "auditor")
    school = hierarchy["school"]
    assert (
        auditor.get(f"/api/v1/tenants/{school}/evidence/checkpoints").status_code == 200
    )
    reads = [
        e
        for e in stored_events(app.extensions["safeledger"])
        if e.topic.endswith("EvidenceRead.Recorded")
    ]
    assert len(reads) == 1
    assert b"user:auditor" in reads[0].state


def test_the_readme_prints_the_matrix_the_code_enforces():
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    assert matrix_table() in readme


@pytest.mark.parametrize(
    "backend", [pytest.param("postgres", marks=pytest.mark.postgres)]
)
def test_row_security_hides_foreign_rows_from_an_unfiltered_query(
    app, client, hierarchy, backend
):
    principal = bearer_client(app, "rls-principal")
    grant(client, hierarchy["school"], "rls-principal", "principal")
    with app.test_request_context(
        headers={"Authorization": principal.environ_base["HTTP_AUTHORIZATION"]}
    ):
        from safeledger.platform.auth.web import identify

        scope = identify().scope()
        engine = app.extensions["safeledger"].engine
        with engine.connect() as conn, conn.begin():
            limit_to(conn, scope)
            # No tenant filter at all: the database policy does the filtering.
            rows = (
                conn.execute(sa.select(directory_tenants.c.tenant_id)).scalars().all()
            )
    assert [str(r) for r in rows] == [hierarchy["school"]]


def test_a_console_form_without_its_csrf_token_is_refused(app, anonymous):
    from safeledger.platform.auth.accounts import create_user

    create_user(app.extensions["safeledger"].engine, "clerk", PASSWORD)
    refused = anonymous.post(
        "/console/login", data={"username": "clerk", "password": PASSWORD}
    )
    assert refused.status_code == 400
    page = anonymous.get("/console/login").get_data(as_text=True)
    token = page.split('name="csrf_token" value="')[1].split('"')[0]
    signed_in = anonymous.post(
        "/console/login",
        data={"username": "clerk", "password": PASSWORD, "csrf_token": token},
    )
    assert signed_in.status_code == 302
    # Signing in starts a new session, with a new token.
    home = anonymous.get("/console", follow_redirects=True).get_data(as_text=True)
    fresh = home.split('name="csrf_token" value="')[1].split('"')[0]
    logout = "/console/logout"
    assert anonymous.post(logout).status_code == 400
    assert anonymous.post(logout, data={"csrf_token": token}).status_code == 400
    assert anonymous.post(logout, data={"csrf_token": fresh}).status_code == 302


def test_a_console_session_reads_the_api_but_cannot_change_anything(app, anonymous):
    from safeledger.platform.auth.accounts import create_user

    create_user(
        app.extensions["safeledger"].engine, "browser", PASSWORD, platform_admin=True
    )
    page = anonymous.get("/console/login").get_data(as_text=True)
    token = page.split('name="csrf_token" value="')[1].split('"')[0]
    anonymous.post(
        "/console/login",
        data={"username": "browser", "password": PASSWORD, "csrf_token": token},
    )
    assert anonymous.get("/api/v1/tenants").status_code == 200
    # A cookie rides along with cross-site requests; changes need a Bearer token.
    posted = anonymous.post("/api/v1/tenants", json={"code": "X", "name": "x"})
    assert posted.status_code == 401


@pytest.mark.parametrize("backend", ["sqlite"])
def test_old_failed_logins_are_forgotten_and_recent_ones_kept(app, anonymous, backend):
    from datetime import timedelta

    from safeledger.platform.auth.accounts import prune_login_failures
    from safeledger.platform.auth.tables import login_failures

    engine = app.extensions["safeledger"].engine
    wrong = {"username": "nobody-here", "password": "not-a-password"}
    anonymous.post("/api/v1/auth/tokens", json=wrong)
    assert prune_login_failures(engine) == 0
    assert prune_login_failures(engine, keep=timedelta(0)) == 1
    with engine.connect() as conn:
        left = conn.execute(sa.select(sa.func.count()).select_from(login_failures))
        assert left.scalar() == 0
