"""A sentence for each kind of event, for people reading the audit trail."""

from __future__ import annotations

from typing import Any

# "<Aggregate>.<Event>" → a template over the event's attributes.
TEMPLATES = {
    "Tenant.Registered": "registered {kind} {name} ({code})",
    "Tenant.Renamed": "renamed the tenant to {name}",
    "Tenant.Moved": "moved the tenant under {parent_id}",
    "Tenant.Deactivated": "deactivated the tenant: {reason}",
    "Hazard.Logged": "logged a {severity} {category} hazard: {description}",
    "Hazard.Assigned": "assigned the hazard to {owner} (supervisor {supervisor}), "
    "due {deadline:%Y-%m-%d %H:%M}",
    "Hazard.InterimMeasureTaken": "took an interim measure: {measure}",
    "Hazard.DeadlineExtended": "extended the deadline to {deadline:%Y-%m-%d}: {reason}",
    "Hazard.RectificationReported": "reported the rectification: {summary}",
    "Hazard.Verified": "{verifier} verified the rectification",
    "Hazard.Rejected": "{verifier} rejected the rectification: {reason}",
    "Hazard.Closed": "closed the hazard (销号)",
    "Hazard.Escalated": "escalated the hazard to {upper_tenant_id}: {reason}",
    "Drill.Planned": "planned a {kind} drill on {planned_on}",
    "Drill.Held": "held the drill with {participants} participants",
    "Drill.Rescheduled": "moved the drill to {planned_on}: {reason}",
    "Drill.Cancelled": "cancelled the drill: {reason}",
    "Drill.FindingRecorded": "recorded a drill finding: {description}",
    "Incident.Reported": "reported a {severity} {category} incident ({channel})",
    "Incident.WrittenReportFiled": "filed the written incident report",
    "Incident.CasualtiesUpdated": "updated casualties: {deaths} dead, "
    "{injuries} injured",
    "Incident.CauseDetermined": "determined the cause: {cause}",
    "Incident.Closed": "closed the incident (四不放过)",
    "ResponsibilityAgreement.Issued": "issued the {year} safety agreement to "
    "{counterparty_name}",
    "ResponsibilityAgreement.Signed": "{signer} signed the agreement ({party})",
    "ResponsibilityAgreement.Revoked": "revoked the agreement: {reason}",
    "ResponsibilityAgreement.Superseded": "superseded the agreement: {reason}",
    "Grid.Opened": "opened the school's grid",
    "Grid.PlaceAdded": "added place {name} ({code})",
    "Grid.PlaceRetired": "retired a place: {reason}",
    "Grid.PersonAssigned": "made {person} ({role}) responsible for a place",
    "Grid.AssignmentEnded": "ended an assignment: {reason}",
    "Grid.HandedOver": "handed an assignment over to {to_person}",
    "Ruleset.Published": "published ruleset {title}, in force from {effective_from}",
    "MonthlyReport.Submitted": "{submitted_by} submitted the {month} safety report",
    "MonthlyReport.Amended": "amended the monthly report: {reason}",
}
MAX_SUMMARY = 500


def summary_of(event: Any) -> str:
    """What the event recorded, in a sentence (its type when no template fits)."""
    kind = type(event).__qualname__
    template = TEMPLATES.get(kind)
    if template is None:
        return kind
    try:
        text = template.format(**vars(event))
    except (KeyError, AttributeError, ValueError, TypeError):
        return kind
    return text if len(text) <= MAX_SUMMARY else text[: MAX_SUMMARY - 1] + "…"
