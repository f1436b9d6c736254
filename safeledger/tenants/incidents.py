"""Safety incidents (安全事故): reported, followed up, closed under 四不放过.

The reported-at time is the server's clock when the report was recorded (the
event's timestamp), never a time the reporter supplies, because late reports
(迟报) are judged by it. An incident closes only when its cause is found, the
responsible people are handled, the rectification is done and the people
concerned are educated.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from eventsourcing.domain import event

from safeledger.tenants.errors import ConflictError, InvalidValueError
from safeledger.tenants.hierarchy import clean_text
from safeledger.tenants.ledger import LedgerAggregate
from safeledger.tenants.values import (
    IncidentCategory,
    IncidentSeverity,
    ReportChannel,
    choice,
    count,
    digest,
    digests,
    not_in_future,
)

# The four conditions of 四不放过, in the order the error names them.
CLOSING_CONDITIONS = (
    "cause_found",
    "responsible_handled",
    "rectification_done",
    "people_educated",
)


class IncidentClosedError(ConflictError):
    """A closed incident takes no further changes."""

    rule = "closed_incident_unchanged"
    field = "state"


class WrittenReportAlreadyFiledError(ConflictError):
    """An incident has one written report."""

    rule = "written_report_filed_once"
    field = "document_digest"


class FourNoLetGoError(ConflictError):
    """An incident closes only when all four conditions of 四不放过 hold."""

    rule = "four_no_let_go"

    def __init__(self, missing: list[str]) -> None:
        super().__init__(
            "the incident cannot be closed until 四不放过 holds; missing: "
            + ", ".join(missing),
            field=missing[0],
        )
        self.missing = missing


class Incident(LedgerAggregate):
    """A safety incident of one tenant, from first report to closing."""

    @event("Reported")
    def __init__(
        self,
        *,
        occurred_at: datetime,
        category: str,
        severity: str,
        deaths: int,
        injuries: int,
        description: str,
        channel: str,
        reporter: str,
        document_digest: str | None,
    ) -> None:
        self.occurred_at = occurred_at
        self.category = IncidentCategory(category)
        self.severity = IncidentSeverity(severity)
        self.deaths = deaths
        self.injuries = injuries
        self.description = description
        self.channel = ReportChannel(channel)
        self.reporter = reporter
        self.reported_at = self.created_on
        written = self.channel is ReportChannel.WRITTEN
        self.written_report_digest = document_digest if written else None
        self.written_report_at = self.created_on if written else None
        self.cause: str | None = None
        self.responsible_persons: list[str] = []
        self.handling: str | None = None
        self.rectification_evidence: list[str] = []
        self.rectification: str | None = None
        self.education: str | None = None
        self.closed = False

    @classmethod
    def report(
        cls,
        *,
        occurred_at: datetime,
        category: IncidentCategory | str,
        severity: IncidentSeverity | str,
        deaths: int,
        injuries: int,
        description: str,
        channel: ReportChannel | str,
        reporter: str,
        document_digest: str | None = None,
    ) -> Incident:
        """Report an incident; a written report comes with its document's digest."""
        channel = choice(ReportChannel, channel, "channel")
        if channel is ReportChannel.WRITTEN:
            document_digest = digest(document_digest, "document_digest")
        elif document_digest is not None:
            raise InvalidValueError(
                "a verbal report has no document; file the written report later",
                field="document_digest",
            )
        return cls(
            occurred_at=not_in_future(occurred_at, "occurred_at"),
            category=choice(IncidentCategory, category, "category").value,
            severity=choice(IncidentSeverity, severity, "severity").value,
            deaths=count(deaths, "deaths"),
            injuries=count(injuries, "injuries"),
            description=clean_text(description, "description", 4000),
            channel=channel.value,
            reporter=clean_text(reporter, "reporter", 200),
            document_digest=document_digest,
        )

    def file_written_report(self, document_digest: str) -> None:
        """File the written report that follows a verbal one."""
        self._ensure_open()
        if self.written_report_digest is not None:
            raise WrittenReportAlreadyFiledError("the written report is already filed")
        self._written_report_filed(
            document_digest=digest(document_digest, "document_digest")
        )

    @event("WrittenReportFiled")
    def _written_report_filed(
        self, document_digest: str, timestamp: datetime | None = None
    ) -> None:
        # ``timestamp`` is the event's own: the server's clock at filing, which
        # decides whether the written report was late. Callers never pass it.
        self.written_report_digest = document_digest
        self.written_report_at = timestamp

    def update_casualties(self, *, deaths: int, injuries: int, note: str) -> None:
        """Correct the numbers of dead and injured as they become known."""
        self._ensure_open()
        self._casualties_updated(
            deaths=count(deaths, "deaths"),
            injuries=count(injuries, "injuries"),
            note=clean_text(note, "note", 1000),
        )

    @event("CasualtiesUpdated")
    def _casualties_updated(self, deaths: int, injuries: int, note: str) -> None:
        self.deaths = deaths
        self.injuries = injuries

    def determine_cause(self, cause: str) -> None:
        """Record the cause the investigation found (a later finding replaces it)."""
        self._ensure_open()
        self._cause_determined(cause=clean_text(cause, "cause", 4000))

    @event("CauseDetermined")
    def _cause_determined(self, cause: str) -> None:
        self.cause = cause

    def handle_responsible_persons(self, persons: Iterable[str], measures: str) -> None:
        """Record who was held responsible and how they were dealt with."""
        self._ensure_open()
        self._responsible_persons_handled(
            persons=[clean_text(person, "persons", 200) for person in persons],
            measures=clean_text(measures, "measures", 4000),
        )

    @event("ResponsiblePersonsHandled")
    def _responsible_persons_handled(self, persons: list[str], measures: str) -> None:
        self.responsible_persons = list(persons)
        self.handling = measures

    def complete_rectification(
        self, summary: str, evidence_digests: Iterable[str]
    ) -> None:
        """Record the rectification done after the incident, with evidence."""
        self._ensure_open()
        self._rectification_completed(
            summary=clean_text(summary, "summary", 4000),
            evidence_digests=digests(evidence_digests, "evidence_digests", at_least=1),
        )

    @event("RectificationCompleted")
    def _rectification_completed(
        self, summary: str, evidence_digests: list[str]
    ) -> None:
        self.rectification = summary
        self.rectification_evidence = list(evidence_digests)

    def hold_education(self, summary: str, participants: int) -> None:
        """Record the safety education given to the people concerned."""
        self._ensure_open()
        self._education_held(
            summary=clean_text(summary, "summary", 4000),
            participants=count(participants, "participants", minimum=1),
        )

    @event("EducationHeld")
    def _education_held(self, summary: str, participants: int) -> None:
        self.education = summary

    @property
    def closing_conditions(self) -> dict[str, bool]:
        """Which conditions of 四不放过 hold so far."""
        return {
            "cause_found": self.cause is not None,
            "responsible_handled": self.handling is not None,
            "rectification_done": self.rectification is not None,
            "people_educated": self.education is not None,
        }

    def close(self) -> None:
        """Close the incident once all four conditions of 四不放过 hold."""
        self._ensure_open()
        conditions = self.closing_conditions
        missing = [name for name in CLOSING_CONDITIONS if not conditions[name]]
        if missing:
            raise FourNoLetGoError(missing)
        self._closed()

    @event("Closed")
    def _closed(self) -> None:
        self.closed = True

    def _ensure_open(self) -> None:
        if self.closed:
            raise IncidentClosedError("the incident has been closed")
