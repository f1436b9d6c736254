"""Every code the console shows, as a translatable word.

A category, role, state, finding kind or event type is never shown raw: templates
call ``label(group, code)``. A code missing here shows as a generic word, and the
console's page-walk test fails, so the table is kept whole.
"""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l

from safeledger.tenants.errors import DomainError

LABELS: dict[str, dict[str, Any]] = {
    "category": {
        "fire": _l("Fire safety"),
        "building": _l("Buildings"),
        "electrical": _l("Electrical"),
        "food": _l("Food safety"),
        "water": _l("Water"),
        "traffic": _l("Traffic"),
        "laboratory": _l("Laboratory"),
        "equipment": _l("Equipment"),
        "public_order": _l("Public order"),
        "other": _l("Other"),
    },
    "severity": {"general": _l("General"), "major": _l("Major")},
    "hazard_state": {
        "logged": _l("Logged"),
        "assigned": _l("Assigned"),
        "rectifying": _l("Rectifying"),
        "reported": _l("Rectification reported"),
        "verified": _l("Verified"),
        "closed": _l("Closed"),
    },
    "role": {
        "platform_admin": _l("Platform admin"),
        "tenant_admin": _l("Tenant admin"),
        "principal": _l("Principal"),
        "safety_officer": _l("Safety officer"),
        "inspector": _l("Inspector"),
        "auditor": _l("Auditor"),
    },
    "tenant_kind": {
        "province": _l("Province"),
        "city": _l("City"),
        "county": _l("County"),
        "school": _l("School"),
    },
    "school_type": {
        "primary": _l("Primary school"),
        "junior_secondary": _l("Junior secondary school"),
        "senior_secondary": _l("Senior secondary school"),
        "nine_year": _l("Nine-year school"),
        "complete_secondary": _l("Complete secondary school"),
        "kindergarten": _l("Kindergarten"),
        "vocational": _l("Vocational school"),
        "special_education": _l("Special education school"),
    },
    "notification": {
        "hazard_due_soon": _l("Hazard rectification due soon"),
        "hazard_overdue": _l("Warning: hazard overdue"),
        "incident_verbal_report_late": _l("Verbal incident report late"),
        "incident_written_report_late": _l("Written incident report late"),
        "drill_requirement_missed": _l("Required drill missed"),
        "monthly_report_missed": _l("Monthly report missing"),
        "case_opened": _l("Accountability case opened"),
        "case_decided": _l("Accountability case decided"),
        "case_closed": _l("Accountability case closed"),
    },
    "case_reason": {
        "late_incident_report": _l("Late incident report"),
        "hazard_overdue": _l("Hazard overdue"),
        "false_report": _l("False report"),
        "concealed_report": _l("Concealed report"),
        "other": _l("Other"),
    },
    "case_state": {
        "open": _l("Open"),
        "decided": _l("Decided"),
        "closed": _l("Closed"),
    },
    "hazard_event": {
        "Logged": _l("Logged"),
        "Assigned": _l("Assigned"),
        "InterimMeasureTaken": _l("Interim measure taken"),
        "DeadlineExtended": _l("Deadline extended"),
        "RectificationReported": _l("Rectification reported"),
        "Verified": _l("Verified"),
        "Rejected": _l("Rectification rejected"),
        "Closed": _l("Closed"),
        "Escalated": _l("Escalated for supervision"),
    },
    "drill_kind": {
        "fire": _l("Fire evacuation"),
        "earthquake": _l("Earthquake"),
        "stampede": _l("Stampede prevention"),
        "anti_terror": _l("Anti-terror"),
        "flood_typhoon": _l("Flood and typhoon"),
        "school_bus_evacuation": _l("School bus evacuation"),
        "other": _l("Other"),
    },
    "drill_state": {
        "planned": _l("Planned"),
        "held": _l("Held"),
        "cancelled": _l("Cancelled"),
    },
    "drill_rhythm": {
        "met": _l("Requirement met"),
        "due": _l("Drill due"),
        "missed": _l("Requirement missed"),
        "none": _l("No drill required"),
    },
    "drill_event": {
        "Planned": _l("Planned"),
        "Held": _l("Held"),
        "Rescheduled": _l("Rescheduled"),
        "Cancelled": _l("Cancelled"),
        "FindingRecorded": _l("Hazard found during the drill"),
    },
    "incident_category": {
        "traffic": _l("Traffic accident"),
        "drowning": _l("Drowning"),
        "fire": _l("Fire"),
        "stampede": _l("Stampede"),
        "violence": _l("Violence"),
        "food_poisoning": _l("Food poisoning"),
        "building": _l("Building accident"),
        "sports_injury": _l("Sports injury"),
        "natural_disaster": _l("Natural disaster"),
        "public_health": _l("Public health"),
        "other": _l("Other"),
    },
    "incident_severity": {
        "general": _l("General (一般)"),
        "major": _l("Larger (较大)"),
        "serious": _l("Serious (重大)"),
        "especially_serious": _l("Especially serious (特别重大)"),
    },
    "channel": {"verbal": _l("Verbal report"), "written": _l("Written report")},
    "condition": {
        "cause_found": _l("The cause is found"),
        "responsible_handled": _l("The responsible people are dealt with"),
        "rectification_done": _l("The rectification is done"),
        "people_educated": _l("The people concerned are educated"),
    },
    "incident_event": {
        "Reported": _l("Reported"),
        "WrittenReportFiled": _l("Written report filed"),
        "CasualtiesUpdated": _l("Casualties corrected"),
        "CauseDetermined": _l("Cause determined"),
        "ResponsiblePersonsHandled": _l("Responsible people dealt with"),
        "RectificationCompleted": _l("Rectification completed"),
        "EducationHeld": _l("Education held"),
        "Closed": _l("Closed"),
    },
    "place_kind": {
        "building": _l("Building"),
        "floor": _l("Floor"),
        "gate": _l("Gate"),
        "canteen": _l("Canteen"),
        "dormitory": _l("Dormitory"),
        "playground": _l("Playground"),
        "waterside": _l("Waterside"),
        "route": _l("Route"),
        "other": _l("Other"),
    },
    "weekday": {
        "1": _l("Mon"),
        "2": _l("Tue"),
        "3": _l("Wed"),
        "4": _l("Thu"),
        "5": _l("Fri"),
        "6": _l("Sat"),
        "7": _l("Sun"),
    },
    "agreement_status": {
        "active": _l("In force"),
        "revoked": _l("Revoked"),
        "superseded": _l("Superseded"),
    },
    "party": {"issuer": _l("Issuer"), "counterparty": _l("Signatory")},
    "agreement_event": {
        "Issued": _l("Issued"),
        "Signed": _l("Signed"),
        "Revoked": _l("Revoked"),
        "Superseded": _l("Superseded"),
    },
    "figure": {
        "drills_held": _l("Drills held"),
        "drill_participants": _l("Drill participants"),
        "hazards_logged": _l("Hazards logged"),
        "hazards_rectified": _l("Hazards rectified"),
        "hazards_open_at_month_end": _l("Hazards open at month end"),
        "major_hazards_open": _l("Major hazards open"),
        "incidents": _l("Incidents"),
        "deaths": _l("Deaths"),
        "injuries": _l("Injuries"),
        "agreements_signed": _l("Agreements signed"),
        "grid_changes": _l("Grid changes"),
    },
    "csv_problem": {
        "columns": _l("missing column(s) %(value)s"),
        "school": _l("no school with code %(value)s here"),
        "required": _l("name and username are required"),
        "taken": _l("the username %(value)s is taken"),
        "password": _l("a password has at least 10 characters"),
        "too_long": _l("too many lines for one file"),
    },
    "job_status": {
        "queued": _l("Queued"),
        "running": _l("Running"),
        "finished": _l("Finished"),
        "failed": _l("Failed"),
    },
}

# Each broken rule of the domain, in the user's words.
RULES: dict[str, Any] = {
    "supervisor_not_owner": _l("The supervisor cannot also own the hazard."),
    "verifier_not_owner": _l("The owner cannot verify their own rectification."),
    "verifier_not_reporter": _l(
        "Whoever reported the rectification cannot also verify it."
    ),
    "verified_by_supervisors_account": _l(
        "The supervisor verifies with their own account, nobody else's."
    ),
    "plain_text": _l("Text cannot contain control characters."),
    "verified_by_supervisor": _l("Only the hazard's supervisor verifies it."),
    "five_in_place_for_major": _l(
        "A major hazard needs measures, funds and a contingency plan (五到位)."
    ),
    "deadline_in_future": _l("The deadline must be in the future."),
    "extended_deadline_later": _l("An extended deadline must be later."),
    "place_or_grid_cell": _l("Say where the hazard is."),
    "major_escalated_once_upwards": _l(
        "Only an open major hazard is escalated, once, to a level above."
    ),
    "hazard_transition_allowed": _l("The hazard's state does not allow this."),
    "closed_only_after_verification": _l("Verify the rectification before closing."),
    "expected_version": _l("Someone changed this record meanwhile; reload the page."),
    "accepted_file_type": _l("This kind of file is not accepted."),
    "file_size_limit": _l("The file is too large."),
    "username_unique": _l("This username is taken."),
    "password_length": _l("A password has at least 10 characters."),
    "grant_state": _l("This role is already granted or already revoked."),
    "expires_in_future": _l("The end date must be in the future."),
    "role_allows_action": _l("Your roles here do not allow this."),
    "reason_required": _l("Give a reason."),
    "known_choice": _l("Pick one of the choices."),
    "within_range": _l("The value is out of range."),
    "tenant_active": _l("This unit has been deactivated."),
    "must_exist": _l("The record does not exist."),
    "sha256_hex_digest": _l("A photo or document is missing."),
    "timezone_aware": _l("Give a date and a time."),
    "not_in_future": _l("This cannot lie in the future."),
    "current_password": _l("The current password is wrong."),
    "evacuation_within_duration": _l(
        "The evacuation cannot take longer than the drill."
    ),
    "rescheduled_to_another_date": _l("Pick another date."),
    "cancelled_drill_unchanged": _l("A cancelled drill cannot be changed."),
    "held_drill_unchanged": _l("A held drill cannot be changed."),
    "four_no_let_go": _l(
        "All four conditions must hold before the incident is closed (四不放过)."
    ),
    "closed_incident_unchanged": _l("A closed incident cannot be changed."),
    "written_report_filed_once": _l("The written report is already filed."),
    "one_assignment_per_person_and_place": _l(
        "This person is already responsible for this place then."
    ),
    "place_code_unique_in_grid": _l("This code is already used in the grid."),
    "handover_to_another_person": _l("Hand over to someone else."),
    "weekly_time_slot": _l("Give a day and two different times."),
    "grid_per_school": _l("The school already has a grid."),
    "place_active": _l("This place is no longer in use."),
    "assignment_active": _l("This duty has already ended."),
    "each_party_signs_once": _l("This side has already signed."),
    "month_over_before_report": _l("A month is reported once it is over."),
    "reviewed_report_current": _l(
        "The ledger changed since the report was shown; check the new figures."
    ),
    "agreement_active": _l("This agreement is no longer in force."),
    "one_active_per_counterparty_year": _l(
        "An agreement for this unit and year is already in force."
    ),
}
REQUIRED = _l("This field is required.")
UNKNOWN = _l("(unknown)")


def label(group: str, code: Any) -> Any:
    """The word for ``code`` in ``group``; a blank stays blank."""
    if code is None or code == "":
        return ""
    return LABELS[group].get(str(code), UNKNOWN)


def choices(group: str) -> list[tuple[str, Any]]:
    """(code, word) pairs of a group, in the table's order, for a select."""
    return list(LABELS[group].items())


def line_problem(line: int, problem: str, value: str) -> str:
    """One refused line of an uploaded file, in the user's language."""
    from flask_babel import gettext

    text = LABELS["csv_problem"][problem] % {"value": value}
    return gettext("line %(line)s: %(problem)s", line=line, problem=text)


def rule_message(error: DomainError) -> Any:
    """What a broken domain rule means, in the user's language."""
    return RULES.get(error.rule, error.message)
