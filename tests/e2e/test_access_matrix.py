"""Every endpoint, called as every user of a random hierarchy, obeys the matrix.

The oracle here is independent of the platform's own checks: it recomputes from
the grants it made which tenants each user may see and act on, then asserts that
no call answers 2xx outside them and that no body carries another tenant's data.
"""

from __future__ import annotations

import random
import re
import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta

import pytest
from werkzeug.routing import Rule

from safeledger.platform.auth import policy, tokens
from safeledger.platform.auth.accounts import create_user
from safeledger.platform.projector import catch_up
from safeledger.tenants import context
from safeledger.tenants.access import (
    COVERS_DESCENDANTS,
    GRANTABLE,
    Action,
    Role,
    allows,
)
from safeledger.tenants.hierarchy import SchoolType, TenantKind

SEED = 20261129


@dataclass
class Tenant:
    tenant_id: uuid.UUID
    name: str
    ancestors: list[uuid.UUID]
    records: dict[str, uuid.UUID] = field(default_factory=dict)


@dataclass
class User:
    username: str
    grants: list[tuple[Role, uuid.UUID]]
    token: str = ""

    def may(self, action: Action, tenant: Tenant) -> bool:
        for role, granted_on in self.grants:
            if not allows(role, action):
                continue
            if granted_on == tenant.tenant_id:
                return True
            if role in COVERS_DESCENDANTS and granted_on in tenant.ancestors:
                return True
        return False


def build_province(store, rng: random.Random) -> list[Tenant]:
    register = store.registrar.register_tenant
    tenants: list[Tenant] = []

    def add(kind, code, parent: Tenant | None, **extra) -> Tenant:
        name = f"{kind.value}-{code}-名称"
        made = register(
            kind=kind,
            code=code,
            name=name,
            parent_id=parent.tenant_id if parent else None,
            **extra,
        )
        ancestors = [*parent.ancestors, parent.tenant_id] if parent else []
        tenants.append(Tenant(made.aggregate_id, name, ancestors))
        return tenants[-1]

    province = add(TenantKind.PROVINCE, "P", None)
    for c in range(2):
        city = add(TenantKind.CITY, f"C{c}", province)
        for k in range(2):
            county = add(TenantKind.COUNTY, f"C{c}K{k}", city)
            for s in range(2):
                school = add(
                    TenantKind.SCHOOL,
                    f"C{c}K{k}S{s}",
                    county,
                    school_type=rng.choice(list(SchoolType)),
                )
                ledger = store.for_tenant(school.tenant_id)
                school.records["hazard_id"] = ledger.log_hazard(
                    school.tenant_id,
                    category="fire",
                    severity="general",
                    description=f"隐患 of {school.name}",
                    found_by="x",
                    place="p",
                ).aggregate_id
                school.records["drill_id"] = ledger.plan_drill(
                    school.tenant_id,
                    kind="fire",
                    planned_on=date.today() + timedelta(days=3),
                ).aggregate_id
                ledger.open_grid(school.tenant_id)
    return tenants


def make_users(app, store, tenants: list[Tenant], rng: random.Random) -> list[User]:
    engine = app.extensions["safeledger"].engine
    users = [User("nobody", [])]
    for number in range(9):
        grants = [
            (rng.choice(sorted(GRANTABLE)), rng.choice(tenants).tenant_id)
            for _ in range(rng.choice([1, 1, 2]))
        ]
        users.append(User(f"user{number}", grants))
    for user in users:
        account = create_user(engine, user.username, "a-long-test-password")
        for role, tenant_id in user.grants:
            store.for_tenant(tenant_id).grant_role(
                tenant_id, user_id=account.user_id, role=role
            )
        user.token, _ = tokens.issue(engine, account.user_id, "matrix")
    return users


def fill(rule: Rule, tenant: Tenant, tenants: list[Tenant], rng: random.Random) -> str:
    """A URL for ``rule`` on ``tenant``; record ids are its own, foreign or made up."""

    def value(name: str) -> str:
        if name == "tenant_id":
            return str(tenant.tenant_id)
        owners = [t for t in tenants if name in t.records]
        if owners and rng.random() < 0.8:
            owner = (
                tenant
                if name in tenant.records and rng.random() < 0.5
                else rng.choice(owners)
            )
            return str(owner.records[name])
        if name == "month":
            return "2026-11"
        if name in ("sha256",):
            return "ab" * 32
        return str(uuid.uuid4())

    return re.sub(r"<(?:[a-z]+:)?([a-z_0-9]+)>", lambda m: value(m.group(1)), rule.rule)


@pytest.mark.parametrize(
    "backend", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def test_no_call_answers_2xx_outside_the_grants_nor_shows_foreign_data(
    app, settings, backend
):
    rng = random.Random(SEED)
    runtime = app.extensions["safeledger"]
    with context.acting_as("test:matrix"):
        tenants = build_province(runtime.store, rng)
        catch_up(settings, runtime.engine, "directory")
        users = make_users(app, runtime.store, tenants, rng)
    for name in ("directory", "grants"):
        catch_up(settings, runtime.engine, name)
    rules = [
        r
        for r in app.url_map.iter_rules()
        if r.rule.startswith("/api/v1/")
        and "<tenant_id>" in r.rule.replace("uuid:", "")
    ]
    sample = 1.0 if backend == "sqlite" else 0.15
    calls = succeeded = 0
    for user in users:
        client = app.test_client()
        client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {user.token}"
        foreign = [t for t in tenants if not user.may(Action.READ, t)]
        foreign_markers = [t.name for t in foreign] + [
            str(record) for t in foreign for record in t.records.values()
        ]
        for rule in rules:
            for method in sorted(rule.methods & {"GET", "POST", "DELETE"}):
                if (rule.endpoint, method) in policy.PUBLIC:
                    continue  # public by design (the checkpoint feed)
                action = policy.tenant_action(rule.endpoint, method)
                for tenant in tenants:
                    if rng.random() > sample:
                        continue
                    url = fill(rule, tenant, tenants, rng)
                    response = client.open(
                        url, method=method, json={} if method == "POST" else None
                    )
                    calls += 1
                    status, body = response.status_code, response.get_data(as_text=True)
                    response.close()
                    where = f"{user.username} {method} {url} -> {status}"
                    if 200 <= status < 300:
                        assert action is not None and user.may(action, tenant), where
                        succeeded += 1
                    if not user.may(Action.READ, tenant) and not (
                        action and user.may(action, tenant)
                    ):
                        assert status == 404, where
                    # An id the caller sent may come back; nothing else foreign may.
                    leaked = [m for m in foreign_markers if m in body and m not in url]
                    assert leaked == [], where
        listed = client.get("/api/v1/tenants").get_json()
        assert [p["name"] for p in listed] == [
            t.name for t in tenants[:1] if user.may(Action.READ, t)
        ]
        calls += 1
    assert calls > (2000 if backend == "sqlite" else 200)
    # The matrix also lets granted calls through, or this test would prove nothing.
    assert succeeded > (200 if backend == "sqlite" else 20)
