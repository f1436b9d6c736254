"""Projects every event of every shard into ``audit_trail``."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from eventsourcing.persistence import Tracking
from eventsourcing.projection import Projection

from safeledger.projections.audit_trail.summaries import summary_of
from safeledger.projections.audit_trail.tables import audit_trail as t
from safeledger.projections.tracking import SQLTrackingRecorder


class AuditTrailProjection(Projection[SQLTrackingRecorder]):
    """Who did what, when, in whose ledger: every event, once."""

    name = "audit_trail"
    topics: tuple[str, ...] = ()  # every event
    tables = (t,)

    def process_event(self, domain_event: Any, tracking: Tracking) -> None:
        """Add the event's row, with its summary in words."""
        row = {
            "application": tracking.application_name,
            "notification_id": tracking.notification_id,
            "recorded_at": domain_event.timestamp,
            "tenant_id": getattr(domain_event, "tenant_id", None),
            "actor": str(getattr(domain_event, "actor", "") or "unknown")[:200],
            "request_id": getattr(domain_event, "request_id", None),
            "event_type": type(domain_event).__qualname__[:100],
            "aggregate_id": domain_event.originator_id,
            "aggregate_version": domain_event.originator_version,
            "summary": summary_of(domain_event),
        }
        self.view.record(tracking, lambda conn: conn.execute(sa.insert(t).values(row)))
