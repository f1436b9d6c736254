"""Projects grant events into ``role_grants``."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from eventsourcing.dispatch import singledispatchmethod
from eventsourcing.persistence import Tracking
from eventsourcing.projection import Projection
from eventsourcing.utils import get_topic

from safeledger.projections.grants.tables import role_grants as g
from safeledger.projections.tracking import SQLTrackingRecorder
from safeledger.tenants.grants import RoleGrant


class GrantsProjection(Projection[SQLTrackingRecorder]):
    """Who holds which role on which tenant, now."""

    name = "grants"
    topics = tuple(
        get_topic(cls)
        for cls in (RoleGrant.Granted, RoleGrant.Renewed, RoleGrant.Revoked)
    )
    tables = (g,)

    @singledispatchmethod
    def process_event(self, domain_event: Any, tracking: Tracking) -> None:
        """Record the position of an event this projection has no use for."""
        self.view.insert_tracking(tracking)

    @process_event.register
    def _(self, event: RoleGrant.Granted, tracking: Tracking) -> None:
        row = {
            "grant_id": event.originator_id,
            "user_id": event.user_id,
            "tenant_id": event.tenant_id,
            "role": event.role,
            "active": True,
            "expires_at": event.expires_at,
            "granted_by": event.actor,
            "version": event.originator_version,
            "updated_at": event.timestamp,
        }
        self.view.record(tracking, lambda conn: conn.execute(sa.insert(g).values(row)))

    @process_event.register
    def _(self, event: RoleGrant.Renewed, tracking: Tracking) -> None:
        values = {
            "active": True,
            "expires_at": event.expires_at,
            "granted_by": event.actor,
        }
        self.view.record(tracking, _update(event, values))

    @process_event.register
    def _(self, event: RoleGrant.Revoked, tracking: Tracking) -> None:
        self.view.record(tracking, _update(event, {"active": False}))


def _update(event: RoleGrant.Event, values: dict[str, Any]) -> Any:
    def write(conn: sa.Connection) -> None:
        conn.execute(
            sa.update(g)
            .where(g.c.grant_id == event.originator_id)
            .values(
                version=event.originator_version, updated_at=event.timestamp, **values
            )
        )

    return write
