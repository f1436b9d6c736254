"""The incident register: every incident with its report times."""

from safeledger.projections.incident_register.projection import (
    IncidentRegisterProjection,
)
from safeledger.projections.incident_register.tables import incident_register

__all__ = ["IncidentRegisterProjection", "incident_register"]
