"""Projects agreement events into ``agreement_coverage``, one version per event."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import sqlalchemy as sa
from eventsourcing.dispatch import singledispatchmethod
from eventsourcing.persistence import Tracking
from eventsourcing.projection import Projection
from eventsourcing.utils import get_topic

from safeledger.projections.agreement_coverage.tables import agreement_coverage as t
from safeledger.projections.tracking import SQLTrackingRecorder
from safeledger.projections.versioned import revise, start
from safeledger.tenants.agreements import ResponsibilityAgreement as Agreement

EVENTS = (Agreement.Issued, Agreement.Signed, Agreement.Revoked, Agreement.Superseded)


class AgreementCoverageProjection(Projection[SQLTrackingRecorder]):
    """Responsibility agreements and their signatures, as of any moment."""

    name = "agreement_coverage"
    topics = tuple(get_topic(cls) for cls in EVENTS)
    tables = (t,)

    @singledispatchmethod
    def process_event(self, domain_event: Any, tracking: Tracking) -> None:
        """Record the position of an event this projection has no use for."""
        self.view.insert_tracking(tracking)

    @process_event.register
    def _(self, event: Agreement.Issued, tracking: Tracking) -> None:
        def write(conn: sa.Connection) -> None:
            start(
                conn,
                t,
                event,
                agreement_id=event.originator_id,
                issuer_id=event.tenant_id,
                counterparty_tenant_id=UUID(event.counterparty_ref)
                if event.counterparty_kind == "child_tenant"
                else None,
                counterparty_kind=event.counterparty_kind,
                counterparty_ref=event.counterparty_ref,
                counterparty_name=event.counterparty_name,
                year=event.year,
                generation=event.generation,
                status="active",
                issued_at=event.timestamp,
            )

        self.view.record(tracking, write)

    @process_event.register
    def _(self, event: Agreement.Signed, tracking: Tracking) -> None:
        self._revise(event, tracking, **{f"{event.party}_signed_at": event.signed_at})

    @process_event.register
    def _(self, event: Agreement.Revoked, tracking: Tracking) -> None:
        self._revise(event, tracking, status="revoked")

    @process_event.register
    def _(self, event: Agreement.Superseded, tracking: Tracking) -> None:
        self._revise(event, tracking, status="superseded")

    def _revise(self, event: Any, tracking: Tracking, **changes: Any) -> None:
        key = ("agreement_id", event.originator_id)
        self.view.record(tracking, lambda conn: revise(conn, t, key, event, **changes))
