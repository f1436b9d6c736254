"""Routes of the attachment resource: upload photos and documents, fetch them back."""

from __future__ import annotations

import mimetypes
from typing import Any
from urllib.parse import quote
from uuid import UUID

from flask import Response
from flask.views import MethodView
from flask_smorest import Blueprint

from safeledger.platform.api.attachments import schemas
from safeledger.platform.api.commands import command, recorded
from safeledger.platform.api.context import command_context, runtime
from safeledger.platform.security_headers import ATTACHMENT_POLICY
from safeledger.tenants.attachments import Attachment, attachment_id_for

blp = Blueprint(
    "attachments",
    __name__,
    url_prefix="/api/v1/tenants/<uuid:tenant_id>/attachments",
    description="Photos and documents, stored once by their SHA-256 digest.",
)


@blp.route("")
class Attachments(MethodView):
    @command(blp)
    @blp.arguments(schemas.UploadSchema, location="files")
    @blp.response(201, schemas.AttachmentSchema)
    def post(self, files: dict[str, Any], tenant_id: UUID) -> dict[str, Any]:
        """Upload a photo or document; events then refer to it by its digest."""
        upload = files["file"]
        rt = runtime()
        stored = rt.blobs.put(upload.read(), rt.settings.max_attachment_mb * 2**20)
        with command_context():
            ledger = rt.store.for_tenant(tenant_id)
            result = ledger.enter_attachment(
                tenant_id, filename=upload.filename or "", **vars(stored)
            )
        return {**vars(recorded(result)), **vars(stored)}


@blp.route("/<string:sha256>")
class AttachmentContent(MethodView):
    @blp.response(200, {"format": "binary", "type": "string"}, content_type="*/*")
    def get(self, tenant_id: UUID, sha256: str) -> Any:
        """Download an attachment this tenant holds."""
        rt = runtime()
        ledger = rt.store.for_tenant(tenant_id)
        attachment = ledger.load(
            Attachment, tenant_id, attachment_id_for(tenant_id, sha256)
        )
        response = Response(rt.blobs.read(sha256), mimetype=attachment.media_type)
        return downloaded(response, attachment.filename, sha256)


def downloaded(response: Response, filename: str, sha256: str) -> Response:
    """Serve a stored file as a download the browser neither sniffs nor runs."""
    extension = mimetypes.guess_extension(response.mimetype) or ""
    fallback = f"{sha256[:16]}{extension}"  # ASCII, for clients without RFC 6266
    name = filename.replace("/", "_").replace("\\", "_") or fallback
    response.headers["Content-Disposition"] = (
        f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name)}"
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = ATTACHMENT_POLICY
    return response
