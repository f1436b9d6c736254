"""Agreement coverage: every responsibility agreement and who has signed it."""

from safeledger.projections.agreement_coverage.projection import (
    AgreementCoverageProjection,
)
from safeledger.projections.agreement_coverage.tables import agreement_coverage

__all__ = ["AgreementCoverageProjection", "agreement_coverage"]
