"""The drill log: every drill planned, held or cancelled."""

from safeledger.projections.drill_log.projection import DrillLogProjection
from safeledger.projections.drill_log.tables import drill_log

__all__ = ["DrillLogProjection", "drill_log"]
