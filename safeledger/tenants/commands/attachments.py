"""Commands on attachments: enter stored bytes into a tenant's ledger."""

from __future__ import annotations

from uuid import UUID

from safeledger.tenants.attachments import Attachment, attachment_id_for
from safeledger.tenants.commands.base import CommandBase, Recorded


class AttachmentCommands(CommandBase):
    """Photos and documents, entered once per tenant and digest."""

    def enter_attachment(
        self, tenant_id: UUID, *, sha256: str, media_type: str, size: int, filename: str
    ) -> Recorded:
        """Record that the tenant holds these bytes; a second upload records nothing."""
        existing = attachment_id_for(tenant_id, sha256)
        if self.exists(existing):
            attachment = self.load(Attachment, tenant_id, existing)
            return Recorded(attachment.id, attachment.version, self.name, None)
        return self.create(
            tenant_id,
            lambda: Attachment.upload(
                sha256=sha256, media_type=media_type, size=size, filename=filename
            ),
        )

    def redact_attachment(
        self, tenant_id: UUID, *, sha256: str, reason: str
    ) -> Recorded:
        """Record the decision to withhold an attachment's bytes from evidence."""
        attachment_id = attachment_id_for(tenant_id, sha256)
        return self.change(
            Attachment, tenant_id, attachment_id, None, lambda a: a.redact(reason)
        )
