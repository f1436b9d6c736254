"""Reading the drill forms."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from uuid import UUID

from flask_babel import lazy_gettext as _l

from safeledger.platform.console.hazards.forms import FieldError, text
from safeledger.platform.console.i18n import zone
from safeledger.platform.console.uploads import store_uploads

DOCUMENT_NEEDED = _l("Attach this document.")
PHOTO_NEEDED = _l("Add at least one photo.")


def day(name: str) -> date:
    """A date field."""
    try:
        return date.fromisoformat(text(name) or "")
    except ValueError:
        raise FieldError(name, _l("Give a date such as 2026-12-31.")) from None


def moment(name: str) -> datetime:
    """A date-and-time field, in the console's zone."""
    try:
        local = datetime.fromisoformat(text(name) or "")
    except ValueError:
        raise FieldError(name, _l("Give a date and a time.")) from None
    return local.replace(tzinfo=zone()) if local.tzinfo is None else local


def whole(name: str, *, required: bool = True) -> int | None:
    """A whole number field."""
    raw = text(name, required=required)
    if raw is None:
        return None
    if not raw.isdigit():
        raise FieldError(name, _l("Give a whole number."))
    return int(raw)


def one_document(tenant_id: UUID, name: str) -> str:
    """The digest of the one file sent in ``name``, stored; it is required."""
    stored = store_uploads(tenant_id, name)
    if not stored:
        raise FieldError(name, DOCUMENT_NEEDED)
    return stored[0]


def held_details(tenant_id: UUID) -> dict[str, Any]:
    """The holding form: when, how many, how long, and the documents."""
    details = {
        "held_at": moment("held_at"),
        "participants": whole("participants"),
        "duration_minutes": whole("duration_minutes"),
        "evacuation_seconds": whole("evacuation_seconds", required=False),
    }
    details["plan_digest"] = one_document(tenant_id, "plan")
    details["summary_digest"] = one_document(tenant_id, "summary")
    details["evaluation_digest"] = one_document(tenant_id, "evaluation")
    photos = store_uploads(tenant_id, "photos")
    if not photos:
        raise FieldError("photos", PHOTO_NEEDED)
    details["photo_digests"] = photos
    return details
