"""Console errors are pages in the user's language, never JSON.

The API keeps its JSON errors; a console path gets an HTML page with a way back.
A form whose CSRF token expired comes back filled in as it was sent, with a
message, rather than being refused outright.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, current_app, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.exceptions import HTTPException, NotFound

from safeledger.platform.console.frame import (
    FormExpiredError,
    expired_form_message,
    refuse,
    safe_next,
)

CONSOLE = "/console"


def init_errors(app: Flask) -> None:
    """Answer errors on console paths with pages; leave the API's handler in place."""
    api_handler = app.error_handler_spec[None][None].get(HTTPException)

    def http_error(error: HTTPException) -> Any:
        if request.path.startswith(CONSOLE):
            return error_page(error)
        if api_handler is not None:
            return api_handler(error)
        return error

    app.register_error_handler(HTTPException, http_error)
    app.register_error_handler(FormExpiredError, expired_form)


def error_page(error: HTTPException) -> Any:
    """A page naming what went wrong, with a way back."""
    code = error.code or 500
    messages = {
        400: _("The request could not be understood."),
        403: _("Your roles do not allow this."),
        404: _("There is no such page, or it is not yours to see."),
        405: _("This page cannot be used that way."),
        413: _("The upload is too large."),
    }
    message = messages.get(code, _("Something went wrong on our side."))
    back = _local_referrer() or url_for("tasks.index")
    return render_template(
        "console/error.html", code=code, message=message, back=back
    ), code


def _local_referrer() -> str | None:
    referrer = request.referrer or ""
    root = request.host_url.rstrip("/")
    if referrer.startswith(root + "/"):
        path = referrer[len(root) :]
        if path != request.full_path and path != request.path:
            return safe_next(path, "") or None
    return None


def expired_form(error: FormExpiredError) -> Any:
    """Show the form again with what was typed, saying it had expired."""
    message = expired_form_message()
    if request.endpoint == "console.login":
        refuse(message)
        return render_template("console/login.html", next=request.args.get("next")), 400
    if g.get("identity") is None:
        return redirect(
            url_for("console.login", next=request.form.get("_page") or None)
        )
    page = safe_next(request.form.get("_page"), "").split("?")[0]
    try:
        adapter = current_app.url_map.bind_to_environ(request.environ)
        endpoint, values = adapter.match(page, method="GET")
    except (HTTPException, NotFound):
        endpoint, values = None, {}
    # Only a console page is shown again: its view checks the caller's access
    # itself, where an API view relies on checks that run before it.
    if endpoint is None or not page.startswith(CONSOLE + "/"):
        refuse(message)
        back = url_for("tasks.index")
        return render_template(
            "console/error.html", code=400, message=message, back=back
        ), 400
    refuse(message)
    response = current_app.make_response(current_app.view_functions[endpoint](**values))
    response.status_code = 400
    return response
