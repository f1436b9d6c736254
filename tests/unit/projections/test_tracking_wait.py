"""A read-your-writes wait wakes when a runner of the process commits a position."""

from __future__ import annotations

import threading

import pytest
import sqlalchemy as sa
from eventsourcing.persistence import Tracking

from safeledger.projections import tracking
from safeledger.projections.schema import projection_tracking
from safeledger.projections.tracking import SQLTrackingRecorder


@pytest.fixture
def recorder(tmp_path) -> SQLTrackingRecorder:
    engine = sa.create_engine(
        f"sqlite:///{tmp_path / 'rm.db'}", connect_args={"check_same_thread": False}
    )
    projection_tracking.create(engine)
    yield SQLTrackingRecorder(engine, "hazard_board")
    engine.dispose()


def test_a_waiter_is_woken_by_the_commit_not_by_its_next_poll(recorder, monkeypatch):
    # Polling alone would look again only after an hour.
    monkeypatch.setattr(tracking, "FIRST_POLL_SECONDS", 3600.0)
    waiter = threading.Thread(target=recorder.wait, args=("ledger_0", 5, 3600.0))
    waiter.start()
    recorder.insert_tracking(Tracking("ledger_0", 4))
    recorder.insert_tracking(Tracking("ledger_0", 5))
    waiter.join(timeout=60)
    assert not waiter.is_alive()


def test_a_wait_for_a_position_never_reached_times_out(recorder):
    recorder.insert_tracking(Tracking("ledger_0", 4))
    with pytest.raises(TimeoutError):
        recorder.wait("ledger_0", 5, timeout=0.05)
    recorder.wait("ledger_0", 4, timeout=0.05)
