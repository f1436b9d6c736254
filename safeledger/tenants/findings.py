"""Findings of the deadline sweeps: what was found late, recorded once per deadline.

A sweep recomputes what is overdue or late from the ledger; each result is a
``Finding`` whose id is derived from (tenant, subject, rule, due), so a second or
a concurrent sweep that finds the same thing cannot record it again: the store
refuses the second version 1 of the same aggregate.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any
from uuid import UUID, uuid5

from eventsourcing.domain import event

from safeledger.tenants import context
from safeledger.tenants.ledger import LedgerAggregate

FINDING_NAMESPACE = UUID("6f1c2a4e-93b1-4c55-9a7e-2f0d3c8b5e11")


class FindingRule(StrEnum):
    HAZARD_DUE_SOON = "hazard_due_soon"
    HAZARD_OVERDUE = "hazard_overdue"
    INCIDENT_VERBAL_REPORT_LATE = "incident_verbal_report_late"
    INCIDENT_WRITTEN_REPORT_LATE = "incident_written_report_late"
    DRILL_REQUIREMENT_MISSED = "drill_requirement_missed"
    MONTHLY_REPORT_MISSED = "monthly_report_missed"


def finding_id(tenant_id: UUID, subject_id: UUID, rule: str, due: str) -> UUID:
    """The one id a finding of ``rule`` about ``subject_id`` due at ``due`` has."""
    return uuid5(FINDING_NAMESPACE, f"{tenant_id.hex}/{subject_id.hex}/{rule}/{due}")


class Finding(LedgerAggregate):
    """Something a sweep found past its deadline (or about to be)."""

    label = "finding"

    @staticmethod
    def create_id(rule: str, subject_id: UUID, due: str) -> UUID:
        """Derived from the tenant, subject, rule and deadline: found once."""
        return finding_id(context.current_ledger(), subject_id, rule, due)

    @event("Recorded")
    def __init__(
        self,
        *,
        rule: str,
        subject_kind: str,
        subject_id: UUID,
        due: str,
        detail: dict[str, Any],
    ) -> None:
        self.rule = FindingRule(rule)
        self.subject_kind = subject_kind
        self.subject_id = subject_id
        self.due = due
        self.detail = dict(detail)

    @classmethod
    def record(
        cls,
        *,
        rule: FindingRule | str,
        subject_kind: str,
        subject_id: UUID,
        due: str,
        detail: dict[str, Any] | None = None,
    ) -> Finding:
        """A finding of ``rule`` about ``subject_id``, whose deadline was ``due``."""
        return cls(
            rule=FindingRule(rule).value,
            subject_kind=subject_kind,
            subject_id=subject_id,
            due=due,
            detail=detail or {},
        )
