"""Emergency drills (应急演练): planned, then held, cancelled or rescheduled.

A held drill keeps its plan, summary, evaluation and photos as document digests
and records its evacuation time. Hazards its findings reveal are logged by the
application as :class:`~safeledger.tenants.hazards.Hazard` aggregates; the drill
records which hazard each finding became.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from enum import StrEnum
from uuid import UUID

from eventsourcing.domain import event

from safeledger.tenants.errors import ConflictError, InvalidValueError
from safeledger.tenants.hierarchy import clean_text
from safeledger.tenants.ledger import LedgerAggregate
from safeledger.tenants.values import (
    DrillKind,
    choice,
    count,
    digest,
    digests,
    given_reason,
    not_in_future,
)


class DrillState(StrEnum):
    PLANNED = "planned"
    HELD = "held"
    CANCELLED = "cancelled"


class DrillCancelledError(ConflictError):
    """A cancelled drill is neither held, rescheduled nor cancelled again."""

    rule = "cancelled_drill_unchanged"
    field = "state"


class DrillAlreadyHeldError(ConflictError):
    """A held drill is neither held again, rescheduled nor cancelled."""

    rule = "held_drill_unchanged"
    field = "state"


class DrillNotHeldError(ConflictError):
    """Findings come from a drill that has been held."""

    rule = "findings_after_drill_held"
    field = "state"


class FindingAlreadyRecordedError(ConflictError):
    """Each hazard is recorded once as a finding of the drill."""

    rule = "finding_recorded_once"
    field = "hazard_id"


class SameDateError(InvalidValueError):
    """Rescheduling moves the drill to another date."""

    rule = "rescheduled_to_another_date"
    field = "planned_on"


class EvacuationTooLongError(InvalidValueError):
    """The evacuation is part of the drill, so it fits within its duration."""

    rule = "evacuation_within_duration"
    field = "evacuation_seconds"


class Drill(LedgerAggregate):
    """An emergency drill of one tenant (usually a school)."""

    @event("Planned")
    def __init__(self, *, kind: str, planned_on: str) -> None:
        self.kind = DrillKind(kind)
        self._planned_on = planned_on
        self.state = DrillState.PLANNED
        self.held_at: datetime | None = None
        self.participants: int | None = None
        self.duration_minutes: int | None = None
        self.evacuation_seconds: int | None = None
        self.documents: dict[str, str] = {}
        self.photo_digests: list[str] = []
        self.cancel_reason: str | None = None
        self.findings: dict[UUID, str] = {}

    @classmethod
    def plan(cls, *, kind: DrillKind | str, planned_on: date) -> Drill:
        """Plan a drill of ``kind`` for the date ``planned_on``."""
        return cls(
            kind=choice(DrillKind, kind, "kind").value,
            planned_on=_checked_date(planned_on).isoformat(),
        )

    @property
    def planned_on(self) -> date:
        """The date the drill is planned for."""
        return date.fromisoformat(self._planned_on)

    def hold(
        self,
        *,
        held_at: datetime,
        participants: int,
        duration_minutes: int,
        evacuation_seconds: int | None,
        plan_digest: str,
        summary_digest: str,
        evaluation_digest: str,
        photo_digests: Iterable[str],
    ) -> None:
        """Record that the drill was held, with its figures and documents."""
        self._ensure_planned()
        not_in_future(held_at, "held_at")
        participants = count(participants, "participants", minimum=1)
        duration_minutes = count(
            duration_minutes, "duration_minutes", minimum=1, maximum=24 * 60
        )
        if evacuation_seconds is not None:
            count(evacuation_seconds, "evacuation_seconds", minimum=1)
            if evacuation_seconds > duration_minutes * 60:
                raise EvacuationTooLongError(
                    "the evacuation cannot take longer than the whole drill"
                )
        self._held(
            held_at=held_at,
            participants=participants,
            duration_minutes=duration_minutes,
            evacuation_seconds=evacuation_seconds,
            plan_digest=digest(plan_digest, "plan_digest"),
            summary_digest=digest(summary_digest, "summary_digest"),
            evaluation_digest=digest(evaluation_digest, "evaluation_digest"),
            photo_digests=digests(photo_digests, "photo_digests", at_least=1),
        )

    @event("Held")
    def _held(
        self,
        held_at: datetime,
        participants: int,
        duration_minutes: int,
        evacuation_seconds: int | None,
        plan_digest: str,
        summary_digest: str,
        evaluation_digest: str,
        photo_digests: list[str],
    ) -> None:
        self.state = DrillState.HELD
        self.held_at = held_at
        self.participants = participants
        self.duration_minutes = duration_minutes
        self.evacuation_seconds = evacuation_seconds
        self.documents = {
            "plan": plan_digest,
            "summary": summary_digest,
            "evaluation": evaluation_digest,
        }
        self.photo_digests = list(photo_digests)

    def reschedule(self, planned_on: date, reason: str) -> None:
        """Move a planned drill to another date, for a stated reason."""
        self._ensure_planned()
        planned_on = _checked_date(planned_on)
        why = given_reason(reason)
        if planned_on == self.planned_on:
            raise SameDateError(f"the drill is already planned for {planned_on}")
        self._rescheduled(
            planned_on=planned_on.isoformat(),
            previous_planned_on=self._planned_on,
            reason=why,
        )

    @event("Rescheduled")
    def _rescheduled(
        self, planned_on: str, previous_planned_on: str, reason: str
    ) -> None:
        self._planned_on = planned_on

    def cancel(self, reason: str) -> None:
        """Call the planned drill off, for a stated reason."""
        self._ensure_planned()
        self._cancelled(reason=given_reason(reason))

    @event("Cancelled")
    def _cancelled(self, reason: str) -> None:
        self.state = DrillState.CANCELLED
        self.cancel_reason = reason

    def record_finding(self, hazard_id: UUID, description: str) -> None:
        """Note that a finding of the held drill was logged as hazard ``hazard_id``."""
        if self.state is not DrillState.HELD:
            raise DrillNotHeldError(
                f"a {self.state.value} drill has no findings to record"
            )
        if hazard_id in self.findings:
            raise FindingAlreadyRecordedError(
                f"hazard {hazard_id} is already a finding of this drill"
            )
        self._finding_recorded(
            hazard_id=hazard_id,
            description=clean_text(description, "description", 2000),
        )

    @event("FindingRecorded")
    def _finding_recorded(self, hazard_id: UUID, description: str) -> None:
        self.findings[hazard_id] = description

    def _ensure_planned(self) -> None:
        if self.state is DrillState.CANCELLED:
            raise DrillCancelledError("the drill was cancelled")
        if self.state is DrillState.HELD:
            raise DrillAlreadyHeldError("the drill has already been held")


def _checked_date(value: date) -> date:
    # A datetime is a date too, but a plan is for a day, not a moment.
    if not isinstance(value, date) or isinstance(value, datetime):
        raise InvalidValueError("planned_on must be a date", field="planned_on")
    return value
