"""Tenants, role grants, attachments and reads through the ledger application."""

from __future__ import annotations

from uuid import uuid4

from safeledger.tenants import context
from safeledger.tenants.access import Role
from safeledger.tenants.application import TenantNotFoundError
from safeledger.tenants.attachments import Attachment
from safeledger.tenants.errors import StaleVersionError
from safeledger.tenants.grants import RoleGrant
from safeledger.tenants.hierarchy import (
    DuplicateCodeError,
    InactiveTenantError,
    TenantKind,
)
from safeledger.tenants.reads import EvidenceRead
from tests.unit.tenants.commands.conftest import DIGEST


def test_a_registered_school_sits_under_its_county(ledger, tenants):
    school = ledger.get_tenant(tenants.school)
    assert (school.parent_id, school.province_id) == (tenants.county, tenants.province)
    assert ledger.ancestors_of(school) == [
        tenants.county,
        tenants.city,
        tenants.province,
    ]


def test_a_code_is_registered_once_per_province(ledger, tenants, nothing_recorded):
    nothing_recorded(
        DuplicateCodeError,
        ledger.register_tenant,
        kind=TenantKind.COUNTY,
        code="440101",
        name="again",
        parent_id=tenants.city,
    )


def test_renaming_a_tenant_at_a_stale_version_is_refused(
    ledger, tenants, nothing_recorded
):
    renamed = ledger.rename_tenant(tenants.school, "第一实验小学", 1)
    assert renamed.version == 2
    assert ledger.get_tenant(tenants.school).name == "第一实验小学"
    nothing_recorded(StaleVersionError, ledger.rename_tenant, tenants.school, "旧", 1)


def test_a_tenant_moves_under_another_parent_in_its_province(ledger, tenants):
    other = ledger.register_tenant(
        kind=TenantKind.COUNTY, code="440102", name="另一县", parent_id=tenants.city
    ).aggregate_id
    ledger.move_tenant(tenants.school, other)
    assert ledger.get_tenant(tenants.school).parent_id == other


def test_a_deactivated_tenant_takes_no_new_records(ledger, tenants, nothing_recorded):
    ledger.deactivate_tenant(tenants.school, "合并")
    assert not ledger.get_tenant(tenants.school).active
    today = context.now().date()
    nothing_recorded(
        InactiveTenantError, ledger.plan_drill, tenants.school, "fire", today
    )


def test_an_unknown_tenant_is_not_found(ledger, nothing_recorded):
    nothing_recorded(TenantNotFoundError, ledger.rename_tenant, uuid4(), "x")


def test_a_role_granted_revoked_and_granted_again_is_one_grant(ledger, tenants):
    user = uuid4()
    first = ledger.grant_role(tenants.county, user_id=user, role=Role.INSPECTOR)
    ledger.revoke_role(tenants.county, first.aggregate_id, first.version, "调岗")
    again = ledger.grant_role(tenants.county, user_id=user, role=Role.INSPECTOR)
    assert again.aggregate_id == first.aggregate_id
    grant = ledger.load(RoleGrant, tenants.county, again.aggregate_id)
    assert (grant.active, grant.role) == (True, Role.INSPECTOR)


def test_the_same_bytes_are_entered_once_per_tenant(ledger, tenants):
    details = {"sha256": DIGEST, "media_type": "image/png", "size": 10}
    first = ledger.enter_attachment(tenants.school, filename="a.png", **details)
    second = ledger.enter_attachment(tenants.school, filename="b.png", **details)
    assert second.notification_id is None
    assert second.aggregate_id == first.aggregate_id
    attachment = ledger.load(Attachment, tenants.school, first.aggregate_id)
    assert attachment.filename == "a.png"


def test_a_redaction_is_recorded_on_the_attachment_with_its_reason(ledger, tenants):
    details = {"sha256": DIGEST, "media_type": "image/png", "size": 10}
    entered = ledger.enter_attachment(tenants.school, filename="a.png", **details)
    redacted = ledger.redact_attachment(
        tenants.school, sha256=DIGEST, reason="学生面部，依规不予提供"
    )
    assert redacted.version == entered.version + 1
    attachment = ledger.load(Attachment, tenants.school, entered.aggregate_id)
    assert attachment.redacted_reason == "学生面部，依规不予提供"


def test_a_read_leaves_a_trace_in_the_tenants_ledger(ledger, tenants):
    read = ledger.record_read(tenants.county, what="evidence", query="tree_size=3")
    trace = ledger.load(EvidenceRead, tenants.county, read.aggregate_id)
    assert (trace.what, trace.query) == ("evidence", "tree_size=3")
