"""Webhooks reach public addresses only: never the platform's own network."""

from __future__ import annotations

import contextlib
import dataclasses
import ipaddress
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import ClassVar

import pytest
import sqlalchemy as sa

from safeledger.platform.background import outbound, webhooks
from safeledger.platform.background.runner import using_runtime
from safeledger.platform.background.tables import webhook_deliveries
from tests.e2e.test_accountability_api import log_hazard, open_case

pytestmark = pytest.mark.parametrize("backend", ["sqlite"])

INTERNAL = [
    "http://169.254.169.254/latest/meta-data/",
    "http://127.0.0.1:5432/",
    "http://[::1]:6379/",
    "http://10.0.0.1/hook",
    "http://localhost/hook",
    "http://192.168.1.10/hook",
    "http://172.16.0.1/hook",
    "http://100.64.0.1/hook",
    "http://0.0.0.0/hook",
    "http://224.0.0.1/hook",
]


@pytest.mark.parametrize("url", INTERNAL)
def test_a_webhook_to_an_internal_address_is_refused_naming_the_url(
    client, school, url, backend
):
    response = client.post(f"/api/v1/tenants/{school}/webhooks", json={"url": url})
    assert response.status_code == 422, response.json
    assert "public_address" in str(response.json["errors"]["json"]["url"])
    assert client.get(f"/api/v1/tenants/{school}/webhooks").json == []


def test_a_public_address_passes_and_an_allowed_private_network_too(backend):
    assert outbound.check_target("https://93.184.215.14/hook").address == (
        "93.184.215.14"
    )
    allowed = outbound.networks(["10.20.0.0/16"])
    assert outbound.check_target("http://10.20.3.4:8080/x?y=1", allowed).path == (
        "/x?y=1"
    )
    with pytest.raises(outbound.ForbiddenTargetError):
        outbound.check_target("http://10.21.3.4/", allowed)


class Redirecting(BaseHTTPRequestHandler):
    hits: ClassVar[list[str]] = []

    def do_POST(self) -> None:
        Redirecting.hits.append(self.path)
        self.send_response(307)
        self.send_header("Location", "/elsewhere")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args) -> None:
        pass


def deliveries(runtime):
    with runtime.engine.connect() as conn:
        return conn.execute(sa.select(webhook_deliveries)).all()


def test_a_delivery_follows_no_redirect_and_is_checked_again_when_sent(
    app, client, school, backend, monkeypatch
):
    Redirecting.hits = []
    server = HTTPServer(("127.0.0.1", 0), Redirecting)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    runtime = app.extensions["safeledger"]
    # The operator lets webhooks reach this machine, where the receiver listens.
    allowing = ("127.0.0.1/32",)
    monkeypatch.setattr(
        runtime,
        "settings",
        dataclasses.replace(runtime.settings, webhook_allowed_networks=allowing),
    )
    try:
        url = f"http://127.0.0.1:{server.server_port}/hook"
        hook = client.post(f"/api/v1/tenants/{school}/webhooks", json={"url": url})
        assert hook.status_code == 201, hook.json
        open_case(client, school, log_hazard(client, school))
        with using_runtime(runtime):
            webhooks.dispatch_notifications()
        assert Redirecting.hits and set(Redirecting.hits) == {"/hook"}
        (row,) = deliveries(runtime)
        assert row.last_status_code == 307
        # The operator withdraws the allowance: the next attempt is not even sent.
        narrowed = dataclasses.replace(runtime.settings, webhook_allowed_networks=())
        monkeypatch.setattr(runtime, "settings", narrowed)
        Redirecting.hits = []
        with (
            using_runtime(runtime),
            contextlib.suppress(webhooks.DeliveryFailedError),
        ):
            webhooks.deliver(row.notification_key, str(row.webhook_id))
        assert Redirecting.hits == []
        (row,) = deliveries(runtime)
        assert "public" in row.last_error
    finally:
        server.shutdown()
        server.server_close()


def test_reachable_refuses_every_special_range(backend):
    for address in (
        "::ffff:127.0.0.1",
        "127.0.0.2",
        "169.254.1.1",
        "fe80::1",
        "fc00::1",
        "::",
        "::1",
    ):
        assert not outbound.reachable(ipaddress.ip_address(address), ())
    assert outbound.reachable(ipaddress.ip_address("2606:4700::1111"), ())
