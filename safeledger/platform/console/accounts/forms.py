"""Reading the account forms."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask import request

from safeledger.platform.console.hazards.forms import (
    FieldError,
    day_end,
    text,
    uuid_field,
)
from safeledger.platform.console.labels import REQUIRED


def new_account() -> dict[str, Any]:
    """Username, name, role, tenant, optional end date and initial password."""
    return {
        "tenant_id": uuid_field("tenant_id"),
        "username": text("username"),
        "display_name": text("display_name"),
        "role": text("role"),
        "password": (request.form.get("password") or "").strip(),
        "expires_at": expiry(),
    }


def expiry() -> datetime | None:
    """An optional end date of a time-boxed grant (an inspector's, say)."""
    return (
        day_end("expires_on")
        if (request.form.get("expires_on") or "").strip()
        else None
    )


def new_password() -> str:
    """A new password typed twice alike."""
    new = request.form.get("new_password") or ""
    if not new:
        raise FieldError("new_password", REQUIRED)
    if new != (request.form.get("repeat_password") or ""):
        from flask_babel import lazy_gettext as _l

        raise FieldError("repeat_password", _l("The two passwords differ."))
    return new
