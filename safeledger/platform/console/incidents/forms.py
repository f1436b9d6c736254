"""Reading the incident forms."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask import g

from safeledger.platform.console.drills.forms import (
    PHOTO_NEEDED,
    moment,
    one_document,
    whole,
)
from safeledger.platform.console.hazards.forms import FieldError, text
from safeledger.platform.console.uploads import store_uploads


def report(tenant_id: UUID) -> dict[str, Any]:
    """The report form; a written report comes with its document."""
    channel = text("channel")
    details = {
        "occurred_at": moment("occurred_at"),
        "category": text("category"),
        "severity": text("severity"),
        "deaths": whole("deaths"),
        "injuries": whole("injuries"),
        "description": text("description"),
        "channel": channel,
        "reporter": g.identity.user.display_name,
        "document_digest": None,
    }
    if channel == "written":
        details["document_digest"] = one_document(tenant_id, "document")
    return details


def persons() -> list[str]:
    """People named one a line (or separated by commas)."""
    raw = text("persons") or ""
    names = [n.strip() for n in raw.replace("，", ",").replace("\n", ",").split(",")]
    return [n for n in names if n]


def follow_up(tenant_id: UUID, step: str) -> dict[str, Any]:
    """The fields of one follow-up step."""
    if step == "file_written_report":
        return {"document_digest": one_document(tenant_id, "document")}
    if step == "update_casualties":
        return {
            "deaths": whole("deaths"),
            "injuries": whole("injuries"),
            "note": text("note"),
        }
    if step == "determine_cause":
        return {"cause": text("cause")}
    if step == "handle_responsible_persons":
        return {"persons": persons(), "measures": text("measures")}
    if step == "complete_rectification":
        summary = text("summary")
        evidence = store_uploads(tenant_id, "evidence")
        if not evidence:
            raise FieldError("evidence", PHOTO_NEEDED)
        return {"summary": summary, "evidence_digests": evidence}
    if step == "hold_education":
        return {"summary": text("summary"), "participants": whole("participants")}
    raise KeyError(step)
