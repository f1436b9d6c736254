"""The grid-responsibility map: places and who answers for them, when."""

from safeledger.projections.grid_map.projection import GridMapProjection
from safeledger.projections.grid_map.tables import grid_assignments, grid_places

__all__ = ["GridMapProjection", "grid_assignments", "grid_places"]
