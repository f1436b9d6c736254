"""The hazard board: every hazard's state, owner, deadline and escalation."""

from safeledger.projections.hazard_board.projection import HazardBoardProjection
from safeledger.projections.hazard_board.tables import hazard_board

__all__ = ["HazardBoardProjection", "hazard_board"]
