"""Attachments: photos and documents entered into a tenant's ledger by digest.

The bytes live in the platform's content-addressed storage; the ledger records
that a tenant holds them (who uploaded what, when), once per tenant and digest.
"""

from __future__ import annotations

from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import event

from safeledger.tenants import context
from safeledger.tenants.hierarchy import clean_text
from safeledger.tenants.ledger import LedgerAggregate
from safeledger.tenants.values import digest

ATTACHMENT_NAMESPACE = uuid5(NAMESPACE_URL, "https://safeledger.example/attachments")


def attachment_id_for(tenant_id: UUID, sha256: str) -> UUID:
    """The id of ``tenant_id``'s attachment with this digest."""
    return uuid5(ATTACHMENT_NAMESPACE, f"{tenant_id.hex}/{sha256}")


class Attachment(LedgerAggregate):
    """A photo or document a tenant's records refer to by its SHA-256 digest."""

    @staticmethod
    def create_id(sha256: str) -> UUID:
        """One attachment per tenant and digest: the same bytes are entered once."""
        return attachment_id_for(context.current_ledger(), sha256)

    @event("Uploaded")
    def __init__(
        self, *, sha256: str, media_type: str, size: int, filename: str
    ) -> None:
        self.sha256 = sha256
        self.media_type = media_type
        self.size = size
        self.filename = filename

    @classmethod
    def upload(
        cls, *, sha256: str, media_type: str, size: int, filename: str
    ) -> Attachment:
        """Enter stored bytes into the current ledger."""
        return cls(
            sha256=digest(sha256, "sha256"),
            media_type=media_type,
            size=size,
            filename=(filename or "").strip()[:255],
        )

    def redact(self, reason: str) -> None:
        """Decide that the bytes are withheld from evidence (e.g. a minor's face).

        The decision is itself an event, so a bundle without these bytes can
        show why: the verifier accepts a missing attachment only with it.
        """
        self._redacted(sha256=self.sha256, reason=clean_text(reason, "reason", 500))

    @event("Redacted")
    def _redacted(self, *, sha256: str, reason: str) -> None:
        # The digest is repeated in the event so a verifier reads it offline.
        self.redacted_reason = reason
