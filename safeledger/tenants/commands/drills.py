"""Commands on emergency drills: plan, hold, reschedule, cancel, record findings."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from safeledger.tenants import context
from safeledger.tenants.commands.base import CommandBase, Recorded
from safeledger.tenants.drills import Drill
from safeledger.tenants.hazards import Hazard


class DrillCommands(CommandBase):
    """应急演练 through the ledger."""

    def plan_drill(self, tenant_id: UUID, kind: str, planned_on: date) -> Recorded:
        """Plan a drill of ``kind`` on ``planned_on``."""
        return self.create(
            tenant_id, lambda: Drill.plan(kind=kind, planned_on=planned_on)
        )

    def hold_drill(
        self, tenant_id: UUID, drill_id: UUID, version: int | None, **details: Any
    ) -> Recorded:
        """Record that the drill was held, with its figures and documents."""
        return self.change(
            Drill, tenant_id, drill_id, version, lambda d: d.hold(**details)
        )

    def reschedule_drill(
        self,
        tenant_id: UUID,
        drill_id: UUID,
        version: int | None,
        planned_on: date,
        reason: str,
    ) -> Recorded:
        """Move a planned drill to another date, for a reason."""
        return self.change(
            Drill,
            tenant_id,
            drill_id,
            version,
            lambda d: d.reschedule(planned_on, reason),
        )

    def cancel_drill(
        self, tenant_id: UUID, drill_id: UUID, version: int | None, reason: str
    ) -> Recorded:
        """Cancel a planned drill, for a reason."""
        return self.change(
            Drill, tenant_id, drill_id, version, lambda d: d.cancel(reason)
        )

    def log_drill_finding(
        self, tenant_id: UUID, drill_id: UUID, version: int | None, **hazard: Any
    ) -> Recorded:
        """Log a hazard the drill revealed and note it on the drill, atomically."""
        drill = self.load(Drill, tenant_id, drill_id)
        drill.ensure_version(version)
        with context.on_ledger(tenant_id):
            found = Hazard.log(**hazard)
            drill.record_finding(found.id, found.description)
        recorded = self.record(drill, found)
        return Recorded(
            drill.id,
            drill.version,
            recorded.application,
            recorded.notification_id,
            recorded.topics,
            created_id=found.id,
        )
