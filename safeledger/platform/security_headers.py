"""Headers every response carries, so a browser confines what it renders.

The console and the API docs load scripts and styles only from the platform
itself, never inline; no page may be framed; a file is never sniffed into
another type; and, served over HTTPS, browsers are told to stay on HTTPS.
"""

from __future__ import annotations

from flask import Flask, Response

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
# What a downloaded attachment may do if a browser opens it anyway: nothing.
ATTACHMENT_POLICY = "default-src 'none'; sandbox; frame-ancestors 'none'"
HSTS = "max-age=31536000; includeSubDomains"


def init_security_headers(app: Flask, *, https: bool) -> None:
    """Add the security headers to every response of ``app``."""

    def add_headers(response: Response) -> Response:
        headers = response.headers
        headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        headers.setdefault("X-Frame-Options", "DENY")
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("Referrer-Policy", "same-origin")
        headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        if https:
            headers.setdefault("Strict-Transport-Security", HSTS)
        return response

    app.after_request(add_headers)
