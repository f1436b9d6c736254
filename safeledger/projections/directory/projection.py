"""Projects tenant events into ``directory_tenants``.

A row's own columns come only from its tenant's events, which one shard orders
totally. Its ``path`` is derived from the parent links of all rows, and is
recomputed for the tenant and its whole subtree whenever a link changes, so the
final table does not depend on how the shards' runners interleave: a rebuild
equals the incremental result.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

import sqlalchemy as sa
from eventsourcing.dispatch import singledispatchmethod
from eventsourcing.persistence import Tracking
from eventsourcing.projection import Projection
from eventsourcing.utils import get_topic

from safeledger.projections.directory.tables import directory_tenants as t
from safeledger.projections.tracking import SQLTrackingRecorder
from safeledger.tenants.hierarchy import Tenant


class DirectoryProjection(Projection[SQLTrackingRecorder]):
    """The tenant tree, for subtree queries and scoping."""

    name = "directory"
    topics = tuple(
        get_topic(cls)
        for cls in (Tenant.Registered, Tenant.Renamed, Tenant.Moved, Tenant.Deactivated)
    )
    tables = (t,)

    @singledispatchmethod
    def process_event(self, domain_event: Any, tracking: Tracking) -> None:
        """Record the position of an event this projection has no use for."""
        self.view.insert_tracking(tracking)

    @process_event.register
    def _(self, event: Tenant.Registered, tracking: Tracking) -> None:
        def write(conn: sa.Connection) -> None:
            conn.execute(
                sa.insert(t).values(
                    tenant_id=event.originator_id,
                    kind=event.kind,
                    code=event.code,
                    name=event.name,
                    school_type=event.school_type,
                    boarding=event.boarding,
                    active=True,
                    parent_id=event.parent_id,
                    province_id=event.province_id or event.originator_id,
                    version=event.originator_version,
                    registered_at=event.timestamp,
                    updated_at=event.timestamp,
                )
            )
            place_subtree(conn, event.originator_id)

        self.view.record(tracking, write)

    @process_event.register
    def _(self, event: Tenant.Renamed, tracking: Tracking) -> None:
        self.view.record(tracking, update(event, name=event.name))

    @process_event.register
    def _(self, event: Tenant.Deactivated, tracking: Tracking) -> None:
        self.view.record(tracking, update(event, active=False))

    @process_event.register
    def _(self, event: Tenant.Moved, tracking: Tracking) -> None:
        change = update(event, parent_id=event.parent_id)

        def write(conn: sa.Connection) -> None:
            change(conn)
            place_subtree(conn, event.originator_id)

        self.view.record(tracking, write)


def update(event: Tenant.Event, **values: Any) -> Any:
    """A write that sets ``values`` on the event's row and stamps its version."""

    def write(conn: sa.Connection) -> None:
        conn.execute(
            sa.update(t)
            .where(t.c.tenant_id == event.originator_id)
            .values(
                version=event.originator_version, updated_at=event.timestamp, **values
            )
        )

    return write


def place_subtree(conn: sa.Connection, root_id: UUID) -> None:
    """Recompute ``path`` and ``depth`` for ``root_id`` and every descendant."""
    pending = [root_id]
    while pending:
        tenant_id = pending.pop()
        row = conn.execute(
            sa.select(t.c.parent_id).where(t.c.tenant_id == tenant_id)
        ).one()
        path, depth = f"/{tenant_id.hex}/", 0
        if row.parent_id is not None:
            parent = conn.execute(
                sa.select(t.c.path, t.c.depth).where(t.c.tenant_id == row.parent_id)
            ).one_or_none()
            if parent is None or parent.path is None:
                path, depth = None, None
            else:
                path, depth = f"{parent.path}{tenant_id.hex}/", parent.depth + 1
        conn.execute(
            sa.update(t)
            .where(t.c.tenant_id == tenant_id)
            .values(path=path, depth=depth)
        )
        pending.extend(
            conn.execute(sa.select(t.c.tenant_id).where(t.c.parent_id == tenant_id))
            .scalars()
            .all()
        )
