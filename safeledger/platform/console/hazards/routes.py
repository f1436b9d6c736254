"""隐患台账: the hazard list, a hazard's page with its timeline, its lifecycle forms.

The forms call the same ledger commands as the API's hazard resource; a broken
rule comes back beside its field with what was typed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import UUID

from flask import abort, g, redirect, render_template, request, url_for

from safeledger.platform.api.context import read_connection, runtime
from safeledger.platform.console import people
from safeledger.platform.console.frame import (
    acting,
    area_blueprint,
    current_tenant_id,
    page_size,
    refuse,
    refuse_domain_error,
    visible_tenant,
)
from safeledger.platform.console.hazards import forms
from safeledger.platform.console.hazards.forms import FieldError
from safeledger.platform.console.uploads import store_uploads
from safeledger.projections.directory import queries as directory
from safeledger.projections.grid_map.queries import grids
from safeledger.projections.hazard_board.search import SORTS, HazardFilter, search
from safeledger.tenants.access import Action
from safeledger.tenants.context import utc_now
from safeledger.tenants.errors import DomainError, NotFoundError
from safeledger.tenants.hazards import Hazard, HazardState

bp = area_blueprint("hazard_pages", __name__)
MAX_SCHOOLS = 500


@bp.get("/hazards")
def index() -> Any:
    """The hazards of the tenant one works in, filtered, sorted and paged."""
    tenant_id = request.args.get("tenant", type=UUID) or current_tenant_id()
    if tenant_id is None:
        return render_template("hazards/list.html", rows=[], total=0, tenant=None)
    tenant = visible_tenant(tenant_id)
    g.page_tenant = tenant_id
    wanted = filter_from_args()
    page = max(1, request.args.get("page", 1, type=int) or 1)
    scope = g.identity.scope()
    with read_connection(scope) as conn:
        rows, total = search(
            conn,
            scope,
            tenant.path,
            wanted,
            now=utc_now(),
            offset=(page - 1) * page_size(),
            limit=page_size(),
        )
        schools = schools_under(conn, tenant) if tenant.kind != "school" else []
    return render_template(
        "hazards/list.html",
        rows=rows,
        total=total,
        tenant=tenant,
        schools=schools,
        wanted=wanted,
        page=page,
        more=page * page_size() < total,
        sorts=list(SORTS),
        may_record=g.identity.may(Action.RECORD, tenant.path),
    )


def filter_from_args() -> HazardFilter:
    """The list's filters from the query string (unknown values are ignored)."""
    args = request.args
    overdue = {"yes": True, "no": False}.get(args.get("overdue", ""))
    within = args.get("due_within", type=int)
    return HazardFilter(
        school_id=args.get("school", type=UUID),
        state=args.get("state") or None,
        severity=args.get("severity") or None,
        category=args.get("category") or None,
        overdue=overdue,
        due_within_days=within if within and 0 < within <= 366 else None,
        sort=args.get("sort") if args.get("sort") in SORTS else "logged",
    )


def schools_under(conn: Any, tenant: Any) -> list[Any]:
    """The schools of a bureau's subtree the caller sees, by code."""
    found = directory.subtree(
        conn, g.identity.scope(), tenant.tenant_id, kind="school", limit=MAX_SCHOOLS
    )
    return found[0] if found else []


@bp.get("/hazards/new")
def new() -> Any:
    """The log form; a bureau's officer picks the school."""
    tenant = logging_tenant()
    with read_connection() as conn:
        schools = schools_under(conn, tenant) if tenant.kind != "school" else []
    places = grid_places(tenant.tenant_id) if tenant.kind == "school" else {}
    return render_template(
        "hazards/new.html", tenant=tenant, schools=schools, places=sorted(places)
    )


def grid_places(school_id: UUID) -> dict[str, UUID]:
    """The school's grid places in use, by name, to pick the hazard's place from."""
    scope = g.identity.scope()
    with read_connection(scope) as conn:
        places, _assignments = grids(conn, scope, [school_id], None).get(
            school_id, ([], [])
        )
    return {p["name"]: p["place_id"] for p in places if p["retired_at"] is None}


@bp.post("/hazards/new")
def create() -> Any:
    """Log a hazard from the form, with its photos."""
    done = log_hazard(logging_tenant())
    return done if done is not None else (new(), 422)


def logging_tenant() -> Any:
    """The tenant whose form this is: the one asked for, else the one worked in."""
    tenant_id = request.args.get("tenant", type=UUID) or current_tenant_id()
    if tenant_id is None:
        abort(404)
    g.page_tenant = tenant_id
    return visible_tenant(tenant_id, Action.RECORD)


def log_hazard(tenant: Any) -> Any:
    """Record the log form, or say what is wrong with it (None)."""
    try:
        school_id = tenant.tenant_id
        if tenant.kind != "school":
            # A hazard is found at a school, never at the bureau that found it.
            school_id = forms.uuid_field("school")
            school = visible_tenant(school_id, Action.RECORD)
            if school.kind != "school" or not school.path.startswith(tenant.path):
                raise FieldError("school", forms.REQUIRED_SCHOOL)
        details = forms.log_details()
        # A place picked from the school's grid is recorded as that grid cell too.
        details["place_id"] = grid_places(school_id).get(details["place"] or "")
        photos = store_uploads(school_id, "photos")
        with acting():
            done = (
                runtime()
                .store.for_tenant(school_id)
                .log_hazard(
                    school_id,
                    found_by=g.identity.user.display_name,
                    photo_digests=photos,
                    **details,
                )
            )
    except FieldError as error:
        refuse(error.message, error.field)
        return None
    except DomainError as error:
        if error.rule in ("accepted_file_type", "file_size_limit"):
            refuse(forms.rule_text(error), "photos")
        else:
            refuse_domain_error(error, {"category", "severity", "description", "place"})
        return None
    runtime().wait_for_projections(done)
    return redirect(
        url_for("hazard_pages.detail", tenant_id=school_id, hazard_id=done.aggregate_id)
    )


@bp.get("/tenants/<uuid:tenant_id>/hazards/<uuid:hazard_id>")
def detail(tenant_id: UUID, hazard_id: UUID) -> Any:
    """A hazard, its timeline of events, and the forms one's role allows on it."""
    tenant = visible_tenant(tenant_id)
    g.page_tenant = tenant_id
    ledger = runtime().store.for_tenant(tenant_id)
    try:
        hazard = ledger.load(Hazard, tenant_id, hazard_id)
    except NotFoundError:
        abort(404)
    timeline = [
        {
            "type": type(event).__name__,
            "at": event.timestamp,
            "who": people.actor_name(event.actor),
            "data": vars(event),
        }
        for event in ledger.events.get(hazard_id)
    ]
    me = g.identity.user.display_name
    may_record = g.identity.may(Action.RECORD, tenant.path)
    return render_template(
        "hazards/detail.html",
        tenant=tenant,
        hazard=hazard,
        timeline=timeline,
        forms=allowed_forms(hazard, may_record, me),
        people=people.names_around(tenant.path),
        uppers=upper_tenants(tenant)
        if "escalate" in allowed_forms(hazard, may_record, me)
        else [],
        me=g.identity,
        overdue=hazard.is_overdue(utc_now()),
    )


def allowed_forms(hazard: Hazard, may_record: bool, me: str) -> list[str]:
    """Which lifecycle forms the hazard's state and the caller's roles allow."""
    if not may_record:
        return []
    state = hazard.state
    shown = []
    if state is HazardState.LOGGED:
        shown.append("assign")
    if state in (HazardState.ASSIGNED, HazardState.RECTIFYING):
        shown += ["rectify", "measure", "extend"]
    if state is HazardState.REPORTED and me == hazard.supervisor:
        shown += ["verify", "reject"]
    if state is HazardState.VERIFIED:
        shown.append("close")
    if (
        hazard.major
        and hazard.escalated_to is None
        and state not in (HazardState.VERIFIED, HazardState.CLOSED)
    ):
        shown.append("escalate")
    return shown


def upper_tenants(tenant: Any) -> list[Any]:
    """The tenants above a school, nearest first, for 挂牌督办."""
    uppers = []
    with read_connection() as conn:
        parent = tenant.parent_id
        while parent is not None:
            row = directory.get_tenant(conn, g.identity.scope(), parent)
            if row is None:
                break
            uppers.append(row)
            parent = row.parent_id
    return uppers


def _assign(ledger: Any, tid: UUID, hid: UUID, version: int | None) -> Any:
    return ledger.assign_hazard(tid, hid, version, **forms.assign_details())


def _measure(ledger: Any, tid: UUID, hid: UUID, version: int | None) -> Any:
    return ledger.take_interim_measure(tid, hid, version, forms.text("measure"))


def _extend(ledger: Any, tid: UUID, hid: UUID, version: int | None) -> Any:
    deadline, reason = forms.day_end("deadline"), forms.text("reason")
    return ledger.extend_hazard_deadline(tid, hid, version, deadline, reason)


def _rectify(ledger: Any, tid: UUID, hid: UUID, version: int | None) -> Any:
    summary = forms.text("summary")
    evidence = store_uploads(tid, "evidence")
    if not evidence:
        raise FieldError("evidence", forms.PHOTO_NEEDED)
    return ledger.report_rectification(
        tid, hid, version, summary=summary, evidence_digests=evidence
    )


def _verify(ledger: Any, tid: UUID, hid: UUID, version: int | None) -> Any:
    note = forms.text("note", required=False) or ""
    return ledger.verify_hazard(
        tid, hid, version, verifier=g.identity.user.display_name, note=note
    )


def _reject(ledger: Any, tid: UUID, hid: UUID, version: int | None) -> Any:
    return ledger.reject_rectification(
        tid,
        hid,
        version,
        verifier=g.identity.user.display_name,
        reason=forms.text("reason"),
    )


def _close(ledger: Any, tid: UUID, hid: UUID, version: int | None) -> Any:
    return ledger.close_hazard(tid, hid, version)


def _escalate(ledger: Any, tid: UUID, hid: UUID, version: int | None) -> Any:
    upper = forms.uuid_field("upper_tenant_id")
    return ledger.escalate_hazard(tid, hid, version, upper, forms.text("reason"))


STEPS: dict[str, Callable[[Any, UUID, UUID, int | None], Any]] = {
    "assign": _assign,
    "measure": _measure,
    "extend": _extend,
    "rectify": _rectify,
    "verify": _verify,
    "reject": _reject,
    "close": _close,
    "escalate": _escalate,
}
# The field a broken rule of each step belongs beside, when the domain names another.
FIELD_OF = {"verifier": "note", "evidence_digests": "evidence", "state": None}


@bp.post("/tenants/<uuid:tenant_id>/hazards/<uuid:hazard_id>/<string:step>")
def act(tenant_id: UUID, hazard_id: UUID, step: str) -> Any:
    """Run one lifecycle step from its form, then show the hazard again."""
    if step not in STEPS:
        abort(404)
    visible_tenant(tenant_id, Action.RECORD)
    ledger = runtime().store.for_tenant(tenant_id)
    try:
        with acting():
            done = STEPS[step](ledger, tenant_id, hazard_id, forms.version())
    except FieldError as error:
        refuse(error.message, error.field)
        return failed(tenant_id, hazard_id, step)
    except NotFoundError:
        abort(404)
    except DomainError as error:
        field = FIELD_OF.get(error.field or "", error.field)
        refuse(forms.rule_text(error), field)
        return failed(tenant_id, hazard_id, step)
    runtime().wait_for_projections(done)
    return redirect(
        url_for("hazard_pages.detail", tenant_id=tenant_id, hazard_id=hazard_id)
    )


def failed(tenant_id: UUID, hazard_id: UUID, step: str) -> Any:
    """The hazard's page again, with the refused form open and filled in."""
    g.open_form = step
    page = detail(tenant_id, hazard_id)
    return page, 422
