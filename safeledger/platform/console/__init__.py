"""The console: server-rendered pages for people signed in with a session cookie.

Every state-changing form carries a CSRF token; every page speaks the user's
language (zh-CN unless they chose English) and shows times in China time.
"""

from __future__ import annotations

from flask import Flask, redirect, request

from safeledger.platform.console import inbox  # noqa: F401  (its pages join bp)
from safeledger.platform.console.accounts.routes import bp as accounts_bp
from safeledger.platform.console.agreements.routes import bp as agreements_bp
from safeledger.platform.console.drills.routes import bp as drills_bp
from safeledger.platform.console.errors import init_errors
from safeledger.platform.console.frame import header_globals
from safeledger.platform.console.grid.routes import bp as grid_bp
from safeledger.platform.console.hazards.routes import bp as hazards_bp
from safeledger.platform.console.i18n import init_i18n
from safeledger.platform.console.incidents.routes import bp as incidents_bp
from safeledger.platform.console.reports.routes import bp as reports_bp
from safeledger.platform.console.routes import bp
from safeledger.platform.console.tasks.routes import bp as tasks_bp

# Everything is served by the app itself; forms post only here; no inline script.
CSP = (
    "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; "
    "script-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'"
)


def init_console(app: Flask) -> None:
    """Attach the console's areas, languages and error pages; ``/`` leads to it."""
    init_i18n(app)
    for blueprint in (
        bp,
        tasks_bp,
        hazards_bp,
        drills_bp,
        incidents_bp,
        grid_bp,
        agreements_bp,
        reports_bp,
        accounts_bp,
    ):
        app.register_blueprint(blueprint)
    app.context_processor(header_globals)
    init_errors(app)
    app.add_url_rule("/", "index", lambda: redirect("/console"))

    @app.after_request
    def console_headers(response):  # type: ignore[no-untyped-def]
        if request.path.startswith("/console"):
            response.headers.setdefault("Content-Security-Policy", CSP)
            response.headers.setdefault("X-Content-Type-Options", "nosniff")
        return response
