"""A small school with a hazard past its deadline and a late incident report,
written straight to the store under a settable clock, for the sweep tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from uuid import UUID

from safeledger.platform.projector import catch_up
from safeledger.tenants import context
from safeledger.tenants.findings import Finding
from safeledger.tenants.hierarchy import SchoolType, TenantKind

SWEPT_PROJECTIONS = ("directory", "rulesets", "hazard_board", "incident_register")


@dataclass
class School:
    province: UUID
    county: UUID
    school: UUID


def build_school(store) -> School:
    """Province → city → county → one primary school."""
    register = store.registrar.register_tenant
    province = register(kind=TenantKind.PROVINCE, code="P", name="省", parent_id=None)
    city = register(
        kind=TenantKind.CITY, code="C", name="市", parent_id=province.aggregate_id
    )
    county = register(
        kind=TenantKind.COUNTY, code="K", name="县", parent_id=city.aggregate_id
    )
    school = register(
        kind=TenantKind.SCHOOL,
        code="S",
        name="实验小学",
        parent_id=county.aggregate_id,
        school_type=SchoolType.PRIMARY,
    )
    return School(province.aggregate_id, county.aggregate_id, school.aggregate_id)


def overdue_hazard(store, school: UUID, days_late: float = 1) -> UUID:
    """A hazard assigned in the past whose deadline passed ``days_late`` ago."""
    now = datetime.now(UTC)
    ledger = store.for_tenant(school)
    with context.using_clock(lambda: now - timedelta(days=days_late + 5)):
        hazard = ledger.log_hazard(
            school,
            category="fire",
            severity="general",
            description="灭火器过期",
            found_by="安全员",
            place="教学楼",
        ).aggregate_id
        ledger.assign_hazard(
            school,
            hazard,
            None,
            owner="后勤主任",
            supervisor="副校长",
            deadline=now - timedelta(days=days_late),
        )
    return hazard


def late_incident(store, school: UUID, minutes_late: int = 90) -> UUID:
    """An incident reported verbally ``minutes_late`` after the one-hour limit."""
    occurred = datetime.now(UTC) - timedelta(minutes=60 + minutes_late)
    return (
        store.for_tenant(school)
        .report_incident(
            school,
            occurred_at=occurred,
            category="sports_injury",
            severity="general",
            deaths=0,
            injuries=1,
            description="学生摔伤",
            channel="verbal",
            reporter="班主任",
        )
        .aggregate_id
    )


def project(runtime, names=SWEPT_PROJECTIONS) -> None:
    """Bring the read models the sweeps look at up to date."""
    for name in names:
        catch_up(runtime.settings, runtime.engine, name)


def events_of(runtime, topic_class) -> list:
    """Every stored event of ``topic_class``, decoded."""
    from eventsourcing.utils import get_topic

    ledger = runtime.store.shard(0)
    topic = get_topic(topic_class)
    notifications = ledger.recorder.select_notifications(
        start=None, limit=100_000, topics=[topic]
    )
    return [ledger.mapper.to_domain_event(n) for n in notifications]


def findings(runtime, rule: str, subject: UUID) -> list:
    """Every finding of ``rule`` about ``subject`` in the store."""
    return [
        e
        for e in events_of(runtime, Finding.Recorded)
        if e.rule == rule and e.subject_id == subject
    ]
