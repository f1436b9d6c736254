"""The audit trail: one row per stored event, with a human summary."""

from safeledger.projections.audit_trail.projection import AuditTrailProjection
from safeledger.projections.audit_trail.tables import audit_trail

__all__ = ["AuditTrailProjection", "audit_trail"]
