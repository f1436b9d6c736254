"""Every response confines the browser; attachments download, never render."""

from __future__ import annotations

import io
import re

import pytest

from safeledger.platform.app import create_app
from safeledger.platform.settings import Settings
from tests import sample_files

pytestmark = pytest.mark.parametrize("backend", ["sqlite"])


@pytest.mark.parametrize(
    "path", ["/api/openapi.json", "/api/docs", "/console/login", "/api/v1/auth/me"]
)
def test_every_response_carries_the_security_headers(anonymous, backend, path):
    headers = anonymous.get(path).headers
    policy = headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in policy
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert "Strict-Transport-Security" not in headers  # plain HTTP: embedded mode


def test_hosted_over_https_browsers_are_told_to_stay_on_https(tmp_path, backend):
    settings = Settings.from_env(
        {
            "SAFELEDGER_INSTANCE_PATH": str(tmp_path),
            "SAFELEDGER_SECRET_KEY": "test-secret-key-that-is-long-enough-1234",
            "SAFELEDGER_SECURE_COOKIES": "1",
        }
    )
    app = create_app(settings, test_config={"TESTING": True})
    try:
        response = app.test_client().get("/api/openapi.json")
        assert "max-age=" in response.headers["Strict-Transport-Security"]
    finally:
        app.extensions["safeledger"].close()


def test_the_api_docs_page_runs_no_inline_script(anonymous, backend):
    page = anonymous.get("/api/docs").get_data(as_text=True)
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", page, re.S)
    assert scripts and all(
        "src=" in attrs and not body.strip() for attrs, body in scripts
    )
    starter = anonymous.get("/api/docs/swagger-init.js")
    assert starter.status_code == 200 and b"SwaggerUIBundle" in starter.data
    starter.close()


def test_an_attachment_downloads_as_a_file_the_browser_may_not_sniff(
    client, school, backend
):
    photo = sample_files.png()
    uploaded = client.post(
        f"/api/v1/tenants/{school}/attachments",
        data={"file": (io.BytesIO(photo), '现场 "照片".png')},
        content_type="multipart/form-data",
    )
    assert uploaded.status_code == 201, uploaded.json
    url = f"/api/v1/tenants/{school}/attachments/{uploaded.json['sha256']}"
    with client.get(url) as response:
        assert response.data == photo
        headers = response.headers
    disposition = headers["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "filename*=UTF-8''%E7%8E%B0%E5%9C%BA" in disposition
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in headers["Content-Security-Policy"]
