"""Hazard finding and rectification (安全隐患排查整改), from logging to 销号.

logged → assigned (owner, supervisor, deadline) → rectifying (interim measures)
→ reported (with evidence) → verified by the supervisor, who is never the owner,
or rejected back to assigned → closed. A major hazard (重大隐患) needs the
"five in place" (五到位) when it is assigned and may be escalated to an upper
tenant that supervises it (挂牌督办).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from enum import StrEnum
from uuid import UUID

from eventsourcing.domain import event

from safeledger.tenants import context
from safeledger.tenants.errors import ConflictError, InvalidValueError
from safeledger.tenants.hierarchy import clean_text
from safeledger.tenants.ledger import LedgerAggregate
from safeledger.tenants.values import (
    HazardCategory,
    HazardSeverity,
    aware,
    choice,
    digests,
    given_reason,
)


class HazardState(StrEnum):
    LOGGED = "logged"
    ASSIGNED = "assigned"
    RECTIFYING = "rectifying"
    REPORTED = "reported"
    VERIFIED = "verified"
    CLOSED = "closed"


# Before verification the owner still owes the rectification, so a deadline runs.
OPEN_FOR_RECTIFICATION = (HazardState.ASSIGNED, HazardState.RECTIFYING)


class HazardStateError(ConflictError):
    """The hazard's state does not allow the command."""

    rule = "hazard_transition_allowed"
    field = "state"


class NotVerifiedError(HazardStateError):
    """A hazard is closed (销号) only after its rectification was verified."""

    rule = "closed_only_after_verification"


class SupervisorIsOwnerError(InvalidValueError):
    """The supervisor (督查人) and the owner (整改责任人) are different people."""

    rule = "supervisor_not_owner"
    field = "supervisor"


class VerifierIsOwnerError(ConflictError):
    """Nobody verifies their own rectification."""

    rule = "verifier_not_owner"
    field = "verifier"


class VerifierNotSupervisorError(ConflictError):
    """Only the assigned supervisor verifies or rejects the rectification."""

    rule = "verified_by_supervisor"
    field = "verifier"


class VerifierIsReporterError(ConflictError):
    """The account that reported the rectification does not also verify it."""

    rule = "verifier_not_reporter"
    field = "verifier"


class VerifierNotSupervisorAccountError(ConflictError):
    """A supervisor with an account verifies with that account, nobody else's."""

    rule = "verified_by_supervisors_account"
    field = "verifier"


class FiveInPlaceError(InvalidValueError):
    """A major hazard needs measures, funds, deadline, owner and contingency plan."""

    rule = "five_in_place_for_major"


class DeadlinePassedError(InvalidValueError):
    """A rectification deadline lies ahead when it is set."""

    rule = "deadline_in_future"
    field = "deadline"


class DeadlineNotLaterError(InvalidValueError):
    """An extension moves the deadline later."""

    rule = "extended_deadline_later"
    field = "deadline"


class PlaceRequiredError(InvalidValueError):
    """A hazard is found somewhere: a described place or a grid cell."""

    rule = "place_or_grid_cell"
    field = "place"


class EscalationError(ConflictError):
    """Only an open major hazard is escalated, once, to a tenant above its own."""

    rule = "major_escalated_once_upwards"


class Hazard(LedgerAggregate):
    """A hazard found on a tenant's premises and its rectification."""

    @event("Logged")
    def __init__(
        self,
        *,
        category: str,
        severity: str,
        description: str,
        place: str | None,
        place_id: UUID | None,
        found_by: str,
        photo_digests: list[str],
    ) -> None:
        self.category = HazardCategory(category)
        self.severity = HazardSeverity(severity)
        self.description = description
        self.place = place
        self.place_id = place_id
        self.found_by = found_by
        self.photo_digests = list(photo_digests)
        self.state = HazardState.LOGGED
        self.owner: str | None = None
        self.supervisor: str | None = None
        self.supervisor_account: str | None = None
        self.reported_by: str | None = None
        self.deadline: datetime | None = None
        self.five_in_place: dict[str, str | None] = {}
        self.interim_measures: list[str] = []
        self.evidence_digests: list[str] = []
        self.escalated_to: UUID | None = None

    @classmethod
    def log(
        cls,
        *,
        category: HazardCategory | str,
        severity: HazardSeverity | str,
        description: str,
        found_by: str,
        place: str | None = None,
        place_id: UUID | None = None,
        photo_digests: Iterable[str] = (),
    ) -> Hazard:
        """Log a hazard found at ``place`` or in grid cell ``place_id``."""
        if place_id is None and not (place or "").strip():
            raise PlaceRequiredError("say where the hazard is: a place or a grid cell")
        return cls(
            category=choice(HazardCategory, category, "category").value,
            severity=choice(HazardSeverity, severity, "severity").value,
            description=clean_text(description, "description", 2000),
            place=clean_text(place, "place", 200) if place else None,
            place_id=place_id,
            found_by=clean_text(found_by, "found_by", 200),
            photo_digests=digests(photo_digests, "photo_digests"),
        )

    @property
    def major(self) -> bool:
        """Whether this is a major hazard (重大隐患)."""
        return self.severity is HazardSeverity.MAJOR

    def assign(
        self,
        *,
        owner: str,
        supervisor: str,
        deadline: datetime,
        measures: str | None = None,
        funds: str | None = None,
        contingency_plan: str | None = None,
        supervisor_account: str | None = None,
    ) -> None:
        """Name the owner, the supervisor and the deadline (and 五到位 if major);
        ``supervisor_account`` is the actor the supervisor signs in as, if any."""
        self._ensure_state("assign", HazardState.LOGGED)
        owner = clean_text(owner, "owner", 200)
        supervisor = clean_text(supervisor, "supervisor", 200)
        if owner == supervisor:
            raise SupervisorIsOwnerError("the supervisor cannot also own the hazard")
        if aware(deadline, "deadline") <= context.now():
            raise DeadlinePassedError("the deadline must be in the future")
        plan = {
            "measures": _optional_text(measures, "measures"),
            "funds": _optional_text(funds, "funds"),
            "contingency_plan": _optional_text(contingency_plan, "contingency_plan"),
        }
        missing = [key for key, value in plan.items() if value is None]
        if self.major and missing:
            raise FiveInPlaceError(
                "a major hazard needs all five in place (五到位); missing: "
                + ", ".join(missing),
                field=missing[0],
            )
        self._assigned(
            owner=owner,
            supervisor=supervisor,
            deadline=deadline,
            supervisor_account=supervisor_account,
            **plan,
        )

    @event("Assigned")
    def _assigned(
        self,
        owner: str,
        supervisor: str,
        deadline: datetime,
        measures: str | None,
        funds: str | None,
        contingency_plan: str | None,
        supervisor_account: str | None = None,  # absent from older events
    ) -> None:
        self.owner = owner
        self.supervisor = supervisor
        self.supervisor_account = supervisor_account
        self.deadline = deadline
        self.five_in_place = {
            "measures": measures,
            "funds": funds,
            "contingency_plan": contingency_plan,
        }
        self.state = HazardState.ASSIGNED

    def take_interim_measure(self, measure: str) -> None:
        """Record a temporary measure taken while the rectification is under way."""
        self._ensure_state("take measures on", *OPEN_FOR_RECTIFICATION)
        self._interim_measure_taken(measure=clean_text(measure, "measure", 1000))

    @event("InterimMeasureTaken")
    def _interim_measure_taken(self, measure: str) -> None:
        self.interim_measures.append(measure)
        self.state = HazardState.RECTIFYING

    def extend_deadline(self, deadline: datetime, reason: str) -> None:
        """Move the deadline later, for a stated reason."""
        self._ensure_state("extend the deadline of", *OPEN_FOR_RECTIFICATION)
        why = given_reason(reason)
        assert self.deadline is not None
        if aware(deadline, "deadline") <= self.deadline:
            raise DeadlineNotLaterError("an extended deadline must be later")
        self._deadline_extended(
            deadline=deadline, previous_deadline=self.deadline, reason=why
        )

    @event("DeadlineExtended")
    def _deadline_extended(
        self, deadline: datetime, previous_deadline: datetime, reason: str
    ) -> None:
        self.deadline = deadline

    def report_rectification(
        self, summary: str, evidence_digests: Iterable[str]
    ) -> None:
        """The owner reports the rectification done, with evidence."""
        self._ensure_state("report the rectification of", *OPEN_FOR_RECTIFICATION)
        summary = clean_text(summary, "summary", 2000)
        evidence = digests(evidence_digests, "evidence_digests", at_least=1)
        self._rectification_reported(
            summary=summary,
            evidence_digests=evidence,
            reported_by=context.current_actor(),
        )

    @event("RectificationReported")
    def _rectification_reported(
        self,
        summary: str,
        evidence_digests: list[str],
        reported_by: str | None = None,  # absent from older events
    ) -> None:
        self.evidence_digests = list(evidence_digests)
        self.reported_by = reported_by
        self.state = HazardState.REPORTED

    def verify(self, verifier: str, note: str = "") -> None:
        """The supervisor confirms the rectification."""
        self._ensure_state("verify", HazardState.REPORTED)
        verifier = self._checked_verifier(verifier)
        self._verified(verifier=verifier, note=(note or "").strip()[:2000])

    @event("Verified")
    def _verified(self, verifier: str, note: str) -> None:
        self.state = HazardState.VERIFIED

    def reject(self, verifier: str, reason: str) -> None:
        """The supervisor sends the rectification back to the owner."""
        self._ensure_state("reject", HazardState.REPORTED)
        verifier = self._checked_verifier(verifier)
        self._rejected(verifier=verifier, reason=given_reason(reason))

    @event("Rejected")
    def _rejected(self, verifier: str, reason: str) -> None:
        self.state = HazardState.ASSIGNED

    def close(self) -> None:
        """Close the hazard (销号) once its rectification was verified."""
        if self.state is not HazardState.VERIFIED:
            raise NotVerifiedError(
                f"a {self.state.value} hazard cannot be closed: verify it first"
            )
        self._closed()

    @event("Closed")
    def _closed(self) -> None:
        self.state = HazardState.CLOSED

    def escalate(
        self, upper_tenant_id: UUID, ancestor_ids: list[UUID], reason: str
    ) -> None:
        """Put a major hazard under an upper tenant's supervision (挂牌督办)."""
        if not self.major:
            raise EscalationError("only a major hazard is escalated", field="severity")
        if self.state in (HazardState.VERIFIED, HazardState.CLOSED):
            raise EscalationError(
                f"a {self.state.value} hazard is not escalated", field="state"
            )
        if self.escalated_to is not None:
            raise EscalationError("the hazard is already escalated", field="state")
        if upper_tenant_id not in ancestor_ids:
            raise EscalationError(
                "a hazard is escalated to a tenant above its own",
                field="upper_tenant_id",
            )
        self._escalated(upper_tenant_id=upper_tenant_id, reason=given_reason(reason))

    @event("Escalated")
    def _escalated(self, upper_tenant_id: UUID, reason: str) -> None:
        self.escalated_to = upper_tenant_id

    def is_overdue(self, at: datetime) -> bool:
        """Whether the rectification is still owed after its deadline at ``at``."""
        aware(at, "at")
        return (
            self.state in OPEN_FOR_RECTIFICATION
            and self.deadline is not None
            and at > self.deadline
        )

    def _checked_verifier(self, verifier: str) -> str:
        # The typed name is what the record shows; who acts is the account.
        actor = context.current_actor()
        if actor == getattr(self, "reported_by", None):
            raise VerifierIsReporterError(
                "the account that reported the rectification cannot verify it"
            )
        account = getattr(self, "supervisor_account", None)
        if account is not None and actor != account:
            raise VerifierNotSupervisorAccountError(
                f"only the supervisor's own account ({account}) verifies this hazard"
            )
        verifier = clean_text(verifier, "verifier", 200)
        if verifier == self.owner:
            raise VerifierIsOwnerError(
                "the owner cannot verify their own rectification"
            )
        if verifier != self.supervisor:
            raise VerifierNotSupervisorError(
                f"only the supervisor, {self.supervisor}, verifies this hazard"
            )
        return verifier

    def _ensure_state(self, action: str, *allowed: HazardState) -> None:
        if self.state not in allowed:
            raise HazardStateError(f"cannot {action} a {self.state.value} hazard")


def _optional_text(value: str | None, field: str) -> str | None:
    return clean_text(value, field, 2000) if (value or "").strip() else None
