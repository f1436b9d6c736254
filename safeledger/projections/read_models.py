"""The compliance read models: their projections, in one list for the platform.

Importing this module also defines their tables on the shared metadata.
"""

from __future__ import annotations

from safeledger.projections.agreement_coverage import AgreementCoverageProjection
from safeledger.projections.audit_trail import AuditTrailProjection
from safeledger.projections.drill_log import DrillLogProjection
from safeledger.projections.grid_map import GridMapProjection
from safeledger.projections.hazard_board import HazardBoardProjection
from safeledger.projections.incident_register import IncidentRegisterProjection
from safeledger.projections.monthly_reports import MonthlyReportsProjection
from safeledger.projections.rulesets import RulesetsProjection

READ_MODEL_PROJECTIONS = (
    RulesetsProjection,
    HazardBoardProjection,
    DrillLogProjection,
    AgreementCoverageProjection,
    IncidentRegisterProjection,
    GridMapProjection,
    MonthlyReportsProjection,
    AuditTrailProjection,
)
