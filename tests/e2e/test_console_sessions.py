"""Console sessions live on the server: signing out, a new password or a
deactivated account ends them at once, even for a copied cookie."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from safeledger.platform.auth import sessions
from safeledger.platform.auth.accounts import HASHER, create_user
from safeledger.platform.auth.tables import users
from safeledger.projections.schema import write_transaction

pytestmark = pytest.mark.parametrize("backend", ["sqlite"])
PASSWORD = "a-long-test-password"
COOKIE = "safeledger_session"


def signed_in(app, username="browser"):
    """A browser signed in to the console, and its session cookie's value."""
    engine = app.extensions["safeledger"].engine
    create_user(engine, username, PASSWORD, platform_admin=True)
    browser = app.test_client()
    page = browser.get("/console/login").get_data(as_text=True)
    token = page.split('name="csrf_token" value="')[1].split('"')[0]
    data = {"username": username, "password": PASSWORD, "csrf_token": token}
    assert browser.post("/console/login", data=data).status_code == 302
    assert browser.get("/api/v1/auth/me").status_code == 200
    return browser, browser.get_cookie(COOKIE).value


def replayed(app, cookie):
    """Another browser presenting a copy of the cookie."""
    thief = app.test_client()
    thief.set_cookie(COOKIE, cookie)
    return thief


def update_user(app, username, **values):
    with write_transaction(app.extensions["safeledger"].engine) as conn:
        conn.execute(
            sa.update(users).where(users.c.username == username).values(values)
        )


def test_signing_out_ends_the_session_for_every_copy_of_the_cookie(app, backend):
    browser, cookie = signed_in(app)
    assert replayed(app, cookie).get("/api/v1/auth/me").status_code == 200
    page = browser.get("/console", follow_redirects=True).get_data(as_text=True)
    token = page.split('name="csrf_token" value="')[1].split('"')[0]
    browser.post("/console/logout", data={"csrf_token": token})
    assert replayed(app, cookie).get("/api/v1/auth/me").status_code == 401
    assert replayed(app, cookie).get("/console").status_code == 302


def test_a_new_password_ends_every_session_of_the_account(app, backend):
    _, cookie = signed_in(app)
    update_user(app, "browser", password_hash=HASHER.hash("another-long-password"))
    assert replayed(app, cookie).get("/api/v1/auth/me").status_code == 401


def test_a_deactivated_account_has_no_session_left(app, backend):
    _, cookie = signed_in(app)
    update_user(app, "browser", disabled=True)
    assert replayed(app, cookie).get("/api/v1/auth/me").status_code == 401
    update_user(app, "browser", disabled=False)
    engine = app.extensions["safeledger"].engine
    user_id = (
        engine.connect()
        .execute(sa.select(users.c.user_id).where(users.c.username == "browser"))
        .scalar_one()
    )
    assert sessions.end_all(engine, user_id) == 1
    assert replayed(app, cookie).get("/api/v1/auth/me").status_code == 401


def test_the_cookie_holds_no_user_id(app, backend):
    browser, _ = signed_in(app)
    with browser.session_transaction() as session:
        assert "user_id" not in session and set(session) <= {"sid", "csrf_token"}
