"""安全责任书: a bureau issues the year's agreements to its schools; each principal
signs for the school with their own account, never the bureau on its behalf."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask import abort, g, render_template, request, url_for

from safeledger.platform.api.context import read_connection, runtime
from safeledger.platform.auth.web import tenant_path
from safeledger.platform.console.drills.forms import one_document, whole
from safeledger.platform.console.frame import (
    area_blueprint,
    current_tenant_id,
    visible_tenant,
)
from safeledger.platform.console.hazards.forms import FieldError, text, uuid_field
from safeledger.platform.console.i18n import local_now
from safeledger.platform.console.steps import perform, timeline
from safeledger.projections.agreement_coverage.queries import page
from safeledger.projections.directory import queries as directory
from safeledger.tenants.access import Action, allows
from safeledger.tenants.agreements import Counterparty, Party, ResponsibilityAgreement
from safeledger.tenants.errors import NotFoundError

bp = area_blueprint("agreement_pages", __name__)


@bp.get("/agreements")
def index() -> Any:
    """The year's agreements a tenant issued or must sign, with the coverage."""
    tenant_id = request.args.get("tenant", type=UUID) or current_tenant_id()
    if tenant_id is None:
        abort(404)
    tenant = visible_tenant(tenant_id)
    g.page_tenant = tenant_id
    year = request.args.get("year", type=int) or local_now().year
    scope = g.identity.scope()
    with read_connection(scope) as conn:
        rows, _total = page(conn, scope, tenant_id, year, None)
        children, _count = directory.children(conn, scope, tenant_id)
    issued = [r for r in rows if r.issuer_id == tenant_id and r.status == "active"]
    signed = {r.counterparty_tenant_id for r in issued if r.counterparty_signed_at}
    return render_template(
        "agreements/index.html",
        tenant=tenant,
        year=year,
        rows=rows,
        children=children,
        covered=len([c for c in children if c.tenant_id in signed]),
        may_issue=tenant.kind != "school"
        and g.identity.may(Action.RECORD, tenant.path),
    )


@bp.post("/agreements")
def issue() -> Any:
    """Issue the year's agreement to a school below, with its document."""
    tenant_id = request.args.get("tenant", type=UUID) or current_tenant_id()
    if tenant_id is None:
        abort(404)

    def command(ledger: Any) -> Any:
        school_id = uuid_field("counterparty")
        with read_connection() as conn:
            school = directory.get_tenant(conn, g.identity.scope(), school_id)
        if school is None or school.parent_id != tenant_id:
            raise FieldError("counterparty", text_missing())
        duties = [line.strip() for line in (text("duties") or "").splitlines()]
        return ledger.issue_agreement(
            tenant_id,
            counterparty=Counterparty.of("child_tenant", str(school_id), school.name),
            year=whole("year"),
            duties=[d for d in duties if d],
            document_digest=one_document(tenant_id, "document"),
        )

    return perform(
        tenant_id,
        "issue",
        command,
        index,
        lambda done: url_for(
            "agreement_pages.detail",
            tenant_id=tenant_id,
            agreement_id=done.aggregate_id,
        ),
    )


def text_missing() -> Any:
    from safeledger.platform.console.labels import REQUIRED

    return REQUIRED


def signing_party(agreement: ResponsibilityAgreement) -> Party | None:
    """Which side the caller may sign for: the school's own people sign for it.

    A bureau's staff may record in its schools' ledgers, yet never sign for a
    school: that takes a role granted on the school itself.
    """
    counterparty = agreement.counterparty
    if counterparty.kind.value == "child_tenant" and any(
        grant.tenant_id == UUID(counterparty.ref) and allows(grant.role, Action.RECORD)
        for grant in g.identity.grants
    ):
        return Party.COUNTERPARTY
    if g.identity.may(Action.RECORD, tenant_path(agreement.issuer_id)):
        return Party.ISSUER
    return None


def load_visible(tenant_id: UUID, agreement_id: UUID) -> ResponsibilityAgreement:
    """The agreement, if the caller sees its issuer or is its counterparty."""
    try:
        agreement = (
            runtime()
            .store.for_tenant(tenant_id)
            .load(ResponsibilityAgreement, tenant_id, agreement_id)
        )
    except NotFoundError:
        abort(404)
    sides = [tenant_path(tenant_id)]
    if agreement.counterparty.kind.value == "child_tenant":
        sides.append(tenant_path(UUID(agreement.counterparty.ref)))
    if not any(g.identity.may(Action.READ, side) for side in sides):
        abort(404)
    return agreement


@bp.get("/tenants/<uuid:tenant_id>/agreements/<uuid:agreement_id>")
def detail(tenant_id: UUID, agreement_id: UUID) -> Any:
    """The agreement's terms and signatures; the side one may sign for."""
    agreement = load_visible(tenant_id, agreement_id)
    party = signing_party(agreement) if agreement.active else None
    if party is not None and party in agreement.signatures:
        party = None
    counterparty = agreement.counterparty
    g.page_tenant = (
        UUID(counterparty.ref)
        if counterparty.kind.value == "child_tenant"
        else tenant_id
    )
    return render_template(
        "agreements/detail.html",
        issuer_id=tenant_id,
        agreement=agreement,
        party=party,
        timeline=timeline(runtime().store.for_tenant(tenant_id), agreement_id),
    )


@bp.post("/tenants/<uuid:tenant_id>/agreements/<uuid:agreement_id>/signature")
def sign(tenant_id: UUID, agreement_id: UUID) -> Any:
    """Sign for one's own side, as oneself."""
    agreement = load_visible(tenant_id, agreement_id)
    party = signing_party(agreement)
    if party is None:
        abort(403)
    roles = [
        gr.role.value for gr in g.identity.grants if allows(gr.role, Action.RECORD)
    ]

    def command(ledger: Any) -> Any:
        return ledger.sign_agreement(
            tenant_id,
            agreement_id,
            request.form.get("version", type=int),
            party=party.value,
            signer=g.identity.user.display_name,
            role=roles[0] if roles else "platform_admin",
        )

    # The signature is recorded in the issuer's ledger, where the agreement lives;
    # the right to sign for the school was checked above.
    return perform(
        tenant_id,
        "sign",
        command,
        lambda: detail(tenant_id, agreement_id),
        lambda done: url_for(
            "agreement_pages.detail", tenant_id=tenant_id, agreement_id=agreement_id
        ),
        action=Action.READ if party is Party.COUNTERPARTY else Action.RECORD,
    )
