"""Rulesets: the numbers compliance is judged by, published as events.

A province, city or county publishes a ruleset with an effective date. Its rules
are a part of the national baseline's shape (:mod:`safeledger.tenants.baseline`)
with other numbers; what it leaves out comes from the less specific rulesets in
force (county over city over province over the baseline).
"""

from __future__ import annotations

import copy
import re
from datetime import date, datetime
from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import event

from safeledger.tenants.baseline import NATIONAL_BASELINE
from safeledger.tenants.errors import ConflictError, InvalidValueError
from safeledger.tenants.hierarchy import Tenant, TenantKind, clean_text
from safeledger.tenants.ledger import LedgerAggregate
from safeledger.tenants.values import CHINA_TIME

RULESET_NAMESPACE = uuid5(NAMESPACE_URL, "https://safeledger.example/rulesets")
_HH_MM = re.compile(r"([01]\d|2[0-3]):([0-5]\d)")
MAX_NUMBER = 100_000


class RuleShapeError(InvalidValueError):
    """A rule is not part of the baseline's shape, or has the wrong kind of value."""

    rule = "rules_fit_baseline"
    field = "rules"


class NotAJurisdictionError(ConflictError):
    """Only a province, city or county publishes rules."""

    rule = "jurisdiction_publishes_rules"
    field = "tenant_id"


def checked_rules(rules: Any, shape: Any = NATIONAL_BASELINE, at: str = "rules") -> Any:
    """``rules`` if it is a part of ``shape`` with acceptable values."""
    if isinstance(shape, dict):
        if not isinstance(rules, dict) or (not rules and at == "rules"):
            raise RuleShapeError(f"{at} must be an object of known rules")
        unknown = sorted(set(rules) - set(shape))
        if unknown:
            raise RuleShapeError(f"{at} has no rule named {unknown[0]!r}")
        return {k: checked_rules(v, shape[k], f"{at}.{k}") for k, v in rules.items()}
    if isinstance(shape, bool) or isinstance(rules, bool):
        raise RuleShapeError(f"{at} cannot be true or false")
    if isinstance(shape, int):
        if not isinstance(rules, int) or not 0 <= rules <= MAX_NUMBER:
            raise RuleShapeError(f"{at} must be a whole number 0-{MAX_NUMBER}")
        return rules
    if isinstance(shape, str):
        if not isinstance(rules, str) or not _HH_MM.fullmatch(rules):
            raise RuleShapeError(f"{at} must be a time written as HH:MM")
        return rules
    if not isinstance(rules, list) or not all(
        isinstance(v, int) and not isinstance(v, bool) and 1 <= v <= 7 for v in rules
    ):
        raise RuleShapeError(f"{at} must be a list of weekdays 1-7")
    return sorted(set(rules))


def merged(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """``base`` with every value ``override`` gives replacing its own."""
    result = copy.deepcopy(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(result.get(key), dict):
            result[key] = merged(result[key], value)
        else:
            result[key] = copy.deepcopy(value)
    return result


def effective_moment(effective_from: str) -> datetime:
    """Midnight in China at the start of the effective date."""
    return datetime.combine(
        date.fromisoformat(effective_from), datetime.min.time(), CHINA_TIME
    )


class Ruleset(LedgerAggregate):
    """The rules a jurisdiction sets for the schools under it, from a date on."""

    label = "ruleset"

    @staticmethod
    def create_id(jurisdiction_id: UUID, effective_from: str) -> UUID:
        """One ruleset per jurisdiction and effective date."""
        return uuid5(RULESET_NAMESPACE, f"{jurisdiction_id.hex}/{effective_from}")

    @event("Published")
    def __init__(
        self,
        *,
        jurisdiction_id: UUID,
        effective_from: str,
        title: str,
        rules: dict[str, Any],
    ) -> None:
        self.jurisdiction_id = jurisdiction_id
        self.effective_from = effective_from
        self.title = title
        self.rules = rules

    @classmethod
    def publish(
        cls, *, jurisdiction: Tenant, effective_from: date, title: str, rules: Any
    ) -> Ruleset:
        """Publish ``rules`` for the schools under ``jurisdiction``."""
        if jurisdiction.kind is TenantKind.SCHOOL:
            raise NotAJurisdictionError(
                "a school follows rules; a province, city or county publishes them"
            )
        if not isinstance(effective_from, date) or isinstance(effective_from, datetime):
            raise InvalidValueError(
                "effective_from must be a date", field="effective_from"
            )
        return cls(
            jurisdiction_id=jurisdiction.id,
            effective_from=effective_from.isoformat(),
            title=clean_text(title, "title", 200),
            rules=checked_rules(rules),
        )
