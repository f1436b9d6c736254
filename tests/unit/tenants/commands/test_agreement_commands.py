"""Responsibility agreements through the ledger: issue, sign, revoke, supersede."""

from __future__ import annotations

from safeledger.tenants.agreements import (
    AgreementStatus,
    Counterparty,
    Party,
    ResponsibilityAgreement,
)
from tests.unit.tenants.commands.conftest import DIGEST


def issued(ledger, tenants):
    counterparty = Counterparty.of("child_tenant", str(tenants.school), "实验小学")
    return ledger.issue_agreement(
        tenants.county,
        counterparty=counterparty,
        year=2025,
        duties=["安全第一"],
        document_digest=DIGEST,
    ).aggregate_id


def test_both_sides_sign_the_years_agreement(ledger, tenants):
    agreement = issued(ledger, tenants)
    for party in Party:
        ledger.sign_agreement(
            tenants.county, agreement, None, party=party, signer="签", role="局长"
        )
    loaded = ledger.load(ResponsibilityAgreement, tenants.county, agreement)
    assert set(loaded.signatures) == set(Party)


def test_a_superseded_agreement_names_its_successor(ledger, tenants):
    agreement = issued(ledger, tenants)
    successor = ledger.supersede_agreement(
        tenants.county,
        agreement,
        None,
        duties=["安全第一", "预防为主"],
        document_digest=DIGEST,
        reason="新增条款",
    )
    old = ledger.load(ResponsibilityAgreement, tenants.county, agreement)
    assert old.successor_id == successor.aggregate_id != agreement


def test_a_revoked_agreement_is_reissued_as_the_next_generation(ledger, tenants):
    agreement = issued(ledger, tenants)
    ledger.revoke_agreement(tenants.county, agreement, None, "签错对象")
    revoked = ledger.load(ResponsibilityAgreement, tenants.county, agreement)
    assert revoked.status == AgreementStatus.REVOKED
    again = issued(ledger, tenants)
    reissued = ledger.load(ResponsibilityAgreement, tenants.county, again)
    assert (again != agreement, reissued.generation) == (True, 2)
