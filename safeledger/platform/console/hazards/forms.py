"""Reading the hazard forms: typed text into the ledger commands' arguments.

A missing or malformed field raises :class:`FieldError`, which the route shows
beside that field; the domain's own rules are left to the ledger.
"""

from __future__ import annotations

from datetime import datetime, time
from typing import Any
from uuid import UUID

from flask import request
from flask_babel import lazy_gettext as _l

from safeledger.platform.console.i18n import zone
from safeledger.platform.console.labels import REQUIRED, rule_message
from safeledger.tenants.errors import DomainError

REQUIRED_SCHOOL = _l("Pick the school where the hazard was found.")
PHOTO_NEEDED = _l("Add at least one photo of the rectification.")


class FieldError(Exception):
    """A form field is missing or malformed."""

    def __init__(self, field: str, message: Any) -> None:
        super().__init__(field)
        self.field = field
        self.message = message


def text(name: str, *, required: bool = True) -> str | None:
    """A text field, stripped; missing and required raises."""
    value = (request.form.get(name) or "").strip()
    if not value:
        if required:
            raise FieldError(name, REQUIRED)
        return None
    return value


def day_end(name: str) -> datetime:
    """A date field as the end of that day in the console's zone (a deadline)."""
    raw = text(name) or ""
    try:
        day = datetime.strptime(raw, "%Y-%m-%d").date()
    except ValueError:
        raise FieldError(name, _l("Give a date such as 2026-12-31.")) from None
    return datetime.combine(day, time(23, 59), tzinfo=zone())


def version() -> int | None:
    """The version the page showed, so a stale change fails rather than overwrites."""
    raw = request.form.get("version", "")
    return int(raw) if raw.isdigit() else None


def uuid_field(name: str) -> UUID:
    """A required id picked from a list."""
    raw = text(name) or ""
    try:
        return UUID(raw)
    except ValueError:
        raise FieldError(name, _l("Pick one of the choices.")) from None


def log_details() -> dict[str, Any]:
    """The log form, apart from its photos and who found the hazard."""
    return {
        "category": text("category"),
        "severity": text("severity"),
        "description": text("description"),
        "place": text("place"),
    }


def assign_details() -> dict[str, Any]:
    """The assign form: owner, supervisor, deadline, and 五到位 for a major hazard."""
    return {
        "owner": text("owner"),
        "supervisor": text("supervisor"),
        "deadline": day_end("deadline"),
        "measures": text("measures", required=False),
        "funds": text("funds", required=False),
        "contingency_plan": text("contingency_plan", required=False),
    }


def rule_text(error: DomainError) -> Any:
    """A broken domain rule in the user's words."""
    return rule_message(error)
