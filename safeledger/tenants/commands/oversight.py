"""Commands of oversight: sweep findings and accountability cases (问责)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import UUID

from safeledger.tenants.accountability import (
    AccountabilityCase,
    CaseDecision,
    CaseReason,
)
from safeledger.tenants.commands.base import AlreadyRecordedError, CommandBase, Recorded
from safeledger.tenants.drills import Drill
from safeledger.tenants.errors import InvalidValueError, StaleVersionError
from safeledger.tenants.findings import Finding, FindingRule
from safeledger.tenants.hazards import Hazard
from safeledger.tenants.incidents import Incident
from safeledger.tenants.ledger import LedgerAggregate

# What a case opened by hand may be about: a record of the tenant, or the tenant.
SUBJECTS = {"hazard": Hazard, "incident": Incident, "drill": Drill}


class OversightCommands(CommandBase):
    """Findings are recorded once; cases are opened once per subject and reason."""

    def record_finding(
        self,
        tenant_id: UUID,
        *,
        rule: FindingRule | str,
        subject_kind: str,
        subject_id: UUID,
        due: str,
        detail: dict[str, Any] | None = None,
    ) -> Recorded | None:
        """Record a sweep's finding; None when it was recorded already."""
        return self._once(
            tenant_id,
            lambda: Finding.record(
                rule=rule,
                subject_kind=subject_kind,
                subject_id=subject_id,
                due=due,
                detail=detail,
            ),
        )

    def open_case_once(
        self,
        tenant_id: UUID,
        *,
        subject_kind: str,
        subject_id: UUID,
        reason: CaseReason | str,
        summary: str,
        finding_id: UUID | None = None,
    ) -> Recorded | None:
        """Open a case automatically; None when it is open already."""
        return self._once(
            tenant_id,
            lambda: AccountabilityCase.open(
                subject_kind=subject_kind,
                subject_id=subject_id,
                reason=reason,
                summary=summary,
                finding_id=finding_id,
                automatic=True,
            ),
        )

    def open_case(
        self,
        tenant_id: UUID,
        *,
        subject_kind: str,
        subject_id: UUID,
        reason: CaseReason | str,
        summary: str,
    ) -> Recorded:
        """An official opens a case by hand; the same subject and reason → 409."""
        if subject_kind in SUBJECTS:
            self.load(SUBJECTS[subject_kind], tenant_id, subject_id)
        elif subject_kind == "tenant" and subject_id != tenant_id:
            raise InvalidValueError(
                "a case about the tenant names the tenant itself", field="subject_id"
            )
        return self.create(
            tenant_id,
            lambda: AccountabilityCase.open(
                subject_kind=subject_kind,
                subject_id=subject_id,
                reason=reason,
                summary=summary,
            ),
        )

    def decide_case(
        self,
        tenant_id: UUID,
        case_id: UUID,
        version: int | None,
        decision: CaseDecision | str,
        note: str,
    ) -> Recorded:
        """Record a case's decision (notice, interview, warning, referral)."""
        return self.change(
            AccountabilityCase,
            tenant_id,
            case_id,
            version,
            lambda case: case.decide(decision, note),
        )

    def close_case(
        self, tenant_id: UUID, case_id: UUID, version: int | None, conclusion: str
    ) -> Recorded:
        """Close a decided case."""
        return self.change(
            AccountabilityCase,
            tenant_id,
            case_id,
            version,
            lambda case: case.close(conclusion),
        )

    def _once(
        self, tenant_id: UUID, build: Callable[[], LedgerAggregate]
    ) -> Recorded | None:
        # The id is derived from the natural key, so a concurrent sweep's copy
        # collides in the store: whoever appends second records nothing.
        try:
            return self.create(tenant_id, build)
        except (AlreadyRecordedError, StaleVersionError):
            return None
