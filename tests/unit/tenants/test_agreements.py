from datetime import timedelta
from uuid import uuid4

import pytest

from safeledger.tenants.agreements import (
    AgreementEndedError,
    AgreementStatus,
    AlreadySignedError,
    Counterparty,
    Party,
    ResponsibilityAgreement,
    SelfAgreementError,
    StillActiveError,
    agreement_id_for,
)
from safeledger.tenants.errors import InvalidValueError
from safeledger.tenants.values import (
    DigestFormatError,
    FutureTimeError,
    OutOfRangeError,
    ReasonRequiredError,
    UnknownChoiceError,
)

pytestmark = pytest.mark.usefixtures("request_context")

DOC = "c" * 64
DOC2 = "d" * 64
ISSUER = uuid4()
SCHOOL = uuid4()


def school() -> Counterparty:
    return Counterparty.of("child_tenant", str(SCHOOL), "No. 3 Primary School")


def issued(year: int = 2025) -> ResponsibilityAgreement:
    return ResponsibilityAgreement.issue(
        issuer_id=ISSUER,
        counterparty=school(),
        year=year,
        duties=["daily safety inspection", "monthly drills"],
        document_digest=DOC,
    )


def test_an_agreement_is_issued_signed_by_both_sides_and_superseded(clock, reloaded):
    agreement = issued()
    assert agreement.active and not agreement.fully_signed
    agreement.sign(Party.ISSUER, signer="Director Wang", role="bureau director")
    assert not agreement.fully_signed
    agreement.sign(
        "counterparty",
        signer="Principal Liu",
        role="principal",
        signed_at=clock.now - timedelta(days=1),
    )
    assert agreement.fully_signed
    successor = agreement.supersede(
        duties=["daily safety inspection", "weekly drills"],
        document_digest=DOC2,
        reason="county raised the drill frequency",
    )
    assert agreement.status is AgreementStatus.SUPERSEDED
    assert agreement.successor_id == successor.id
    assert successor.generation == 2 and successor.previous_id == agreement.id
    assert successor.active and not successor.fully_signed
    names = [type(e).__name__ for e in agreement.pending_events]
    assert names == ["Issued", "Signed", "Signed", "Superseded"]
    copy = reloaded(agreement)
    assert copy.status is AgreementStatus.SUPERSEDED
    assert copy.signatures[Party.COUNTERPARTY]["signed_at"] == clock.now - timedelta(1)
    assert copy.counterparty == school()


def test_the_id_is_derived_from_issuer_counterparty_year_and_generation():
    agreement = issued()
    assert agreement.id == agreement_id_for(ISSUER, school(), 2025, 1)
    assert issued().id == agreement.id
    assert issued(2026).id != agreement.id
    guardian = Counterparty.of("guardian", "pupil-0042", "Mrs Zhao")
    assert agreement_id_for(ISSUER, guardian, 2025, 1) != agreement.id


def test_each_party_signs_once(refused):
    agreement = issued()
    agreement.sign("issuer", signer="Director Wang", role="director")
    error = refused(
        agreement, AlreadySignedError, agreement.sign, "issuer", signer="X", role="y"
    )
    assert (error.rule, error.field) == ("each_party_signs_once", "party")


def test_no_signature_after_revocation(refused):
    agreement = issued()
    agreement.revoke("school merged into another")
    assert agreement.status is AgreementStatus.REVOKED
    error = refused(
        agreement, AgreementEndedError, agreement.sign, "issuer", signer="W", role="d"
    )
    assert error.rule == "agreement_active"


def test_no_signature_after_supersession(refused):
    agreement = issued()
    agreement.supersede(duties=["x"], document_digest=DOC2, reason="new terms")
    refused(
        agreement, AgreementEndedError, agreement.sign, "issuer", signer="W", role="d"
    )
    refused(agreement, AgreementEndedError, agreement.revoke, "again")
    refused(
        agreement,
        AgreementEndedError,
        agreement.supersede,
        duties=["x"],
        document_digest=DOC2,
        reason="again",
    )


def test_a_signature_cannot_be_dated_in_the_future(clock, refused):
    agreement = issued()
    refused(
        agreement,
        FutureTimeError,
        agreement.sign,
        "issuer",
        signer="W",
        role="d",
        signed_at=clock.now + timedelta(minutes=1),
    )


def test_a_new_generation_waits_until_the_active_one_ends(refused):
    agreement = issued()
    with pytest.raises(StillActiveError) as raised:
        ResponsibilityAgreement.reissue(agreement, duties=["x"], document_digest=DOC)
    assert raised.value.rule == "one_active_per_counterparty_year"
    agreement.revoke("wrong duties")
    second = ResponsibilityAgreement.reissue(
        agreement, duties=["x"], document_digest=DOC
    )
    assert second.id == agreement_id_for(ISSUER, school(), 2025, 2)
    assert second.active


def test_a_second_active_agreement_would_reuse_an_existing_id():
    # Two issuers racing for the same counterparty-year build the same id, so
    # the store takes only one of them.
    first, second = issued(), issued()
    assert first.id == second.id
    first.revoke("withdrawn")
    one = ResponsibilityAgreement.reissue(first, duties=["a"], document_digest=DOC)
    two = ResponsibilityAgreement.reissue(first, duties=["b"], document_digest=DOC2)
    assert one.id == two.id


def test_a_superseding_agreement_is_validated_before_anything_changes(refused):
    agreement = issued()
    refused(
        agreement,
        DigestFormatError,
        agreement.supersede,
        duties=["x"],
        document_digest="not-a-digest",
        reason="new",
    )
    refused(
        agreement,
        InvalidValueError,
        agreement.supersede,
        duties=[],
        document_digest=DOC2,
        reason="new",
    )
    refused(
        agreement,
        ReasonRequiredError,
        agreement.supersede,
        duties=["x"],
        document_digest=DOC2,
        reason="",
    )


def test_revocation_needs_a_reason(refused):
    agreement = issued()
    error = refused(agreement, ReasonRequiredError, agreement.revoke, "  ")
    assert (error.rule, error.field) == ("reason_required", "reason")


def test_issue_checks_its_values():
    with pytest.raises(OutOfRangeError):
        issued(year=1999)
    with pytest.raises(UnknownChoiceError):
        Counterparty.of("neighbour", "x", "y")
    with pytest.raises(InvalidValueError) as raised:
        Counterparty.of("child_tenant", "not-a-uuid", "School")
    assert raised.value.field == "counterparty_ref"
    with pytest.raises(SelfAgreementError):
        ResponsibilityAgreement.issue(
            issuer_id=ISSUER,
            counterparty=Counterparty.of("child_tenant", str(ISSUER), "Itself"),
            year=2025,
            duties=["x"],
            document_digest=DOC,
        )


def test_an_unknown_party_is_refused(refused):
    agreement = issued()
    refused(
        agreement, UnknownChoiceError, agreement.sign, "witness", signer="W", role="r"
    )
