"""Background work on real Redis, real ``rq worker`` and ``rq cron`` processes."""

from __future__ import annotations

import dataclasses
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any, ClassVar

import pytest
import sqlalchemy as sa

from safeledger.platform.background import jobs
from safeledger.platform.background.outbound import networks
from safeledger.platform.background.queues import (
    NOTIFICATIONS,
    SWEEPS,
    function_path,
    outbox_pending,
    queue,
    submit,
)
from safeledger.platform.background.runner import using_runtime
from safeledger.platform.background.sweeps import sweep_hazards, sweep_incidents
from safeledger.platform.background.table_exports import export_table
from safeledger.platform.background.tables import webhook_deliveries
from safeledger.platform.background.webhooks import (
    SIGNATURE_HEADER,
    dispatch_notifications,
    register,
    verify,
)
from safeledger.tenants.accountability import AccountabilityCase
from tests.background_processes import (
    PrivateRedis,
    cron,
    process_env,
    processes,
    queues_drained,
    rq_runtime,
    rq_settings,
    wait_for,
    worker,
)
from tests.background_support import (
    build_school,
    events_of,
    findings,
    late_incident,
    overdue_hazard,
    project,
)
from tests.conftest import stored_events

pytestmark = pytest.mark.redis


@pytest.fixture
def private_redis(redis_server):
    server = PrivateRedis(redis_server)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def settings(settings):
    """The operator lets webhooks reach this machine, where the receiver listens."""
    return dataclasses.replace(settings, webhook_allowed_networks=("127.0.0.1/32",))


@pytest.fixture
def school(runtime, operator):
    return build_school(runtime.store).school


def cases_about(runtime, subject) -> list:
    return [
        e
        for e in events_of(runtime, AccountabilityCase.Opened)
        if e.subject_id == subject
    ]


def test_workers_and_two_overlapping_crons_record_each_finding_and_case_once(
    runtime, school, private_redis
):
    hazard = overdue_hazard(runtime.store, school, days_late=10)
    incident = late_incident(runtime.store, school)
    project(runtime)
    env = process_env(runtime.settings, private_redis.url)
    sweeps = queue(rq_settings(runtime.settings, private_redis.url), SWEEPS)
    for func in (sweep_hazards, sweep_incidents) * 3:
        sweeps.enqueue(function_path(func))
    commands = [worker(private_redis.url), worker(private_redis.url)]
    commands += [cron(private_redis.url), cron(private_redis.url)]
    with processes(commands, env):
        wait_for(lambda: cases_about(runtime, incident), 60, "the late report's case")
        wait_for(lambda: queues_drained(private_redis.url), 60, "the queues to drain")
    sweeps.connection.close()
    assert len(findings(runtime, "hazard_overdue", hazard)) == 1
    assert len(findings(runtime, "incident_verbal_report_late", incident)) == 1
    assert [c.reason for c in cases_about(runtime, hazard)] == ["hazard_overdue"]
    assert [c.reason for c in cases_about(runtime, incident)] == [
        "late_incident_report"
    ]


class FlakyReceiver(BaseHTTPRequestHandler):
    """Fails the first two deliveries with 503, takes the third."""

    received: ClassVar[list[tuple[int, Any, bytes]]] = []

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        status = 503 if len(self.received) < 2 else 200
        self.received.append((status, self.headers, body))
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args) -> None:
        pass


def test_a_webhook_that_fails_twice_gets_exactly_one_delivery_marked_delivered(
    runtime, school, private_redis
):
    FlakyReceiver.received = []
    server = HTTPServer(("127.0.0.1", 0), FlakyReceiver)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_port}/hook"
    allowed = networks(runtime.settings.webhook_allowed_networks)
    _, secret = register(runtime.engine, school, url, allowed)
    overdue_hazard(runtime.store, school, days_late=1)  # one finding, no case
    project(runtime)
    with using_runtime(runtime):
        sweep_hazards()
    project(runtime, ("oversight",))
    env = process_env(runtime.settings, private_redis.url)
    notifications = queue(
        rq_settings(runtime.settings, private_redis.url), NOTIFICATIONS
    )
    notifications.enqueue(function_path(dispatch_notifications))
    try:
        with processes([worker(private_redis.url, scheduler=True)], env):
            wait_for(lambda: _delivered(runtime), 60, "the deliveries")
    finally:
        notifications.connection.close()
        server.shutdown()
        server.server_close()
    with runtime.engine.connect() as conn:
        rows = conn.execute(sa.select(webhook_deliveries)).all()
    [row] = rows
    assert (row.status, row.attempts, row.last_status_code) == ("delivered", 3, 200)
    assert [status for status, _, _ in FlakyReceiver.received] == [503, 503, 200]
    keys = {headers["Idempotency-Key"] for _, headers, _ in FlakyReceiver.received}
    assert keys == {row.notification_key}
    for _, headers, body in FlakyReceiver.received:
        assert verify(secret, headers[SIGNATURE_HEADER], body)


def _delivered(runtime) -> bool:
    with runtime.engine.connect() as conn:
        statuses = conn.execute(sa.select(webhook_deliveries.c.status)).scalars()
        statuses = list(statuses)
    return statuses == ["delivered"]


def test_with_redis_down_commands_succeed_and_pending_work_completes_once_back(
    runtime, school, private_redis
):
    hosted = rq_runtime(runtime.settings, private_redis.url)
    env = process_env(runtime.settings, private_redis.url)
    try:
        with processes([worker(private_redis.url)], env):
            private_redis.stop()
            # Commands keep succeeding; their follow-up sweeps go to the outbox.
            hazard = overdue_hazard(runtime.store, school, days_late=10)
            incident = late_incident(runtime.store, school)
            project(runtime)
            submit(hosted, sweep_hazards)
            submit(hosted, sweep_incidents)
            assert outbox_pending(runtime.engine) == 2
            assert findings(runtime, "hazard_overdue", hazard) == []
            recorded_while_down = len(stored_events(runtime))
            private_redis.start()
            # rq cron's first tick runs the recovery (and the sweeps) at once.
            # A worker in reconnect backoff may sleep a while: a supervisor's
            # fresh one (as after a restart) takes the work meanwhile.
            with processes([cron(private_redis.url), worker(private_redis.url)], env):
                wait_for(lambda: outbox_pending(runtime.engine) == 0, 60, "outbox")
                wait_for(lambda: cases_about(runtime, incident), 60, "the case")
                wait_for(lambda: queues_drained(private_redis.url), 60, "queues")
    finally:
        hosted.close()
    assert len(findings(runtime, "hazard_overdue", hazard)) == 1
    assert len(findings(runtime, "incident_verbal_report_late", incident)) == 1
    assert len(cases_about(runtime, hazard)) == 1
    assert len(cases_about(runtime, incident)) == 1
    # Overdue + its warning notice (an attachment) + its case; verbal late,
    # written late + one case: nothing more.
    assert len(stored_events(runtime)) == recorded_while_down + 6


def test_a_recorded_table_export_runs_on_a_worker_to_its_file(
    runtime, school, private_redis
):
    hazard = overdue_hazard(runtime.store, school, days_late=1)
    project(runtime)
    hosted = rq_runtime(runtime.settings, private_redis.url)
    env = process_env(runtime.settings, private_redis.url)
    try:
        with processes([worker(private_redis.url)], env):
            args = (str(school), "hazard-board", None, [], None, "csv")
            job_id = jobs.start(hosted, export_table, *args, tenant_id=school)
            wait_for(
                lambda: jobs.get(runtime.engine, job_id).finished_at, 60, "the export"
            )
    finally:
        hosted.close()
    job = jobs.get(runtime.engine, job_id)
    assert (job.status, job.error) == (jobs.FINISHED, None)
    assert jobs.result_of(job)["rows"] == 1
    exported = runtime.settings.instance_path / "exports" / f"{job_id}.csv"
    assert str(hazard) in exported.read_text(encoding="utf-8")
