"""The REST API at /api/v1, its OpenAPI document, and its self-hosted docs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Blueprint, Flask, send_from_directory
from flask_smorest import Api
from swagger_ui_bundle import swagger_ui_path

from safeledger.platform.api.accountability.routes import blp as accountability_blp
from safeledger.platform.api.accounts.routes import blp as accounts_blp
from safeledger.platform.api.accounts.routes import own as own_account_blp
from safeledger.platform.api.agreements.routes import blp as agreements_blp
from safeledger.platform.api.attachments.routes import blp as attachments_blp
from safeledger.platform.api.audit_trail.routes import blp as audit_trail_blp
from safeledger.platform.api.auth.routes import blp as auth_blp
from safeledger.platform.api.compliance.routes import blp as compliance_blp
from safeledger.platform.api.drills.routes import blp as drills_blp
from safeledger.platform.api.errors import register_error_handlers
from safeledger.platform.api.evidence.routes import blp as evidence_blp
from safeledger.platform.api.grants.routes import blp as grants_blp
from safeledger.platform.api.grid.routes import assignments as grid_assignments_blp
from safeledger.platform.api.grid.routes import blp as grid_blp
from safeledger.platform.api.grid.routes import places as grid_places_blp
from safeledger.platform.api.hazards.routes import blp as hazards_blp
from safeledger.platform.api.imports.routes import blp as imports_blp
from safeledger.platform.api.incidents.routes import blp as incidents_blp
from safeledger.platform.api.jobs.routes import blp as jobs_blp
from safeledger.platform.api.jobs.routes import exports_blp
from safeledger.platform.api.monthly_reports.routes import blp as monthly_reports_blp
from safeledger.platform.api.notifications.routes import blp as notifications_blp
from safeledger.platform.api.openapi_security import document_security
from safeledger.platform.api.request_guard import init_request_guard
from safeledger.platform.api.rulesets.routes import blp as rulesets_blp
from safeledger.platform.api.tenants.routes import blp as tenants_blp
from safeledger.platform.api.views.routes import blp as views_blp
from safeledger.platform.api.webhooks.routes import blp as webhooks_blp

# Every blueprint of the API, in the order the OpenAPI document lists them.
BLUEPRINTS = (
    auth_blp,
    tenants_blp,
    grants_blp,
    accounts_blp,
    own_account_blp,
    imports_blp,
    agreements_blp,
    hazards_blp,
    drills_blp,
    incidents_blp,
    grid_blp,
    grid_places_blp,
    grid_assignments_blp,
    attachments_blp,
    evidence_blp,
    rulesets_blp,
    monthly_reports_blp,
    views_blp,
    compliance_blp,
    audit_trail_blp,
    accountability_blp,
    notifications_blp,
    webhooks_blp,
    jobs_blp,
    exports_blp,
)

API_CONFIG = {
    "API_TITLE": "SafeLedger",
    "API_VERSION": "v1",
    "OPENAPI_VERSION": "3.1.0",
    "OPENAPI_URL_PREFIX": "/api",
    "OPENAPI_JSON_PATH": "openapi.json",
    "OPENAPI_SWAGGER_UI_PATH": "docs",
    # Served by the app itself: inspectors' laptops may have no way out.
    "OPENAPI_SWAGGER_UI_URL": "/api/docs/assets/",
}


class SafeLedgerApi(Api):
    """flask-smorest's Api, with every error body in the one shape."""

    def handle_http_exception(self, error: Any) -> Any:
        """Add a message and an ``errors`` object to the library's error payload."""
        payload, code, headers = super().handle_http_exception(error)
        payload.setdefault("errors", {})
        payload.setdefault("message", summarise(payload["errors"]) or error.description)
        return payload, code, headers


def summarise(errors: dict[str, Any], prefix: str = "") -> str:
    """The first validation error as "location.field: problem"."""
    for key, value in errors.items():
        if isinstance(value, dict):
            return summarise(value, f"{prefix}{key}.")
        if isinstance(value, list) and value:
            return f"{prefix}{key}: {value[0]}"
    return ""


docs_assets = Blueprint("docs_assets", __name__)
STATIC = Path(__file__).parent.parent / "static"


@docs_assets.route("/api/docs/assets/<path:filename>")
def swagger_ui_asset(filename: str):  # type: ignore[no-untyped-def]
    """A file of the bundled Swagger UI."""
    return send_from_directory(swagger_ui_path, filename)


@docs_assets.route("/api/docs/swagger-init.js")
def swagger_init():  # type: ignore[no-untyped-def]
    """The script that starts Swagger UI (kept out of the page: no inline script)."""
    return send_from_directory(STATIC, "swagger-init.js")


def init_api(app: Flask) -> Api:
    """Attach the API, its docs and its error handling to ``app``."""
    for key, value in API_CONFIG.items():
        app.config.setdefault(key, value)
    api = SafeLedgerApi(app)
    for blueprint in BLUEPRINTS:
        api.register_blueprint(blueprint)
    app.register_blueprint(docs_assets)
    document_security(api)
    register_error_handlers(app)
    init_request_guard(app)
    return api
