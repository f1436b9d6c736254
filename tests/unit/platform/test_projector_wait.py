"""Read-your-writes waits for the last event of a command each projection follows."""

from __future__ import annotations

from uuid import uuid4

from safeledger.platform.projector import last_followed
from safeledger.tenants.application import Recorded

DRILL, HAZARD = "drills:Drill.FindingRecorded", "hazards:Hazard.Logged"


def recorded(*topics: str, last: int = 41) -> Recorded:
    return Recorded(uuid4(), 3, "ledger_0", last, topics)


def test_a_projection_waits_for_the_last_of_the_commands_events_it_follows():
    finding = recorded(DRILL, HAZARD)  # ids 40 and 41
    assert last_followed(finding, (DRILL,)) == 40
    assert last_followed(finding, (HAZARD,)) == 41
    assert last_followed(finding, (DRILL, HAZARD)) == 41


def test_a_projection_that_follows_none_of_the_events_does_not_wait():
    assert last_followed(recorded(DRILL, HAZARD), ("other:Event",)) is None
    assert last_followed(recorded(DRILL, last=None), (DRILL,)) is None


def test_a_projection_without_topics_waits_for_the_commands_last_event():
    assert last_followed(recorded(DRILL, HAZARD), ()) == 41
    assert last_followed(recorded(DRILL, last=None), ()) is None
