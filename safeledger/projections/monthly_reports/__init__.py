"""Monthly safety reports (安全月报表): what each school submitted, and when."""

from safeledger.projections.monthly_reports.projection import MonthlyReportsProjection
from safeledger.projections.monthly_reports.tables import monthly_reports

__all__ = ["MonthlyReportsProjection", "monthly_reports"]
