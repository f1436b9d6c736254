"""Routes of the agreement resource: issue, sign, revoke, supersede."""

from __future__ import annotations

from flask_smorest import Blueprint

from safeledger.platform.api.agreements import schemas
from safeledger.platform.api.commands import Step, create_route, record_commands
from safeledger.platform.api.records import record_routes
from safeledger.tenants.agreements import ResponsibilityAgreement
from safeledger.tenants.application import Ledger

blp = Blueprint(
    "agreements",
    __name__,
    url_prefix="/api/v1/tenants/<uuid:tenant_id>/agreements",
    description="Safety responsibility agreements, signed level by level (安全责任书).",
)

create_route(
    blp,
    schemas.IssueAgreementSchema,
    Ledger.issue_agreement,
    "Issue the year's agreement with a child tenant, a staff member or a guardian.",
)
record_routes(blp, ResponsibilityAgreement, "agreement_id", "agreement")
record_commands(
    blp,
    "agreement_id",
    [
        Step(
            "signatures",
            schemas.SignSchema,
            Ledger.sign_agreement,
            "Sign for one side.",
        ),
        Step(
            "revocation",
            schemas.RevokeSchema,
            Ledger.revoke_agreement,
            "Withdraw the agreement, for a reason.",
        ),
        Step(
            "supersession",
            schemas.SupersedeSchema,
            Ledger.supersede_agreement,
            "Replace the agreement with new terms; the answer names the new one.",
        ),
    ],
)
