"""The rules in force for a school at a moment, as known at another moment."""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from uuid import UUID

import sqlalchemy as sa

from safeledger.projections.rulesets.tables import rulesets as t
from safeledger.projections.scope import Scope
from safeledger.tenants.baseline import NATIONAL_BASELINE
from safeledger.tenants.rulesets import merged


def path_ids(path: str) -> list[UUID]:
    """The tenant ids along a directory path, province first."""
    return [UUID(part) for part in path.strip("/").split("/") if part]


def visible_rules(scope: Scope) -> sa.ColumnElement[bool]:
    """SQL: rulesets of tenants in scope or above them (their rules apply there)."""
    if scope.paths is None:
        return sa.true()
    above = {i for path in scope.paths for i in path_ids(path)}
    return sa.or_(
        scope.covers_tenant(t.c.jurisdiction_id), t.c.jurisdiction_id.in_(above)
    )


@dataclass
class RuleBook:
    """Every ruleset known at one moment, by jurisdiction, oldest effective first."""

    by_jurisdiction: dict[UUID, list[tuple[datetime, dict[str, Any]]]] = field(
        default_factory=dict
    )
    _cache: dict[Any, dict[str, Any]] = field(default_factory=dict, repr=False)
    _relevant: dict[str, tuple[UUID, ...]] = field(default_factory=dict, repr=False)

    def in_force(self, jurisdiction: UUID, at: datetime) -> dict[str, Any] | None:
        """The jurisdiction's own rules in force at ``at``, if it published any."""
        entries = self.by_jurisdiction.get(jurisdiction)
        if not entries:
            return None
        index = bisect_right([e for e, _ in entries], at)
        return entries[index - 1][1] if index else None

    def rules_for(self, path: str, at: datetime) -> dict[str, Any]:
        """The rules a tenant at ``path`` is judged by at ``at``: the baseline,
        overridden by province, city and county, the most specific last."""
        if not self.by_jurisdiction:
            return NATIONAL_BASELINE
        if path not in self._relevant:
            ids = (i for i in path_ids(path) if i in self.by_jurisdiction)
            self._relevant[path] = tuple(ids)
        return self._rules(self._relevant[path], at)

    def _rules(self, ancestors: tuple[UUID, ...], at: datetime) -> dict[str, Any]:
        key = (ancestors, at)
        if key not in self._cache:
            rules = NATIONAL_BASELINE
            for jurisdiction in ancestors:
                own = self.in_force(jurisdiction, at)
                if own is not None:
                    rules = merged(rules, own)
            self._cache[key] = rules
        return self._cache[key]


def rule_book(conn: sa.Connection, scope: Scope, as_of: datetime | None) -> RuleBook:
    """The rulesets that apply in ``scope``, as recorded by ``as_of``."""
    query = sa.select(t.c.jurisdiction_id, t.c.effective_from, t.c.rules).where(
        visible_rules(scope)
    )
    if as_of is not None:
        query = query.where(t.c.recorded_at <= as_of)
    query = query.order_by(t.c.effective_from, t.c.recorded_at, t.c.ruleset_id)
    grouped: dict[UUID, list[tuple[datetime, dict[str, Any]]]] = defaultdict(list)
    for row in conn.execute(query):
        grouped[row.jurisdiction_id].append((row.effective_from, row.rules))
    return RuleBook(dict(grouped))


def published(
    conn: sa.Connection, scope: Scope, jurisdictions: list[UUID], as_of: datetime | None
) -> list[sa.Row[Any]]:
    """The rulesets the given jurisdictions published, by effective date."""
    query = (
        sa.select(t)
        .where(visible_rules(scope), t.c.jurisdiction_id.in_(jurisdictions))
        .order_by(t.c.effective_from, t.c.recorded_at)
    )
    if as_of is not None:
        query = query.where(t.c.recorded_at <= as_of)
    return list(conn.execute(query))
