"""Rulesets published by jurisdictions, with their effective dates."""

from safeledger.projections.rulesets.projection import RulesetsProjection
from safeledger.projections.rulesets.tables import rulesets

__all__ = ["RulesetsProjection", "rulesets"]
