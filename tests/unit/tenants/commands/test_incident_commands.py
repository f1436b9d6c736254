"""Incidents through the ledger: report, follow up, close under 四不放过."""

from __future__ import annotations

from datetime import timedelta

from safeledger.tenants import context
from safeledger.tenants.incidents import FourNoLetGoError, Incident
from tests.unit.tenants.commands.conftest import DIGEST


def reported(ledger, school):
    return ledger.report_incident(
        school,
        occurred_at=context.now() - timedelta(minutes=20),
        category="sports_injury",
        severity="general",
        deaths=0,
        injuries=1,
        description="体育课摔伤",
        channel="verbal",
        reporter="班主任",
    ).aggregate_id


def test_an_incident_closes_once_all_four_conditions_hold(ledger, tenants):
    school, incident = tenants.school, reported(ledger, tenants.school)
    ledger.file_written_report(school, incident, None, document_digest=DIGEST)
    ledger.update_casualties(school, incident, None, deaths=0, injuries=2, note="复查")
    ledger.determine_cause(school, incident, None, cause="场地湿滑")
    ledger.handle_responsible_persons(
        school, incident, None, persons=["体育老师"], measures="批评教育"
    )
    ledger.complete_rectification(
        school, incident, None, summary="铺设防滑垫", evidence_digests=[DIGEST]
    )
    ledger.hold_education(school, incident, None, summary="安全课", participants=40)
    ledger.close_incident(school, incident, None)
    loaded = ledger.load(Incident, school, incident)
    assert (loaded.closed, loaded.injuries) == (True, 2)
    assert loaded.written_report_digest == DIGEST


def test_an_incident_without_its_cause_is_not_closed(ledger, tenants, nothing_recorded):
    incident = reported(ledger, tenants.school)
    error = nothing_recorded(
        FourNoLetGoError, ledger.close_incident, tenants.school, incident, None
    )
    assert "cause_found" in error.missing
