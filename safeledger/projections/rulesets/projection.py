"""Projects published rulesets into ``rulesets``."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from eventsourcing.dispatch import singledispatchmethod
from eventsourcing.persistence import Tracking
from eventsourcing.projection import Projection
from eventsourcing.utils import get_topic

from safeledger.projections.rulesets.tables import rulesets as t
from safeledger.projections.tracking import SQLTrackingRecorder
from safeledger.tenants.rulesets import Ruleset, effective_moment


class RulesetsProjection(Projection[SQLTrackingRecorder]):
    """Every jurisdiction's rulesets, for judging under the rules in force."""

    name = "rulesets"
    topics = (get_topic(Ruleset.Published),)
    tables = (t,)

    @singledispatchmethod
    def process_event(self, domain_event: Any, tracking: Tracking) -> None:
        """Record the position of an event this projection has no use for."""
        self.view.insert_tracking(tracking)

    @process_event.register
    def _(self, event: Ruleset.Published, tracking: Tracking) -> None:
        row = {
            "ruleset_id": event.originator_id,
            "jurisdiction_id": event.jurisdiction_id,
            "effective_from": effective_moment(event.effective_from),
            "title": event.title,
            "rules": event.rules,
            "recorded_at": event.timestamp,
            "actor": event.actor,
        }
        self.view.record(tracking, lambda conn: conn.execute(sa.insert(t).values(row)))
