"""Attachments: checked on their bytes, stored once, entered into the ledger once."""

from __future__ import annotations

import hashlib
import io

from tests import sample_files
from tests.conftest import stored_events

PNG = sample_files.png()
PDF = sample_files.pdf()


def upload(client, tenant, data: bytes, name: str):
    files = {"file": (io.BytesIO(data), name)}
    return client.post(
        f"/api/v1/tenants/{tenant}/attachments",
        data=files,
        content_type="multipart/form-data",
    )


def test_a_photo_is_stored_by_digest_and_served_back(client, school):
    response = upload(client, school, PNG, "现场.png")
    assert response.status_code == 201, response.json
    assert response.json["sha256"] == hashlib.sha256(PNG).hexdigest()
    assert response.json["media_type"] == "image/png"
    with client.get(
        f"/api/v1/tenants/{school}/attachments/{response.json['sha256']}"
    ) as got:
        assert got.status_code == 200
        assert got.data == PNG
        assert got.mimetype == "image/png"


def test_the_same_bytes_are_stored_and_entered_once(client, app, school):
    first = upload(client, school, PDF, "plan.pdf")
    events = len(stored_events(app.extensions["safeledger"]))
    second = upload(client, school, PDF, "copy-of-plan.pdf")
    assert second.status_code == 201
    assert second.json["id"] == first.json["id"]
    assert len(stored_events(app.extensions["safeledger"])) == events
    blobs = app.extensions["safeledger"].blobs
    assert blobs.read(first.json["sha256"]) == PDF
    files = [p for p in blobs.root.rglob("*") if p.is_file()]
    assert len(files) == 1


def test_the_type_is_read_from_the_bytes_not_the_name(client, app, school):
    events = len(stored_events(app.extensions["safeledger"]))
    response = upload(client, school, b"MZ\x90\x00 not really a photo", "photo.jpg")
    assert response.status_code == 422
    assert "accepted_file_type" in str(response.json["errors"])
    assert len(stored_events(app.extensions["safeledger"])) == events


def test_an_empty_file_is_refused(client, school):
    response = upload(client, school, b"", "empty.png")
    assert response.status_code == 422
    assert "file_size_limit" in str(response.json["errors"])


def test_another_tenants_attachment_is_not_served(client, hierarchy):
    sha256 = upload(client, hierarchy["school"], PNG, "a.png").json["sha256"]
    response = client.get(f"/api/v1/tenants/{hierarchy['county']}/attachments/{sha256}")
    assert response.status_code == 404
