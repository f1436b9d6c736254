"""The embedded scheduler: the cron schedule, run in the web process's own thread."""

from __future__ import annotations

import threading
import time

import pytest

from safeledger.platform import inbox
from safeledger.platform.auth.accounts import create_user
from safeledger.platform.auth.identity import load_identity
from safeledger.platform.background.sweeps import sweep_hazards
from safeledger.platform.scheduler import EmbeddedScheduler, Entry, find, scheduled
from safeledger.tenants.access import Role
from safeledger.tenants.context import utc_now
from tests.background_support import build_school, overdue_hazard


def wait_for(condition, seconds: float = 20.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def bell(runtime, user) -> int:
    with runtime.engine.connect() as conn:
        scope = load_identity(conn, user, None, utc_now()).scope()
        return inbox.unread_count(conn, scope, user.user_id)


@pytest.mark.parametrize("backend", ["sqlite"])
def test_an_overdue_hazard_rings_the_owners_and_the_countys_bell_unattended(
    app, operator, backend
):
    runtime = app.extensions["safeledger"]
    place = build_school(runtime.store)
    principal = create_user(runtime.engine, "principal", "a-long-password")
    officer = create_user(runtime.engine, "officer", "a-long-password")
    runtime.store.for_tenant(place.school).grant_role(
        place.school, user_id=principal.user_id, role=Role.PRINCIPAL
    )
    runtime.store.for_tenant(place.county).grant_role(
        place.county, user_id=officer.user_id, role=Role.SAFETY_OFFICER
    )
    overdue_hazard(runtime.store, place.school)
    assert wait_for(lambda: bell(runtime, officer) == 0)
    scheduler = EmbeddedScheduler(runtime, [Entry(sweep_hazards, interval=0.5)])
    assert scheduler.start()
    try:
        assert wait_for(lambda: bell(runtime, principal) >= 1)
        assert wait_for(lambda: bell(runtime, officer) >= 1)
    finally:
        scheduler.stop()


def test_one_instance_folder_runs_one_schedule(runtime):
    ran = threading.Event()

    def tick() -> None:
        ran.set()

    first = EmbeddedScheduler(runtime, [Entry(tick, interval=60)], tick=0.05)
    second = EmbeddedScheduler(runtime, [Entry(tick, interval=60)], tick=0.05)
    assert first.start()
    try:
        assert ran.wait(5)
        assert not second.start()
    finally:
        first.stop()
    assert second.start()
    second.stop()


def test_a_failing_job_does_not_stop_the_others(runtime):
    calls = {"broken": 0, "fine": 0}

    def broken() -> None:
        calls["broken"] += 1
        raise RuntimeError("boom")

    def fine() -> None:
        calls["fine"] += 1

    entries = [Entry(broken, interval=0.1), Entry(fine, interval=0.1)]
    scheduler = EmbeddedScheduler(runtime, entries, tick=0.05)
    scheduler.start()
    try:
        assert wait_for(lambda: calls["broken"] >= 2 and calls["fine"] >= 2, 10)
    finally:
        scheduler.stop()


def test_the_embedded_schedule_is_the_cron_schedule():
    from safeledger.platform.background.schedule import SCHEDULE

    assert [e.name for e in scheduled()] == [f.__name__ for f, _q, _w in SCHEDULE]
    assert find("sweep_hazards").interval == 300
    assert find("sweep_period").cron == "30 0 1 * *"
    with pytest.raises(KeyError, match="sweep_hazards"):
        find("no_such_job")
