"""Photos and documents sent with a console form, stored as the API stores them."""

from __future__ import annotations

from uuid import UUID

from flask import request

from safeledger.platform.api.context import runtime
from safeledger.platform.console.frame import acting


def store_uploads(tenant_id: UUID, field_name: str) -> list[str]:
    """Store each file of ``field_name`` and enter it in the tenant's ledger; digests.

    Raises the blob store's domain errors (type, size) for the form to show.
    """
    rt = runtime()
    digests = []
    for upload in request.files.getlist(field_name):
        data = upload.read()
        if not data:
            continue  # an empty file input sends one empty part
        stored = rt.blobs.put(data, rt.settings.max_attachment_mb * 2**20)
        with acting():
            rt.store.for_tenant(tenant_id).enter_attachment(
                tenant_id, filename=upload.filename or "", **vars(stored)
            )
        digests.append(stored.sha256)
    return digests
