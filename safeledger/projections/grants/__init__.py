"""Role grants in force: what the access checks read on every request."""

from safeledger.projections.grants.projection import GrantsProjection
from safeledger.projections.grants.tables import role_grants

__all__ = ["GrantsProjection", "role_grants"]
