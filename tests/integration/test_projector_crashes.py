"""A projector process killed at random points resumes without double counting."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time

import pytest
import sqlalchemy as sa

from safeledger.platform.projector import PROJECTIONS, build, rebuild, status
from tests.compliance_support import (
    Clock,
    agreements_and_grids,
    build_hierarchy,
    month_of_activity,
    with_clock,
)

pytestmark = pytest.mark.usefixtures("operator")
KILLS = 10


def every_read_model(engine: sa.Engine) -> dict[str, list[tuple]]:
    """Every row of every registered projection's tables, in a stable order."""
    rows = {}
    with engine.connect() as conn:
        for name in PROJECTIONS:
            for table in build(name, engine).tables:
                query = sa.select(table).order_by(*table.primary_key.columns)
                rows[table.name] = [tuple(row) for row in conn.execute(query)]
    return rows


def start_projector(settings) -> subprocess.Popen:
    env = {
        **os.environ,
        "SAFELEDGER_INSTANCE_PATH": str(settings.instance_path),
        "SAFELEDGER_SHARDS": str(settings.shards),
        "SAFELEDGER_SECRET_KEY": "test-secret-key-that-is-long-enough-1234",
    }
    if settings.hosted:
        env["SAFELEDGER_DATABASE_URL"] = settings.database_url.render_as_string(
            hide_password=False
        )
    return subprocess.Popen(
        [sys.executable, "-m", "safeledger", "projector"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def test_killing_the_projector_ten_times_leaves_every_read_model_as_a_rebuild(
    runtime, settings
):
    rng, clock = random.Random(13), Clock()
    with with_clock(clock):
        made = build_hierarchy(runtime.store, cities=1, counties=2, schools=3)
        agreements_and_grids(runtime.store, made, clock, rng)
        pending: dict = {}
        progress: list[int] = []
        for _ in range(KILLS):
            projector = start_projector(settings)
            try:
                time.sleep(rng.uniform(0.2, 1.5))
                month_of_activity(runtime.store, made, clock, rng, pending)
                time.sleep(rng.uniform(0.0, 1.0))
            finally:
                projector.send_signal(signal.SIGKILL)
                projector.wait(10)
            progress.append(
                sum(lag.position for lag in status(settings, runtime.engine))
            )
    # The killed projectors were working: positions moved between kills.
    assert len(set(progress)) > KILLS // 2
    projector = start_projector(settings)
    try:
        deadline = time.monotonic() + 60
        while any(lag.pending for lag in status(settings, runtime.engine)):
            assert time.monotonic() < deadline, status(settings, runtime.engine)
            time.sleep(0.2)
    finally:
        projector.send_signal(signal.SIGTERM)
        projector.wait(20)
    resumed = every_read_model(runtime.engine)
    assert resumed["hazard_board"] and resumed["audit_trail"]

    for name in PROJECTIONS:
        rebuild(settings, runtime.engine, name)
    assert every_read_model(runtime.engine) == resumed
