"""Safety responsibility agreements (安全责任书), signed level by level every year.

A tenant issues an agreement to a counterparty — a child tenant, a staff member
or a pupil's guardian — for a year; both sides sign it once each.

At most one agreement per (issuer, counterparty, year) is ever active, and the
store enforces it rather than a query. The agreement id is the uuid5 of issuer,
counterparty, year and a *generation* number, so each generation can be created
only once (a second creation of the same id fails as a version conflict). The
first agreement is generation 1; generation n + 1 can be built only from
generation n once that has ended, either by :meth:`supersede`, which records the
supersession and returns the successor for the application to save with it in
one transaction, or by :meth:`ResponsibilityAgreement.reissue` after a
revocation. Ending is final, so every generation but the newest has ended, and
the newest is the one active agreement, if any.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import event

from safeledger.tenants import context
from safeledger.tenants.errors import ConflictError, InvalidValueError
from safeledger.tenants.hierarchy import clean_text
from safeledger.tenants.ledger import LedgerAggregate
from safeledger.tenants.values import (
    CounterpartyKind,
    choice,
    count,
    digest,
    given_reason,
    not_in_future,
)

AGREEMENT_NAMESPACE = uuid5(NAMESPACE_URL, "https://safeledger.example/agreements")


class Party(StrEnum):
    ISSUER = "issuer"
    COUNTERPARTY = "counterparty"


class AgreementStatus(StrEnum):
    ACTIVE = "active"
    REVOKED = "revoked"
    SUPERSEDED = "superseded"


class AlreadySignedError(ConflictError):
    """Each party signs an agreement once."""

    rule = "each_party_signs_once"
    field = "party"


class AgreementEndedError(ConflictError):
    """A revoked or superseded agreement takes no signatures and no changes."""

    rule = "agreement_active"


class StillActiveError(ConflictError):
    """A new generation is issued only once the previous one has ended."""

    rule = "one_active_per_counterparty_year"


class SelfAgreementError(InvalidValueError):
    """A tenant does not issue an agreement to itself."""

    rule = "counterparty_not_issuer"
    field = "counterparty_ref"


@dataclass(frozen=True)
class Counterparty:
    """Who the agreement is with: a child tenant's id, a staff or guardian reference."""

    kind: CounterpartyKind
    ref: str
    name: str

    @classmethod
    def of(cls, kind: CounterpartyKind | str, ref: str, name: str) -> Counterparty:
        """Check and normalise a counterparty."""
        kind = choice(CounterpartyKind, kind, "counterparty_kind")
        ref = clean_text(str(ref), "counterparty_ref", 100)
        if kind is CounterpartyKind.CHILD_TENANT:
            try:
                ref = str(UUID(ref))
            except ValueError:
                raise InvalidValueError(
                    "a child tenant is named by its tenant id",
                    field="counterparty_ref",
                ) from None
        return cls(kind, ref, clean_text(name, "counterparty_name", 200))


def agreement_id_for(
    issuer_id: UUID, counterparty: Counterparty, year: int, generation: int
) -> UUID:
    """The id of one generation of the agreement with a counterparty for a year."""
    return ResponsibilityAgreement.create_id(
        issuer_id, counterparty.kind.value, counterparty.ref, year, generation
    )


class ResponsibilityAgreement(LedgerAggregate):
    """One generation of a year's safety agreement with one counterparty."""

    label = "agreement"  # how errors and the API name it

    @staticmethod
    def create_id(
        issuer_id: UUID,
        counterparty_kind: str,
        counterparty_ref: str,
        year: int,
        generation: int,
    ) -> UUID:
        """Derive the id, so each generation for a counterparty-year exists once."""
        key = f"{issuer_id.hex}/{counterparty_kind}/{counterparty_ref}/{year}"
        return uuid5(AGREEMENT_NAMESPACE, f"{key}/{generation}")

    @event("Issued")
    def __init__(
        self,
        *,
        issuer_id: UUID,
        counterparty_kind: str,
        counterparty_ref: str,
        counterparty_name: str,
        year: int,
        generation: int,
        duties: list[str],
        document_digest: str,
        previous_id: UUID | None,
    ) -> None:
        self.issuer_id = issuer_id
        self.counterparty = Counterparty(
            CounterpartyKind(counterparty_kind), counterparty_ref, counterparty_name
        )
        self.year = year
        self.generation = generation
        self.duties = list(duties)
        self.document_digest = document_digest
        self.previous_id = previous_id
        self.status = AgreementStatus.ACTIVE
        self.signatures: dict[Party, dict[str, object]] = {}
        self.successor_id: UUID | None = None
        self.end_reason: str | None = None

    @classmethod
    def issue(
        cls,
        *,
        issuer_id: UUID,
        counterparty: Counterparty,
        year: int,
        duties: Iterable[str],
        document_digest: str,
    ) -> ResponsibilityAgreement:
        """Issue the first agreement with ``counterparty`` for ``year``."""
        return cls._issue(issuer_id, counterparty, year, duties, document_digest, None)

    @classmethod
    def reissue(
        cls,
        previous: ResponsibilityAgreement,
        *,
        duties: Iterable[str],
        document_digest: str,
    ) -> ResponsibilityAgreement:
        """Issue the next generation once ``previous`` was revoked or superseded."""
        if previous.active:
            raise StillActiveError(
                f"the {previous.year} agreement with {previous.counterparty.name} "
                "is still active; supersede or revoke it first"
            )
        return cls._issue(
            previous.issuer_id,
            previous.counterparty,
            previous.year,
            duties,
            document_digest,
            previous,
        )

    @classmethod
    def _issue(
        cls,
        issuer_id: UUID,
        counterparty: Counterparty,
        year: int,
        duties: Iterable[str],
        document_digest: str,
        previous: ResponsibilityAgreement | None,
    ) -> ResponsibilityAgreement:
        duties, document_digest = _checked_terms(duties, document_digest)
        count(year, "year", minimum=2000, maximum=2100)
        if counterparty.ref == str(issuer_id):
            raise SelfAgreementError("a tenant cannot sign an agreement with itself")
        return cls(
            issuer_id=issuer_id,
            counterparty_kind=counterparty.kind.value,
            counterparty_ref=counterparty.ref,
            counterparty_name=counterparty.name,
            year=year,
            generation=previous.generation + 1 if previous else 1,
            duties=duties,
            document_digest=document_digest,
            previous_id=previous.id if previous else None,
        )

    @property
    def active(self) -> bool:
        """Whether this is the agreement in force for its counterparty and year."""
        return self.status is AgreementStatus.ACTIVE

    @property
    def fully_signed(self) -> bool:
        """Whether both the issuer and the counterparty have signed."""
        return all(party in self.signatures for party in Party)

    def sign(
        self,
        party: Party | str,
        *,
        signer: str,
        role: str,
        signed_at: datetime | None = None,
    ) -> None:
        """Record one side's signature (by default signed at the server's now)."""
        party = choice(Party, party, "party")
        self.ensure_active()
        if party in self.signatures:
            raise AlreadySignedError(f"the {party.value} side has already signed")
        signed_at = not_in_future(signed_at or context.now(), "signed_at")
        self._signed(
            party=party.value,
            signer=clean_text(signer, "signer", 200),
            role=clean_text(role, "role", 100),
            signed_at=signed_at,
        )

    @event("Signed")
    def _signed(self, party: str, signer: str, role: str, signed_at: datetime) -> None:
        self.signatures[Party(party)] = {
            "signer": signer,
            "role": role,
            "signed_at": signed_at,
        }

    def revoke(self, reason: str) -> None:
        """Withdraw the agreement; a new generation may then be issued."""
        self.ensure_active()
        self._revoked(reason=given_reason(reason))

    @event("Revoked")
    def _revoked(self, reason: str) -> None:
        self.status = AgreementStatus.REVOKED
        self.end_reason = reason

    def supersede(
        self, *, duties: Iterable[str], document_digest: str, reason: str
    ) -> ResponsibilityAgreement:
        """Replace the agreement with new terms; save the successor with this one."""
        self.ensure_active()
        duties, document_digest = _checked_terms(duties, document_digest)
        why = given_reason(reason)
        successor_id = agreement_id_for(
            self.issuer_id, self.counterparty, self.year, self.generation + 1
        )
        self._superseded(successor_id=successor_id, reason=why)
        return type(self).reissue(self, duties=duties, document_digest=document_digest)

    @event("Superseded")
    def _superseded(self, successor_id: UUID, reason: str) -> None:
        self.status = AgreementStatus.SUPERSEDED
        self.successor_id = successor_id
        self.end_reason = reason

    def ensure_active(self) -> None:
        """Refuse changes to a revoked or superseded agreement."""
        if not self.active:
            raise AgreementEndedError(
                f"the agreement has been {self.status.value}", field="status"
            )


def _checked_terms(
    duties: Iterable[str], document_digest: str
) -> tuple[list[str], str]:
    checked = [clean_text(duty, "duties", 1000) for duty in duties]
    if not checked:
        raise InvalidValueError("an agreement lists at least one duty", field="duties")
    return checked, digest(document_digest, "document_digest")
