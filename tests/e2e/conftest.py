"""Fixtures of the API tests: a small hierarchy down to one school."""

from __future__ import annotations

import hashlib
import io
from typing import Any

import pytest

from tests import sample_files


def created(response: Any, status: int = 201) -> dict[str, Any]:
    """The JSON of a command that must have succeeded with ``status``."""
    assert response.status_code == status, response.json
    return response.json


def fake_digest(label: str) -> str:
    """A SHA-256 hex digest standing for a stored photo or document."""
    return hashlib.sha256(label.encode()).hexdigest()


def uploaded(client, tenant: str, label: str = "document") -> str:
    """Upload a whole PDF (distinct per label) to ``tenant``; its digest to cite."""
    files = {"file": (io.BytesIO(sample_files.pdf(label=label)), f"{label}.pdf")}
    response = client.post(
        f"/api/v1/tenants/{tenant}/attachments",
        data=files,
        content_type="multipart/form-data",
    )
    return created(response)["sha256"]


@pytest.fixture
def hierarchy(client) -> dict[str, str]:
    """Province → city → county → school, registered through the API."""
    ids = {
        "province": created(
            client.post("/api/v1/tenants", json={"code": "44", "name": "省"})
        )["id"]
    }
    parent = ids["province"]
    for kind, code in (("city", "4401"), ("county", "440101")):
        body = {"kind": kind, "code": code, "name": f"{kind} {code}"}
        ids[kind] = created(
            client.post(f"/api/v1/tenants/{parent}/children", json=body)
        )["id"]
        parent = ids[kind]
    body = {
        "kind": "school",
        "code": "S1",
        "name": "实验小学",
        "school_type": "primary",
    }
    ids["school"] = created(
        client.post(f"/api/v1/tenants/{parent}/children", json=body)
    )["id"]
    return ids


@pytest.fixture
def school(hierarchy) -> str:
    return hierarchy["school"]
