"""A projection that fails on an event is visible, not looped over in silence."""

from __future__ import annotations

import time

import pytest
from click.testing import CliRunner

from safeledger.platform.cli import main
from safeledger.platform.projection_failures import stuck
from safeledger.projections.hazard_board.projection import HazardBoardProjection

pytestmark = pytest.mark.parametrize("backend", ["sqlite"])


def eventually(check, timeout=20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.1)
    raise AssertionError("never happened")


def test_projections_status_names_the_failing_projection_and_its_error(
    app, client, school, settings, backend, monkeypatch
):
    project = HazardBoardProjection.process_event

    def fails_on_one_hazard(self, domain_event, tracking):
        if getattr(domain_event, "description", "") == "无法投影":
            raise ValueError("A string literal cannot contain NUL (0x00) characters.")
        project(self, domain_event, tracking)

    monkeypatch.setattr(HazardBoardProjection, "process_event", fails_on_one_hazard)
    body = {
        "category": "fire",
        "severity": "general",
        "description": "无法投影",
        "found_by": "王",
        "place": "门口",
    }
    assert (
        client.post(f"/api/v1/tenants/{school}/hazards", json=body).status_code == 201
    )
    engine = app.extensions["safeledger"].engine
    (failure,) = eventually(lambda: stuck(engine))
    assert failure.projection == "hazard_board"
    assert "NUL" in failure.error
    eventually(lambda: stuck(engine)[0].attempts >= 2)  # retried, and still counted
    env = {
        "SAFELEDGER_INSTANCE_PATH": str(settings.instance_path),
        "SAFELEDGER_SECRET_KEY": settings.secret_key,
        "SAFELEDGER_PROJECTIONS_IN_PROCESS": "0",
    }
    result = CliRunner().invoke(main, ["projections", "status"], env=env)
    assert result.exit_code == 1
    assert "FAILING hazard_board on ledger_0" in result.output
    assert "NUL" in result.output
