"""The API against its own OpenAPI document, with generated requests per role.

Every operation is called with a bounded number of generated requests, as a
platform admin and as a school's principal: no answer is a server error, and
every answer is one the document declares, in the shape it declares. ``make
fuzz`` runs the same with many more examples (``SAFELEDGER_FUZZ_EXAMPLES``).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator

import pytest
import schemathesis
from flask import Flask
from hypothesis import HealthCheck, given, settings
from schemathesis import checks

from safeledger.platform.app import create_app
from safeledger.platform.auth import tokens
from safeledger.platform.auth.accounts import create_user
from safeledger.platform.migrate import migrate
from safeledger.platform.settings import Settings

EXAMPLES = int(os.environ.get("SAFELEDGER_FUZZ_EXAMPLES", "2"))


@pytest.fixture(scope="module")
def fuzzed_app() -> Iterator[Flask]:
    """One platform for the whole campaign: a province down to one school."""
    with tempfile.TemporaryDirectory() as folder:
        config = Settings.from_env(
            {
                "SAFELEDGER_INSTANCE_PATH": folder,
                "SAFELEDGER_SECRET_KEY": "fuzz-secret-key-that-is-long-enough-1234",
                "SAFELEDGER_READ_YOUR_WRITES_TIMEOUT": "0.5",
            }
        )
        app = create_app(config, test_config={"TESTING": True})
        runtime = app.extensions["safeledger"]
        migrate(config, runtime.engine)
        runtime.start_projector()
        app.config["FUZZ_TOKENS"] = _tokens(app)
        yield app
        runtime.close()


def _tokens(app: Flask) -> dict[str, str]:
    engine = app.extensions["safeledger"].engine
    admin = create_user(
        engine, "fuzz-admin", "a-long-fuzz-password", platform_admin=True
    )
    secret, _ = tokens.issue(engine, admin.user_id, "fuzz")
    client = app.test_client()
    client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {secret}"
    province = client.post("/api/v1/tenants", json={"code": "44", "name": "省"}).json
    school = client.post(
        f"/api/v1/tenants/{province['id']}/children",
        json={"kind": "city", "code": "4401", "name": "市"},
    ).json
    principal = create_user(engine, "fuzz-principal", "a-long-fuzz-password")
    client.post(
        f"/api/v1/tenants/{school['id']}/grants",
        json={"username": "fuzz-principal", "role": "principal"},
    )
    narrow, _ = tokens.issue(engine, principal.user_id, "fuzz")
    return {"platform_admin": secret, "principal": narrow}


# What every answer must be. (Whether any schema-valid text is accepted is not
# among them: the server refuses control characters the document cannot express.)
CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_schema_conformance,
    checks.response_headers_conformance,
]
FUZZ_SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)


def campaign(app: Flask, role: str) -> list[str]:
    """Fuzz every operation as ``role``; each failing operation and why."""
    token = app.config["FUZZ_TOKENS"][role]
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", app)
    failures = []
    for found in schema.get_all_operations():
        operation = found.ok()

        @FUZZ_SETTINGS
        @given(case=operation.as_strategy())
        def call(case) -> None:
            case.call_and_validate(
                headers={"Authorization": f"Bearer {token}"}, checks=CHECKS
            )

        try:
            call()
        except (Exception, BaseExceptionGroup) as failure:
            failures.append(f"{operation.label}: {failure}"[:2000])
    return failures


def test_as_a_platform_admin_no_5xx_and_every_answer_as_documented(fuzzed_app):
    assert campaign(fuzzed_app, "platform_admin") == []


def test_as_a_principal_no_5xx_and_every_answer_as_documented(fuzzed_app):
    assert campaign(fuzzed_app, "principal") == []
