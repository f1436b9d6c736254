"""Browser tests: a real server on a free port, Debian's Chromium, demo roles.

The server is started once per session with a fresh instance holding the demo
province; each test signs in as a demo role on a desktop or a 390×844 phone
viewport. A failing test leaves a screenshot in ``browser-artifacts/``. Without
Chromium or Playwright these tests skip, except under CI, where they fail.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.conftest import IN_CI

CHROMIUM = os.environ.get("SAFELEDGER_TEST_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "browser-artifacts"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORTS = {
    "desktop": {"width": 1280, "height": 900},
    "phone": {"width": 390, "height": 844},
}
PASSWORD = "safeledger-demo"


def browser_missing(why: str) -> None:
    """Skip on a laptop; fail under CI, where the browser must be installed."""
    if IN_CI:
        pytest.fail(f"browser tests cannot run: {why}")
    pytest.skip(f"browser tests skipped: {why}")


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A SafeLedger server on a fresh instance with the demo province; its URL."""
    instance = tmp_path_factory.mktemp("browser") / "instance"
    env = {
        **os.environ,
        "SAFELEDGER_INSTANCE_PATH": str(instance),
        "SAFELEDGER_SECRET_KEY": "browser-test-secret-key-long-enough-123",
        # The schedule runs only in the tests that ask for it.
        "SAFELEDGER_SCHEDULER": "false",
    }
    for name in ("SAFELEDGER_DATABASE_URL", "SAFELEDGER_REDIS_URL", "SAFELEDGER_JOBS"):
        env.pop(name, None)
    cli = [sys.executable, "-m", "safeledger"]
    for step in (["migrate"], ["demo"]):
        subprocess.run([*cli, *step], env=env, check=True, capture_output=True)
    port = free_port()
    log = (instance / "server.log").open("w")
    process = subprocess.Popen(
        [*cli, "serve", "--port", str(port)], env=env, stdout=log, stderr=log
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url, process)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=20)
        log.close()


def wait_until_up(url: str, process: subprocess.Popen[bytes]) -> None:
    """Wait for the server to answer its sign-in page (or to die trying)."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/console/login", timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("the server did not start within a minute")


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium, driven by Playwright."""
    if not Path(CHROMIUM).exists() or shutil.which(CHROMIUM) is None:
        browser_missing(f"no Chromium at {CHROMIUM}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as error:
        browser_missing(f"playwright is not installed ({error})")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        yield chromium
        chromium.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):
    """Keep each phase's report on the test, so fixtures know if it failed."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture
def open_page(
    browser: object, server: str, request: pytest.FixtureRequest
) -> Iterator[Callable[..., object]]:
    """``open_page(viewport, username=None)``: a page, signed in if a name is given."""
    contexts = []

    def opener(viewport: str = "desktop", username: str | None = None) -> object:
        context = browser.new_context(  # type: ignore[attr-defined]
            viewport=VIEWPORTS[viewport],
            base_url=server,
            locale="zh-CN",
            timezone_id="Asia/Shanghai",
        )
        context.set_default_timeout(15_000)
        contexts.append((viewport, username, context))
        page = context.new_page()
        if username is not None:
            sign_in(page, username)
        return page

    yield opener
    failed = getattr(request.node, "report_call", None)
    for number, (viewport, username, context) in enumerate(contexts):
        if failed is not None and failed.failed:
            ARTIFACTS.mkdir(exist_ok=True)
            name = f"{request.node.name}-{number}-{viewport}-{username}.png"
            for page in context.pages:
                page.screenshot(path=str(ARTIFACTS / name), full_page=True)
        context.close()


def sign_in(page: object, username: str, password: str = PASSWORD) -> None:
    """Sign in through the console's form, as a person would."""
    page.goto("/console/login")  # type: ignore[attr-defined]
    page.fill("input[name=username]", username)  # type: ignore[attr-defined]
    page.fill("input[name=password]", password)  # type: ignore[attr-defined]
    page.click("form.stack button[type=submit]")  # type: ignore[attr-defined]
    page.wait_for_url("**/console/**")  # type: ignore[attr-defined]


@pytest.fixture(params=["desktop", "phone"])
def viewport(request: pytest.FixtureRequest) -> str:
    """Run the test on a desktop and on a 390×844 phone viewport."""
    return request.param


@pytest.fixture
def signed_in(
    open_page: Callable[..., object], viewport: str
) -> Callable[[str], object]:
    """``signed_in(username)``: a page signed in as that demo user on ``viewport``."""
    return lambda username: open_page(viewport, username)
