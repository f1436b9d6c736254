"""Oversight read models: accountability cases and the notifications they raise."""

from safeledger.projections.oversight.projection import OversightProjection
from safeledger.projections.oversight.tables import accountability_cases, notifications

__all__ = ["OversightProjection", "accountability_cases", "notifications"]
