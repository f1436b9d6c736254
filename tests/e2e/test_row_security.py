"""Row-level security on PostgreSQL: a policy on every table a request reads,
and no platform table (passwords, tokens, keys of idempotency) granted at all."""

from __future__ import annotations

import psycopg
import pytest
import sqlalchemy as sa

from safeledger.platform.api.context import limit_to
from safeledger.platform.store.row_security import (
    READER,
    platform_tables,
    tenant_tables,
)
from safeledger.projections.scope import Scope
from tests.conftest import bearer_client
from tests.e2e.conftest import created, uploaded

pytestmark = pytest.mark.parametrize(
    "backend", [pytest.param("postgres", marks=pytest.mark.postgres)]
)


def as_reader(app, scope, query):
    engine = app.extensions["safeledger"].engine
    with engine.connect() as conn, conn.begin():
        limit_to(conn, scope)
        return conn.execute(sa.text(query)).all()


def test_every_table_a_request_reads_has_a_policy_and_no_other_is_granted(app, backend):
    engine = app.extensions["safeledger"].engine
    with engine.connect() as conn:
        granted = set(
            conn.execute(
                sa.text(
                    "SELECT table_name FROM information_schema.role_table_grants"
                    " WHERE grantee = :reader AND privilege_type = 'SELECT'"
                ),
                {"reader": READER},
            ).scalars()
        )
        guarded = set(
            conn.execute(
                sa.text(
                    "SELECT c.relname FROM pg_class c JOIN pg_policy p"
                    " ON p.polrelid = c.oid WHERE c.relrowsecurity"
                )
            ).scalars()
        )
    assert granted == set(tenant_tables())
    assert granted <= guarded
    assert {"users", "api_tokens", "idempotency_keys", "login_failures"} <= set(
        platform_tables()
    )


@pytest.mark.parametrize(
    "table", ["users", "api_tokens", "idempotency_keys", "login_failures"]
)
def test_the_reader_role_cannot_read_platform_tables(app, backend, table):
    with pytest.raises(sa.exc.ProgrammingError) as refused:
        as_reader(app, Scope.everything(), f"SELECT * FROM {table}")
    assert isinstance(refused.value.orig, psycopg.errors.InsufficientPrivilege)


def test_agreement_coverage_and_rulesets_are_limited_to_the_readers_tenants(
    app, client, hierarchy, backend
):
    county, school = hierarchy["county"], hierarchy["school"]
    body = {
        "counterparty": {"kind": "child_tenant", "ref": school, "name": "实验小学"},
        "year": 2026,
        "duties": ["落实安全责任"],
        "document_digest": uploaded(client, county, "agreement"),
    }
    created(client.post(f"/api/v1/tenants/{county}/agreements", json=body))
    rules = {
        "effective_from": "2026-01-01",
        "title": "县级演练要求",
        "rules": {"drills": {"schedule": {"primary": {"at_least": 2}}}},
    }
    created(client.post(f"/api/v1/tenants/{county}/rulesets", json=rules))
    other = {"kind": "county", "code": "440199", "name": "他县"}
    created(client.post(f"/api/v1/tenants/{hierarchy['city']}/children", json=other))
    principal = bearer_client(app, "coverage-principal")
    created(
        client.post(
            f"/api/v1/tenants/{school}/grants",
            json={"username": "coverage-principal", "role": "principal"},
        )
    )
    with app.test_request_context(
        headers={"Authorization": principal.environ_base["HTTP_AUTHORIZATION"]}
    ):
        from safeledger.platform.auth.web import identify

        scope = identify().scope()
    coverage = as_reader(
        app, scope, "SELECT counterparty_tenant_id FROM agreement_coverage"
    )
    assert [str(row[0]) for row in coverage] == [school]
    nothing = as_reader(app, Scope.nothing(), "SELECT * FROM agreement_coverage")
    assert nothing == []
    assert as_reader(app, Scope.nothing(), "SELECT * FROM rulesets") == []
    # The county's rules bind the school below it: its principal sees them.
    above = as_reader(app, scope, "SELECT jurisdiction_id FROM rulesets")
    assert county in {str(row[0]) for row in above}
