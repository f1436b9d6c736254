"""Webhooks through the API: registered with a secret shown once, deactivated,
and each delivery logged where the tenant admin can read it."""

from __future__ import annotations

import dataclasses
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from safeledger.platform.background import webhooks
from safeledger.platform.background.runner import using_runtime
from tests.conftest import bearer_client
from tests.e2e.conftest import created
from tests.e2e.test_accountability_api import log_hazard, open_case

pytestmark = pytest.mark.parametrize("backend", ["sqlite"])


@pytest.fixture
def settings(settings):
    """The operator lets webhooks reach this machine, where the receiver listens."""
    return dataclasses.replace(settings, webhook_allowed_networks=("127.0.0.1/32",))


@pytest.fixture
def receiver():
    """A local HTTP server that keeps what it is sent."""
    received: list[tuple] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            received.append((self.headers, body))  # case-insensitive
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/hook", received
    server.shutdown()
    server.server_close()


def test_a_registered_webhook_gets_signed_deliveries_and_logs_them(
    app, client, hierarchy, receiver
):
    url, received = receiver
    county, school = hierarchy["county"], hierarchy["school"]
    hooks = f"/api/v1/tenants/{county}/webhooks"
    hook = created(client.post(hooks, json={"url": url}))
    assert len(hook["secret"]) >= 32
    assert "secret" not in client.get(hooks).json[0]
    created(open_case(client, school, log_hazard(client, school)))
    with using_runtime(app.extensions["safeledger"]):
        webhooks.dispatch_notifications()
    [(headers, body)] = received
    assert webhooks.verify(hook["secret"], headers["X-SafeLedger-Signature"], body)
    log = client.get(f"{hooks}/{hook['id']}/deliveries").json
    assert [(d["status"], d["attempts"]) for d in log["items"]] == [("delivered", 1)]
    assert log["items"][0]["notification_key"] == headers["Idempotency-Key"]


def test_a_deactivated_webhook_hears_nothing_more(app, client, hierarchy, receiver):
    url, received = receiver
    hooks = f"/api/v1/tenants/{hierarchy['county']}/webhooks"
    hook = created(client.post(hooks, json={"url": url}))
    off = client.post(f"{hooks}/{hook['id']}/deactivation")
    assert off.status_code == 200 and off.json["active"] is False
    school = hierarchy["school"]
    created(open_case(client, school, log_hazard(client, school)))
    with using_runtime(app.extensions["safeledger"]):
        webhooks.dispatch_notifications()
    assert received == []
    assert client.get(f"{hooks}/{hook['id']}/deliveries").json["total"] == 0


def test_only_http_urls_are_taken_and_only_by_who_manages_access(
    app, client, hierarchy
):
    hooks = f"/api/v1/tenants/{hierarchy['county']}/webhooks"
    bad = client.post(hooks, json={"url": "ftp://example.org/x"})
    assert bad.status_code == 422 and "url" in bad.json["errors"]["json"]
    assert client.get(hooks).json == []
    officer = bearer_client(app, "officer")
    body = {"username": "officer", "role": "safety_officer"}
    created(client.post(f"/api/v1/tenants/{hierarchy['county']}/grants", json=body))
    assert officer.get(hooks).status_code == 403
    refused = officer.post(hooks, json={"url": "https://example.org/hook"})
    assert refused.status_code == 403
