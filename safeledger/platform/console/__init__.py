"""The console: server-rendered pages for people signed in with a session cookie.

Every state-changing form carries a CSRF token; a form posted without it is
refused before anything else happens.
"""

from __future__ import annotations

from flask import Flask, redirect

from safeledger.platform.console import inbox  # noqa: F401  (its pages join bp)
from safeledger.platform.console.routes import bp


def init_console(app: Flask) -> None:
    """Attach the console, and send visitors of ``/`` to it."""
    app.register_blueprint(bp)
    app.add_url_rule("/", "index", lambda: redirect("/console"))
