"""Commands on emergency drills: plan, hold, reschedule, cancel, record findings."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from uuid import UUID

from safeledger.tenants import context
from safeledger.tenants.commands.base import CommandBase, Recorded
from safeledger.tenants.drills import Drill
from safeledger.tenants.hazards import Hazard
from safeledger.tenants.values import DrillKind, HazardCategory, HazardSeverity


class DrillCommands(CommandBase):
    """应急演练 through the ledger."""

    def plan_drill(
        self, tenant_id: UUID, kind: DrillKind | str, planned_on: date
    ) -> Recorded:
        """Plan a drill of ``kind`` on ``planned_on``."""
        return self.create(
            tenant_id, lambda: Drill.plan(kind=kind, planned_on=planned_on)
        )

    def hold_drill(
        self,
        tenant_id: UUID,
        drill_id: UUID,
        version: int | None,
        *,
        held_at: datetime,
        participants: int,
        duration_minutes: int,
        evacuation_seconds: int | None,
        plan_digest: str,
        summary_digest: str,
        evaluation_digest: str,
        photo_digests: Iterable[str],
    ) -> Recorded:
        """Record that the drill was held, with its figures and documents."""
        return self.change(
            Drill,
            tenant_id,
            drill_id,
            version,
            lambda d: d.hold(
                held_at=held_at,
                participants=participants,
                duration_minutes=duration_minutes,
                evacuation_seconds=evacuation_seconds,
                plan_digest=plan_digest,
                summary_digest=summary_digest,
                evaluation_digest=evaluation_digest,
                photo_digests=photo_digests,
            ),
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
        self,
        tenant_id: UUID,
        drill_id: UUID,
        version: int | None,
        *,
        category: HazardCategory | str,
        severity: HazardSeverity | str,
        description: str,
        found_by: str,
        place: str | None = None,
        place_id: UUID | None = None,
        photo_digests: Iterable[str] = (),
    ) -> Recorded:
        """Log a hazard the drill revealed and note it on the drill, atomically."""
        drill = self.load(Drill, tenant_id, drill_id)
        drill.ensure_version(version)
        with context.on_ledger(tenant_id):
            found = Hazard.log(
                category=category,
                severity=severity,
                description=description,
                found_by=found_by,
                place=place,
                place_id=place_id,
                photo_digests=photo_digests,
            )
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
