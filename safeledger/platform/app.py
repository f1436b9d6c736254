"""The Flask application factory."""

from __future__ import annotations

from typing import Any

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from safeledger.platform.api import init_api
from safeledger.platform.auth.web import init_auth
from safeledger.platform.console import init_console
from safeledger.platform.runtime import Runtime
from safeledger.platform.security_headers import init_security_headers
from safeledger.platform.settings import Settings


def create_app(
    settings: Settings | None = None, test_config: dict[str, Any] | None = None
) -> Flask:
    """Build the web app; connects to nothing until the first request needs it."""
    settings = settings or Settings.from_env()
    app = Flask(__name__, instance_path=str(settings.instance_path))
    app.config.from_mapping(
        SECRET_KEY=settings.secret_key,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=settings.secure_cookies,
        SESSION_COOKIE_NAME="safeledger_session",
    )
    # Names are Chinese; send them as UTF-8 rather than \u escapes.
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    if test_config:
        app.config.update(test_config)
    if settings.proxies:
        # Behind a TLS-terminating proxy: the client's address (for login
        # throttling) and scheme come from the proxies' X-Forwarded-* headers.
        n = settings.proxies
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=n, x_proto=n, x_host=n)  # type: ignore[method-assign]
    app.extensions["safeledger"] = Runtime(settings)
    init_auth(app)
    init_api(app)
    init_console(app)
    init_security_headers(app, https=settings.secure_cookies)

    return app
