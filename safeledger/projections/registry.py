"""Every projection, in one list: the projector runs these, and the database's
tables are these projections' tables (plus the platform's own).

Importing this module defines every projection's tables on the shared metadata.
"""

from __future__ import annotations

from eventsourcing.projection import Projection

from safeledger.projections.agreement_coverage import AgreementCoverageProjection
from safeledger.projections.audit_trail import AuditTrailProjection
from safeledger.projections.batch import NotificationProjection
from safeledger.projections.directory import DirectoryProjection
from safeledger.projections.drill_log import DrillLogProjection
from safeledger.projections.grants import GrantsProjection
from safeledger.projections.grid_map import GridMapProjection
from safeledger.projections.hazard_board import HazardBoardProjection
from safeledger.projections.incident_register import IncidentRegisterProjection
from safeledger.projections.ledger import LedgerProjection
from safeledger.projections.monthly_reports import MonthlyReportsProjection
from safeledger.projections.oversight import OversightProjection
from safeledger.projections.rulesets import RulesetsProjection
from safeledger.projections.tracking import SQLTrackingRecorder

AnyProjection = Projection[SQLTrackingRecorder] | NotificationProjection

PROJECTIONS: tuple[type[AnyProjection], ...] = (
    DirectoryProjection,
    LedgerProjection,
    GrantsProjection,
    RulesetsProjection,
    HazardBoardProjection,
    DrillLogProjection,
    AgreementCoverageProjection,
    IncidentRegisterProjection,
    GridMapProjection,
    MonthlyReportsProjection,
    AuditTrailProjection,
    OversightProjection,
)
