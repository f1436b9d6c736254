"""Evidence through the HTTP API: checkpoints, proofs, export jobs, keys."""

from __future__ import annotations

import base64
import io
import zipfile

import pytest

from safeledger.evidence import merkle, note, verifier
from safeledger.platform.evidence import checkpoints
from safeledger.platform.evidence.keys import load_signer
from safeledger.tenants import context
from tests import sample_files
from tests.evidence_support import ledgered, province, renames, signing_key

pytestmark = pytest.mark.usefixtures("signing_key")
__all__ = ["signing_key"]


@pytest.fixture
def tenant(client, app) -> str:
    """A province renamed three times, with two published checkpoints."""
    runtime = app.extensions["safeledger"]
    with context.acting_as("test:operator"):
        tenant_id = province(runtime.store)
        ledgered(runtime)
        checkpoints.publish(runtime.settings, runtime.engine)
        renames(runtime.store, tenant_id, 3)
    ledgered(runtime)
    checkpoints.publish(runtime.settings, runtime.engine)
    return str(tenant_id)


def b64(value: str) -> bytes:
    return base64.b64decode(value)


def test_checkpoints_are_listed_and_the_latest_is_signed(client, tenant):
    listed = client.get(f"/api/v1/tenants/{tenant}/evidence/checkpoints").json
    assert [c["tree_size"] for c in listed["items"]] == [1, 4]
    latest = client.get(f"/api/v1/tenants/{tenant}/evidence/checkpoints/latest").json
    [key] = client.get("/api/v1/evidence/keys").json
    assert latest["key_id"] == key["key_id"]
    assert verifier.signature_ok(
        b64(key["public_key"]), b64(latest["signature"]), latest["text"].encode()
    )


def test_an_inclusion_proof_leads_to_the_checkpoint_root(client, tenant):
    url = f"/api/v1/tenants/{tenant}/evidence/proofs/inclusion"
    body = client.get(f"{url}?originator_id={tenant}&version=2&tree_size=4").json
    root = merkle.root_from_inclusion_proof(
        body["leaf_index"], 4, b64(body["leaf_hash"]), [b64(h) for h in body["proof"]]
    )
    assert root == b64(body["checkpoint"]["root"])
    missing = client.get(f"{url}?originator_id={tenant}&version=9")
    assert missing.status_code == 404
    assert "no ledgered event" in missing.json["message"]


def test_a_consistency_proof_joins_two_checkpoints(client, tenant):
    url = f"/api/v1/tenants/{tenant}/evidence/proofs/consistency"
    body = client.get(f"{url}?first=1&second=4").json
    merkle.verify_consistency(
        1,
        4,
        b64(body["first"]["root"]),
        b64(body["second"]["root"]),
        [b64(h) for h in body["proof"]],
    )
    assert client.get(f"{url}?first=4&second=1").status_code == 422
    assert client.get(f"{url}?first=2&second=4").status_code == 404


def test_an_export_job_is_accepted_then_downloaded_as_a_valid_bundle(
    client, tenant, tmp_path
):
    started = client.post(f"/api/v1/tenants/{tenant}/evidence/exports", json={})
    assert started.status_code == 202, started.json
    job = client.get(
        f"/api/v1/tenants/{tenant}/evidence/exports/{started.json['job_id']}"
    ).json
    assert job["status"] == "finished" and job["events"] == 4
    response = client.get(job["download_url"])
    assert response.status_code == 200
    assert response.mimetype == "application/zip"
    path = tmp_path / "download.zip"
    path.write_bytes(response.data)
    response.close()
    assert verifier.verify(path).faults == []
    with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as bundle:
        assert "README.txt" in bundle.namelist()


def test_evidence_of_an_unknown_tenant_is_404(client):
    unknown = "00000000-0000-0000-0000-000000000000"
    response = client.get(f"/api/v1/tenants/{unknown}/evidence/checkpoints/latest")
    assert response.status_code == 404


def test_a_bundle_carries_the_attachments_its_events_refer_to(client, tenant, tmp_path):
    photo = sample_files.pdf()
    uploaded = client.post(
        f"/api/v1/tenants/{tenant}/attachments",
        data={"file": (io.BytesIO(photo), "plan.pdf")},
        content_type="multipart/form-data",
    )
    assert uploaded.status_code == 201, uploaded.json
    started = client.post(f"/api/v1/tenants/{tenant}/evidence/exports", json={})
    with client.get(started.json["download_url"]) as response:
        (tmp_path / "b.zip").write_bytes(response.data)
    with zipfile.ZipFile(tmp_path / "b.zip") as bundle:
        assert bundle.read(f"attachments/{uploaded.json['sha256']}") == photo
    assert verifier.verify(tmp_path / "b.zip").faults == []


@pytest.mark.parametrize("backend", ["sqlite"])
def test_anyone_may_read_a_tenants_checkpoints_as_signed_notes(anonymous, app, tenant):
    settings = app.extensions["safeledger"].settings
    latest = anonymous.get(f"/api/v1/evidence/feed/{tenant}/checkpoint")
    assert latest.status_code == 200
    assert latest.mimetype == "text/plain"
    signer = load_signer(settings)
    vkey = note.VerifierKey(settings.evidence_origin, note.ED25519, signer.public_key)
    signed = note.Note.parse(latest.text)
    assert signed.text.split("\n")[1] == "4"
    assert [note.verified(vkey, signed.text, s) for s in signed.signatures] == [0]
    listed = anonymous.get(f"/api/v1/evidence/feed/{tenant}/checkpoints").json
    assert [item["tree_size"] for item in listed["items"]] == [1, 4]
    assert listed["items"][1]["note"] == latest.text
    assert (
        anonymous.get(f"/api/v1/tenants/{tenant}/evidence/checkpoints").status_code
        == 401
    )
