"""The demo province: a few cities and counties and a few dozen schools of every type.

Registered through the ledger like any tenant, so the demo's events are real.
Loading it twice adds nothing: tenant ids follow from codes.
"""

from __future__ import annotations

import contextlib
from uuid import UUID

import sqlalchemy as sa

from safeledger.platform.auth.accounts import create_user, find_user
from safeledger.platform.store.shards import Store
from safeledger.tenants.access import Role
from safeledger.tenants.grants import GrantStateError
from safeledger.tenants.hierarchy import (
    DuplicateCodeError,
    SchoolType,
    TenantKind,
    tenant_id_for,
)

PROVINCE = ("99", "示范省")
CITIES = {
    ("9901", "青川市"): [("990101", "东城区"), ("990102", "西山县")],
    ("9902", "临江市"): [("990201", "江北区"), ("990202", "南湖县")],
    ("9903", "安平市"): [("990301", "安平县"), ("990302", "北原区")],
}
# (type, name pattern, boarding): each county takes six in turn, so all eight types
# appear across the province.
SCHOOLS = [
    (SchoolType.PRIMARY, "{county}实验小学", False),
    (SchoolType.JUNIOR_SECONDARY, "{county}第一初级中学", False),
    (SchoolType.SENIOR_SECONDARY, "{county}第一高级中学", True),
    (SchoolType.NINE_YEAR, "{county}九年一贯制学校", True),
    (SchoolType.COMPLETE_SECONDARY, "{county}第二中学", False),
    (SchoolType.KINDERGARTEN, "{county}中心幼儿园", False),
    (SchoolType.VOCATIONAL, "{county}职业技术学校", True),
    (SchoolType.SPECIAL_EDUCATION, "{county}特殊教育学校", True),
    (SchoolType.PRIMARY, "{county}第二小学", False),
    (SchoolType.KINDERGARTEN, "{county}第二幼儿园", False),
]
SCHOOLS_PER_COUNTY = 6


def demo_province_id() -> UUID:
    """The demo province's id."""
    return tenant_id_for(PROVINCE[0], None)


def load_demo(store: Store) -> int:
    """Register whatever part of the demo province is missing; returns how many."""
    added = 0

    def register(
        kind: TenantKind, code: str, name: str, parent: UUID | None, **extra: object
    ) -> UUID:
        nonlocal added
        province = demo_province_id() if parent else None
        try:
            store.registrar.register_tenant(
                kind=kind, code=code, name=name, parent_id=parent, **extra
            )
            added += 1
        except DuplicateCodeError:
            pass
        return tenant_id_for(code, province)

    province = register(TenantKind.PROVINCE, *PROVINCE, None)
    turn = 0
    for (city_code, city_name), counties in CITIES.items():
        city = register(TenantKind.CITY, city_code, city_name, province)
        for county_code, county_name in counties:
            county = register(TenantKind.COUNTY, county_code, county_name, city)
            for number in range(1, SCHOOLS_PER_COUNTY + 1):
                school_type, pattern, boarding = SCHOOLS[turn % len(SCHOOLS)]
                turn += 1
                register(
                    TenantKind.SCHOOL,
                    f"{county_code}{number:02d}",
                    pattern.format(county=county_name),
                    county,
                    school_type=school_type,
                    boarding=boarding,
                )
    return added


DEMO_PASSWORD = "safeledger-demo"
# (username, display name, role, code of the tenant the role is granted on)
DEMO_USERS = [
    ("admin", "平台管理员", None, None),
    ("province-admin", "省教育厅 系统管理员", Role.TENANT_ADMIN, "99"),
    ("inspector", "青川市 督查员", Role.INSPECTOR, "9901"),
    ("auditor", "省纪检 审计员", Role.AUDITOR, "99"),
    ("officer", "东城区教育局 安全员", Role.SAFETY_OFFICER, "990101"),
    ("principal", "东城区实验小学 校长", Role.PRINCIPAL, "99010101"),
]


def load_demo_users(store: Store, engine: sa.Engine) -> list[tuple[str, str]]:
    """One user per role on the demo province; returns (username, role) pairs."""
    created = []
    for username, display_name, role, code in DEMO_USERS:
        user = find_user(engine, username) or create_user(
            engine, username, DEMO_PASSWORD, display_name, platform_admin=role is None
        )
        if role is not None:
            tenant_id = tenant_id_for(
                code, demo_province_id() if code != PROVINCE[0] else None
            )
            # Already granted on an earlier run: the grant stands.
            with contextlib.suppress(GrantStateError):
                store.for_tenant(tenant_id).grant_role(
                    tenant_id, user_id=user.user_id, role=role
                )
        created.append((username, role.value if role else "platform_admin"))
    return created
