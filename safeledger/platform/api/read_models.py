"""The blueprints of the compliance read models and the commands that feed them."""

from __future__ import annotations

from safeledger.platform.api.audit_trail.routes import blp as audit_trail_blp
from safeledger.platform.api.compliance.routes import blp as compliance_blp
from safeledger.platform.api.monthly_reports.routes import blp as monthly_reports_blp
from safeledger.platform.api.rulesets.routes import blp as rulesets_blp
from safeledger.platform.api.views.routes import blp as views_blp

READ_MODEL_BLUEPRINTS = (
    rulesets_blp,
    monthly_reports_blp,
    views_blp,
    compliance_blp,
    audit_trail_blp,
)
