from datetime import datetime, timedelta

import pytest

from safeledger.tenants.errors import ConflictError, InvalidValueError
from safeledger.tenants.incidents import (
    FourNoLetGoError,
    Incident,
    IncidentClosedError,
    WrittenReportAlreadyFiledError,
)
from safeledger.tenants.values import (
    DigestFormatError,
    FutureTimeError,
    IncidentSeverity,
    NaiveDateTimeError,
    OutOfRangeError,
    ReportChannel,
)

pytestmark = pytest.mark.usefixtures("request_context")

REPORT, EVIDENCE = "e" * 64, "f" * 64


def reported(clock, **changes) -> Incident:
    facts = {
        "occurred_at": clock.now - timedelta(minutes=20),
        "category": "sports_injury",
        "severity": IncidentSeverity.GENERAL,
        "deaths": 0,
        "injuries": 1,
        "description": "pupil fell from the climbing frame",
        "channel": ReportChannel.VERBAL,
        "reporter": "Safety officer Sun",
    }
    return Incident.report(**{**facts, **changes})


def followed_up(incident: Incident) -> None:
    incident.determine_cause("a loose bolt on the frame")
    incident.handle_responsible_persons(["Caretaker Ma"], "written warning")
    incident.complete_rectification("all frames bolted and checked", [EVIDENCE])
    incident.hold_education("playground safety assembly", participants=600)


def test_an_incident_is_reported_followed_up_and_closed(clock, reloaded):
    incident = reported(clock)
    assert incident.reported_at == clock.now
    filed_at = clock.advance(minutes=50)
    incident.file_written_report(REPORT)
    assert incident.written_report_at == filed_at
    incident.update_casualties(deaths=0, injuries=2, note="a second pupil hurt")
    followed_up(incident)
    incident.close()
    assert incident.closed
    names = [type(e).__name__ for e in incident.pending_events]
    assert names == [
        "Reported",
        "WrittenReportFiled",
        "CasualtiesUpdated",
        "CauseDetermined",
        "ResponsiblePersonsHandled",
        "RectificationCompleted",
        "EducationHeld",
        "Closed",
    ]
    copy = reloaded(incident)
    assert copy.closed and copy.injuries == 2
    assert copy.reported_at == incident.reported_at
    assert copy.written_report_at == filed_at


def test_reported_at_is_the_servers_clock_not_an_input(clock):
    with pytest.raises(TypeError):
        reported(clock, reported_at=clock.now - timedelta(hours=3))
    incident = reported(clock)
    assert incident.reported_at == incident.pending_events[0].recorded_at == clock.now


def test_an_incident_cannot_have_occurred_after_now(clock):
    with pytest.raises(FutureTimeError) as raised:
        reported(clock, occurred_at=clock.now + timedelta(seconds=1))
    assert (raised.value.rule, raised.value.field) == ("not_in_future", "occurred_at")
    with pytest.raises(NaiveDateTimeError):
        reported(clock, occurred_at=datetime(2025, 3, 10, 8, 0))


def test_casualties_are_never_negative(clock, refused):
    with pytest.raises(OutOfRangeError):
        reported(clock, deaths=-1)
    incident = reported(clock)
    refused(
        incident,
        OutOfRangeError,
        incident.update_casualties,
        deaths=0,
        injuries=-1,
        note="typo",
    )


def test_closing_names_every_missing_condition_of_four_no_let_go(clock, refused):
    incident = reported(clock)
    incident.determine_cause("a loose bolt")
    error = refused(incident, FourNoLetGoError, incident.close)
    assert isinstance(error, ConflictError)
    assert error.rule == "four_no_let_go"
    assert error.missing == [
        "responsible_handled",
        "rectification_done",
        "people_educated",
    ]
    assert error.field == "responsible_handled"
    assert "people_educated" in error.message


@pytest.mark.parametrize(
    "skipped",
    [
        "determine_cause",
        "handle_responsible_persons",
        "complete_rectification",
        "hold_education",
    ],
)
def test_each_condition_alone_keeps_the_incident_open(clock, refused, skipped):
    incident = reported(clock)
    steps = {
        "determine_cause": lambda: incident.determine_cause("bolt"),
        "handle_responsible_persons": lambda: incident.handle_responsible_persons(
            ["Ma"], "warning"
        ),
        "complete_rectification": lambda: incident.complete_rectification(
            "fixed", [EVIDENCE]
        ),
        "hold_education": lambda: incident.hold_education("assembly", 100),
    }
    for name, step in steps.items():
        if name != skipped:
            step()
    error = refused(incident, FourNoLetGoError, incident.close)
    assert len(error.missing) == 1


def test_a_closed_incident_takes_no_changes(clock, refused):
    incident = reported(clock)
    followed_up(incident)
    incident.close()
    error = refused(incident, IncidentClosedError, incident.close)
    assert error.rule == "closed_incident_unchanged"
    refused(incident, IncidentClosedError, incident.determine_cause, "other")
    refused(incident, IncidentClosedError, incident.file_written_report, REPORT)


def test_the_written_report_is_filed_once(clock, refused):
    incident = reported(clock)
    incident.file_written_report(REPORT)
    error = refused(
        incident, WrittenReportAlreadyFiledError, incident.file_written_report, REPORT
    )
    assert error.rule == "written_report_filed_once"


def test_a_written_first_report_is_the_written_report(clock, refused):
    incident = reported(clock, channel="written", document_digest=REPORT)
    assert incident.written_report_at == incident.reported_at
    refused(
        incident, WrittenReportAlreadyFiledError, incident.file_written_report, REPORT
    )


def test_a_written_report_needs_its_document_and_a_verbal_one_has_none(clock):
    with pytest.raises(DigestFormatError):
        reported(clock, channel="written")
    with pytest.raises(InvalidValueError) as raised:
        reported(clock, document_digest=REPORT)
    assert raised.value.field == "document_digest"


def test_rectification_needs_evidence(clock, refused):
    incident = reported(clock)
    refused(incident, InvalidValueError, incident.complete_rectification, "done", [])
