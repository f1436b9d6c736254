"""A generated test province with a ledger of drills, hazards, incidents,
agreements, grids and monthly reports, written under a controllable clock."""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from uuid import UUID

from safeledger.tenants import context
from safeledger.tenants.agreements import Counterparty
from safeledger.tenants.hierarchy import SchoolType, TenantKind
from safeledger.tenants.values import CHINA_TIME

START = datetime(2026, 3, 1, tzinfo=CHINA_TIME)
READ_MODELS = (
    "rulesets",
    "hazard_board",
    "drill_log",
    "agreement_coverage",
    "incident_register",
    "grid_map",
    "monthly_reports",
    "audit_trail",
)


def sha(label: str) -> str:
    """A digest standing for a stored document or photo."""
    return hashlib.sha256(label.encode()).hexdigest()


class Clock:
    """A settable clock for the events' recorded-at times."""

    def __init__(self, at: datetime = START) -> None:
        self.at = at

    def __call__(self) -> datetime:
        return self.at

    def advance(self, **delta: float) -> datetime:
        self.at += timedelta(**delta)
        return self.at


@dataclass
class Province:
    """The ids of a generated province."""

    province: UUID
    cities: list[UUID] = field(default_factory=list)
    counties: list[UUID] = field(default_factory=list)
    schools: list[UUID] = field(default_factory=list)
    county_of: dict[UUID, UUID] = field(default_factory=dict)


def build_hierarchy(store, cities: int = 2, counties: int = 2, schools: int = 3):
    """Province → cities → counties → schools of mixed types."""
    register = store.registrar.register_tenant
    p = register(kind=TenantKind.PROVINCE, code="P", name="测试省", parent_id=None)
    made = Province(p.aggregate_id)
    types = [SchoolType.PRIMARY, SchoolType.KINDERGARTEN, SchoolType.JUNIOR_SECONDARY]
    for c in range(cities):
        city = register(
            kind=TenantKind.CITY, code=f"C{c}", name=f"市{c}", parent_id=made.province
        ).aggregate_id
        made.cities.append(city)
        for k in range(counties):
            county = register(
                kind=TenantKind.COUNTY,
                code=f"C{c}K{k}",
                name=f"县{c}{k}",
                parent_id=city,
            ).aggregate_id
            made.counties.append(county)
            for s in range(schools):
                school = register(
                    kind=TenantKind.SCHOOL,
                    code=f"C{c}K{k}S{s}",
                    name=f"学校{c}{k}{s}",
                    parent_id=county,
                    school_type=types[s % len(types)],
                    boarding=(s == 2),
                ).aggregate_id
                made.schools.append(school)
                made.county_of[school] = county
    return made


def month_of_activity(
    store, made: Province, clock: Clock, rng: random.Random, pending=None
):
    """A month of everyday ledger entries across the province's schools;
    ``pending`` collects assigned hazards left for a later round to rectify."""
    pending = {} if pending is None else pending
    for school in made.schools:
        ledger = store.for_tenant(school)
        for hazard in list(pending.get(school, [])):
            if rng.random() < 0.5:
                ledger.report_rectification(
                    school, hazard, None, summary="补整改", evidence_digests=[sha("x")]
                )
                with context.acting_as("user:supervisor"):
                    ledger.verify_hazard(school, hazard, None, verifier="副校长")
                pending[school].remove(hazard)
        if rng.random() < 0.8:
            clock.advance(minutes=7)
            drill = ledger.plan_drill(school, "fire", clock.at.date()).aggregate_id
            clock.advance(hours=rng.choice([1, 2, 200]))
            ledger.hold_drill(
                school,
                drill,
                None,
                held_at=clock.at - timedelta(hours=1),
                participants=300,
                duration_minutes=30,
                evacuation_seconds=180,
                plan_digest=sha("plan"),
                summary_digest=sha(f"summary{rng.randrange(4)}"),
                evaluation_digest=sha("eval"),
                photo_digests=[sha(f"photo{rng.randrange(40)}")],
            )
        if rng.random() < 0.6:
            clock.advance(minutes=11)
            hazard = ledger.log_hazard(
                school,
                category="fire",
                severity=rng.choice(["general", "major"]),
                description="灭火器过期",
                found_by="安全员",
                place="教学楼",
                photo_digests=[sha(f"photo{rng.randrange(40)}")],
            ).aggregate_id
            if rng.random() < 0.8:
                ledger.assign_hazard(
                    school,
                    hazard,
                    None,
                    owner="后勤",
                    supervisor="副校长",
                    deadline=clock.at + timedelta(days=rng.choice([3, 10, 40])),
                    measures="更换",
                    funds="500元",
                    contingency_plan="预案",
                )
                if rng.random() < 0.6:
                    clock.advance(days=rng.choice([1, 5]))
                    ledger.report_rectification(
                        school,
                        hazard,
                        None,
                        summary="已更换",
                        evidence_digests=[sha("after")],
                    )
                    if rng.random() < 0.8:
                        with context.acting_as("user:supervisor"):
                            ledger.verify_hazard(
                                school, hazard, None, verifier="副校长"
                            )
                else:
                    pending.setdefault(school, []).append(hazard)
        if rng.random() < 0.3:
            clock.advance(minutes=13)
            severity = rng.choice(["general", "serious"])
            occurred = clock.at - timedelta(minutes=rng.choice([10, 45, 90]))
            incident = ledger.report_incident(
                school,
                occurred_at=occurred,
                category="sports_injury",
                severity=severity,
                deaths=0,
                injuries=1,
                description="体育课受伤",
                channel="verbal",
                reporter="班主任",
            ).aggregate_id
            if rng.random() < 0.7:
                clock.advance(minutes=rng.choice([20, 100]))
                ledger.file_written_report(
                    school, incident, None, document_digest=sha("written")
                )
    clock.advance(days=1)


def agreements_and_grids(store, made: Province, clock: Clock, rng: random.Random):
    """Bureau → school agreements (some unsigned), staff agreements, grids."""
    for school in made.schools:
        county = made.county_of[school]
        clock.advance(minutes=3)
        issued = (
            store.for_tenant(county)
            .issue_agreement(
                county,
                counterparty=Counterparty.of("child_tenant", str(school), "学校"),
                year=2026,
                duties=["安全第一"],
                document_digest=sha("agreement"),
            )
            .aggregate_id
        )
        if rng.random() < 0.8:
            for party in ("issuer", "counterparty"):
                store.for_tenant(county).sign_agreement(
                    county,
                    issued,
                    None,
                    party=party,
                    signer="局长",
                    role="局长",
                )
        ledger = store.for_tenant(school)
        for n in range(2):
            staff = ledger.issue_agreement(
                school,
                counterparty=Counterparty.of("staff", f"T{n}", f"教师{n}"),
                year=2026,
                duties=["看护"],
                document_digest=sha("staff"),
            ).aggregate_id
            if rng.random() < 0.8:
                for party in ("issuer", "counterparty"):
                    ledger.sign_agreement(
                        school, staff, None, party=party, signer="校长", role="校长"
                    )
        ledger.open_grid(school)
        gate = ledger.add_place(
            school, code="gate", name="校门", kind="gate"
        ).created_id
        b1 = ledger.add_place(
            school, code="b1", name="教学楼", kind="building"
        ).created_id
        ledger.add_place(school, code="f1", name="一楼", kind="floor", parent_id=b1)
        slots = [{"weekday": 1, "start": "07:00", "end": "12:00"}]
        ledger.assign_place(
            school,
            None,
            place_id=gate,
            person="门卫",
            role="门卫",
            slots=None if rng.random() < 0.7 else slots,
        )
        if rng.random() < 0.5:
            ledger.assign_place(
                school, None, place_id=b1, person="楼长", role="楼长", slots=None
            )


def with_clock(clock: Clock):
    """Record events at the clock's time, as the test's operator."""
    return context.using_clock(clock)


def utc(value: datetime) -> datetime:
    return value.astimezone(UTC)


def day(value: datetime) -> date:
    return value.astimezone(CHINA_TIME).date()


def submit_reports(store, made: Province, clock: Clock, month: str, rng):
    """Some schools submit ``month``'s report on time, some late, some never."""
    for school in made.schools:
        choice = rng.random()
        if choice < 0.3:
            continue
        digest = sha(f"{school}{month}")
        clock.advance(minutes=5 if choice < 0.7 else 60 * 24 * 8)
        store.for_tenant(school).submit_monthly_report(
            school,
            month=month,
            reviewed_digest=digest,
            report_digest=digest,
            submitted_by="校长",
            figures={},
        )
