"""Accountability cases (问责): opened, decided, closed — each step on the record.

A sweep opens a case by itself for a late incident report (迟报) and for a hazard
left overdue beyond the grace period; an official opens one by hand (谎报, 瞒报,
anything else). The case id derives from (tenant, subject, reason), so a subject
is never in two cases for the same reason, however many sweeps run.
"""

from __future__ import annotations

from enum import StrEnum
from uuid import UUID, uuid5

from eventsourcing.domain import event

from safeledger.tenants import context
from safeledger.tenants.errors import ConflictError
from safeledger.tenants.hierarchy import clean_text
from safeledger.tenants.ledger import LedgerAggregate
from safeledger.tenants.values import choice, given_reason

CASE_NAMESPACE = UUID("b2d7e0c4-5a19-4f63-8e2b-7c41d9a0f356")


class CaseReason(StrEnum):
    LATE_INCIDENT_REPORT = "late_incident_report"  # 迟报
    HAZARD_OVERDUE = "hazard_overdue"  # 隐患逾期未整改
    FALSE_REPORT = "false_report"  # 谎报
    CONCEALED_REPORT = "concealed_report"  # 瞒报
    OTHER = "other"


class CaseDecision(StrEnum):
    NOTICE = "notice"  # 通报
    INTERVIEW = "interview"  # 约谈
    WARNING = "warning"  # 警告
    REFERRAL = "referral"  # 移送


class CaseState(StrEnum):
    OPEN = "open"
    DECIDED = "decided"
    CLOSED = "closed"


class CaseStateError(ConflictError):
    """A case is decided once while open, and closed only once decided."""

    rule = "case_decided_then_closed"
    field = "state"


def case_id(tenant_id: UUID, subject_id: UUID, reason: str) -> UUID:
    """The one id a case about ``subject_id`` for ``reason`` has in a tenant."""
    return uuid5(CASE_NAMESPACE, f"{tenant_id.hex}/{subject_id.hex}/{reason}")


class AccountabilityCase(LedgerAggregate):
    """One accountability case about one subject (an incident, a hazard, a school)."""

    label = "case"

    @staticmethod
    def create_id(subject_id: UUID, reason: str) -> UUID:
        """Derived from the tenant, the subject and the reason: opened once."""
        return case_id(context.current_ledger(), subject_id, reason)

    @event("Opened")
    def __init__(
        self,
        *,
        subject_kind: str,
        subject_id: UUID,
        reason: str,
        summary: str,
        finding_id: UUID | None,
        automatic: bool,
    ) -> None:
        self.subject_kind = subject_kind
        self.subject_id = subject_id
        self.reason = CaseReason(reason)
        self.summary = summary
        self.finding_id = finding_id
        self.automatic = automatic
        self.state = CaseState.OPEN
        self.decision: CaseDecision | None = None

    @classmethod
    def open(
        cls,
        *,
        subject_kind: str,
        subject_id: UUID,
        reason: CaseReason | str,
        summary: str,
        finding_id: UUID | None = None,
        automatic: bool = False,
    ) -> AccountabilityCase:
        """Open a case about ``subject_id`` for ``reason``."""
        return cls(
            subject_kind=clean_text(subject_kind, "subject_kind", 32),
            subject_id=subject_id,
            reason=choice(CaseReason, reason, "reason").value,
            summary=clean_text(summary, "summary", 2000),
            finding_id=finding_id,
            automatic=automatic,
        )

    def decide(self, decision: CaseDecision | str, note: str) -> None:
        """Record the decision: notice, interview, warning or referral."""
        if self.state is not CaseState.OPEN:
            raise CaseStateError(f"a {self.state.value} case takes no new decision")
        self._decided(
            decision=choice(CaseDecision, decision, "decision").value,
            note=given_reason(note, "note", 2000),
        )

    @event("Decided")
    def _decided(self, decision: str, note: str) -> None:
        self.decision = CaseDecision(decision)
        self.state = CaseState.DECIDED

    def close(self, conclusion: str) -> None:
        """Close a decided case with its conclusion."""
        if self.state is not CaseState.DECIDED:
            raise CaseStateError(f"a {self.state.value} case cannot be closed")
        self._closed(conclusion=given_reason(conclusion, "conclusion", 2000))

    @event("Closed")
    def _closed(self, conclusion: str) -> None:
        self.state = CaseState.CLOSED
