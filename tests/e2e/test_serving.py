"""Real processes: the embedded server of ``make run``, and the hosted trio.

Embedded: ``safeledger migrate``, ``demo`` and ``serve`` on SQLite. Hosted:
gunicorn workers and a separate ``safeledger projector`` on PostgreSQL with two
shards; a command's result is readable on the very next request.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from safeledger.platform.demo import DEMO_PASSWORD, demo_province_id

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def request(
    method: str, url: str, body: dict | None = None, token: str | None = None
) -> tuple[int, dict]:
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method)
    req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(req, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        with error:
            return error.code, json.loads(error.read())


def safeledger(env: dict[str, str], *args: str, stdin: str = "") -> str:
    return subprocess.run(
        [sys.executable, "-m", "safeledger", *args],
        env=env,
        check=True,
        capture_output=True,
        input=stdin,
        text=True,
    ).stdout


def sign_in(base: str, username: str, password: str) -> str:
    body = {"username": username, "password": password}
    status, issued = request("POST", f"{base}/api/v1/auth/tokens", body)
    assert status == 201, issued
    return issued["token"]


@contextmanager
def running(command: list[str], env: dict[str, str], url: str) -> Iterator[None]:
    process = subprocess.Popen(
        command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(url, timeout=5).close()
                break
            except OSError:  # refused, reset or timed out: not up yet
                if process.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(process.stderr.read().decode()) from None
                time.sleep(0.2)
        yield
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        process.stderr.close()


def base_env(settings) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SAFELEDGER_")}
    env |= {
        "SAFELEDGER_INSTANCE_PATH": str(settings.instance_path),
        "SAFELEDGER_SHARDS": str(settings.shards),
        "SAFELEDGER_SECRET_KEY": settings.secret_key,
    }
    if settings.hosted:
        env["SAFELEDGER_DATABASE_URL"] = settings.database_url.render_as_string(
            hide_password=False
        )
    return env


@pytest.mark.parametrize("backend", ["sqlite"])
def test_the_embedded_server_serves_the_demo_province_and_its_children(
    settings, backend
):
    env = base_env(settings)
    safeledger(env, "migrate")
    printed = safeledger(env, "demo")
    assert f"password {DEMO_PASSWORD!r}" in printed
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "safeledger", "serve", "--port", str(port)]
    with running(command, env, f"{base}/api/openapi.json"):
        assert request("GET", f"{base}/api/v1/tenants")[0] == 401
        token = sign_in(base, "admin", DEMO_PASSWORD)
        url = f"{base}/api/v1/tenants/{demo_province_id()}"
        status, province = request("GET", url, token=token)
        assert status == 200
        assert province["name"] == "示范省"
        assert [city["name"] for city in province["children"]] == [
            "青川市",
            "临江市",
            "安平市",
        ]
        _, schools = request("GET", f"{url}/subtree?kind=school", token=token)
        assert schools["total"] == 36
        assert {s["school_type"] for s in schools["items"]} >= {
            "primary",
            "kindergarten",
            "special_education",
            "vocational",
        }
        principal = sign_in(base, "principal", DEMO_PASSWORD)
        assert request("GET", url, token=principal)[0] == 404


@pytest.mark.parametrize(
    "backend", [pytest.param("postgres", marks=pytest.mark.postgres)]
)
@pytest.mark.parametrize("shards", [2])
def test_hosted_gunicorn_workers_read_their_own_writes_through_the_projector(
    settings, backend, shards
):
    env = base_env(settings) | {"GUNICORN_WORKERS": "2", "GUNICORN_THREADS": "2"}
    safeledger(env, "migrate")
    safeledger(
        env,
        "users",
        "create-admin",
        "--username",
        "ops",
        "--password-stdin",
        stdin="a-long-operator-password\n",
    )
    port = free_port()
    env["GUNICORN_BIND"] = f"127.0.0.1:{port}"
    base = f"http://127.0.0.1:{port}"
    gunicorn = [
        sys.executable,
        "-m",
        "gunicorn",
        "-c",
        "deploy/gunicorn.conf.py",
        "safeledger.platform.app:create_app()",
    ]
    projector = subprocess.Popen(
        [sys.executable, "-m", "safeledger", "projector"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        with running(gunicorn, env, f"{base}/api/openapi.json"):
            token = sign_in(base, "ops", "a-long-operator-password")
            status, province = request(
                "POST", f"{base}/api/v1/tenants", {"code": "P", "name": "省"}, token
            )
            assert status == 201
            parent = province["id"]
            for kind, code in (("city", "C"), ("county", "K")):
                status, created = request(
                    "POST",
                    f"{base}/api/v1/tenants/{parent}/children",
                    {"kind": kind, "code": code, "name": code},
                    token,
                )
                assert status == 201, created
                # Read-your-writes: the next request already sees the new tenant.
                status, shown = request(
                    "GET", f"{base}/api/v1/tenants/{parent}", None, token
                )
                assert [child["id"] for child in shown["children"]] == [created["id"]]
                parent = created["id"]
    finally:
        projector.terminate()
        projector.wait(timeout=15)
