"""The province roll-up of compliance over 20,000 schools, from the read models.

    .venv/bin/python tests/benchmarks/bench_rollup.py [SCHOOLS] [--database-url URL]

Generates a province (4 cities, 10 counties each) with a month of facts per school
written straight into the read-model tables, then times the roll-up for the
province and for one county and prints their p50/p95, with ratios against a
baseline measured in the same run on the same tables: a plain COUNT(*) of the
province's schools' drill rows joined to the directory.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

import sqlalchemy as sa  # noqa: E402

from safeledger.platform.migrate import migrate  # noqa: E402
from safeledger.platform.runtime import Runtime  # noqa: E402
from safeledger.platform.settings import Settings  # noqa: E402
from safeledger.projections import registry  # noqa: E402, F401
from safeledger.projections.compliance import queries  # noqa: E402
from safeledger.projections.compliance.periods import Period  # noqa: E402
from safeledger.projections.schema import metadata  # noqa: E402
from safeledger.projections.scope import Scope  # noqa: E402
from safeledger.tenants.values import CHINA_TIME  # noqa: E402

MONTH = datetime(2026, 5, 1, tzinfo=CHINA_TIME)
NOW = datetime(2026, 6, 20, tzinfo=CHINA_TIME)
TYPES = ("primary", "junior_secondary", "kindergarten", "senior_secondary")


def node(path: str, kind: str, code: str, parent, school_type=None) -> dict:
    tenant = uuid.uuid4()
    return {
        "tenant_id": tenant,
        "kind": kind,
        "code": code,
        "name": code,
        "school_type": school_type,
        "boarding": False,
        "active": True,
        "parent_id": parent,
        "province_id": parent or tenant,
        "path": f"{path}{tenant.hex}/",
        "depth": path.count("/") - 1,
        "version": 1,
        "registered_at": MONTH,
        "updated_at": MONTH,
    }


def versioned(**values) -> dict:
    return {"version": 1, "recorded_from": MONTH, "recorded_to": None, **values}


def generate(engine: sa.Engine, schools: int) -> uuid.UUID:
    """Write a province of ``schools`` schools and a month of facts per school."""
    t = metadata.tables
    province = node("/", "province", "P", None)
    rows = {
        name: []
        for name in (
            "directory_tenants",
            "drill_log",
            "hazard_board",
            "incident_register",
            "agreement_coverage",
            "grid_places",
            "grid_assignments",
            "monthly_reports",
        )
    }
    rows["directory_tenants"].append(province)
    per_county = max(schools // 40, 1)
    for c in range(4):
        city = node(province["path"], "city", f"C{c}", province["tenant_id"])
        rows["directory_tenants"].append(city)
        for k in range(10):
            county = node(city["path"], "county", f"C{c}K{k}", city["tenant_id"])
            rows["directory_tenants"].append(county)
            for s in range(per_county):
                school = node(
                    county["path"],
                    "school",
                    f"C{c}K{k}S{s}",
                    county["tenant_id"],
                    TYPES[s % 4],
                )
                rows["directory_tenants"].append(school)
                add_facts(rows, school["tenant_id"], county["tenant_id"], s)
    with engine.begin() as conn:
        for name, batch in rows.items():
            for i in range(0, len(batch), 5000):
                conn.execute(sa.insert(t[name]), batch[i : i + 5000])
    return province["tenant_id"]


def add_facts(rows: dict, school: uuid.UUID, county: uuid.UUID, n: int) -> None:
    held = MONTH + timedelta(days=n % 28, hours=9)
    rows["drill_log"].append(
        versioned(
            drill_id=uuid.uuid4(),
            tenant_id=school,
            kind="fire",
            state="held",
            planned_on=held.date().isoformat(),
            planned_at=held,
            held_at=held,
            held_recorded_at=held,
            participants=300,
            duration_minutes=20,
            evacuation_seconds=120,
            summary_digest=f"{n:064x}",
            photo_digests=[f"{n:064x}"],
            findings=0,
        )
    )
    if n % 2:
        rows["hazard_board"].append(
            versioned(
                hazard_id=uuid.uuid4(),
                tenant_id=school,
                category="fire",
                severity="major" if n % 10 == 1 else "general",
                description="灭火器",
                place="食堂",
                state="assigned" if n % 3 else "verified",
                owner="后勤",
                supervisor="副校长",
                deadline=held + timedelta(days=5),
                logged_at=held,
                reported_at=None if n % 3 else held + timedelta(days=2),
                verified_at=None if n % 3 else held + timedelta(days=3),
                closed_at=None,
                escalated_to=None,
                escalated_at=None,
                deadline_extensions=0,
                photo_digests=[],
            )
        )
    if n % 10 == 0:
        rows["incident_register"].append(
            versioned(
                incident_id=uuid.uuid4(),
                tenant_id=school,
                category="traffic",
                severity="general",
                description="擦伤",
                occurred_at=held,
                reported_at=held + timedelta(minutes=40),
                channel="verbal",
                written_report_at=held + timedelta(minutes=100 + n % 60),
                deaths=0,
                injuries=1,
                closed_at=None,
            )
        )
    signed = held if n % 7 else None
    for kind, ref, issuer, target in (
        ("child_tenant", str(school), county, school),
        ("staff", "T1", school, None),
        ("staff", "T2", school, None),
    ):
        rows["agreement_coverage"].append(
            versioned(
                agreement_id=uuid.uuid4(),
                issuer_id=issuer,
                counterparty_tenant_id=target,
                counterparty_kind=kind,
                counterparty_ref=ref,
                counterparty_name=ref,
                year=2026,
                generation=1,
                status="active",
                issued_at=MONTH,
                issuer_signed_at=MONTH,
                counterparty_signed_at=signed,
            )
        )
    gate, building = uuid.uuid4(), uuid.uuid4()
    for place, code in ((gate, "gate"), (building, "b1")):
        rows["grid_places"].append(
            versioned(
                place_id=place,
                tenant_id=school,
                code=code,
                name=code,
                kind="gate",
                parent_id=None,
                retired_at=None,
            )
        )
    for place in (gate, building) if n % 5 else (gate,):
        rows["grid_assignments"].append(
            versioned(
                assignment_id=uuid.uuid4(),
                tenant_id=school,
                place_id=place,
                person="门卫",
                role="门卫",
                slots=None,
                valid_from=MONTH,
                valid_to=None,
            )
        )
    if n % 5:
        rows["monthly_reports"].append(
            versioned(
                report_id=uuid.uuid4(),
                tenant_id=school,
                month="2026-05",
                digest="0" * 64,
                submitted_by="校长",
                submitted_at=datetime(2026, 6, 3 + n % 5, tzinfo=UTC),
                amended_at=None,
                amendments=0,
                figures={},
            )
        )


def timings(work, runs: int) -> list[float]:
    found = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        found.append(time.perf_counter() - started)
    return found


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main(schools: int, database_url: str | None, runs: int) -> None:
    instance = tempfile.mkdtemp(prefix="bench-rollup-")
    env = {"SAFELEDGER_INSTANCE_PATH": instance, "SAFELEDGER_SECRET_KEY": "b" * 40}
    if database_url:
        env["SAFELEDGER_DATABASE_URL"] = database_url
    settings = Settings.from_env(env)
    runtime = Runtime(settings)
    try:
        migrate(settings, runtime.engine)
        started = time.perf_counter()
        province = generate(runtime.engine, schools)
        print(
            f"generated {schools:,} schools in {time.perf_counter() - started:.1f}s "
            f"({runtime.engine.dialect.name})"
        )
        measure(runtime.engine, province, runs)
    finally:
        runtime.close()


def measure(engine: sa.Engine, province: uuid.UUID, runs: int) -> None:
    d, dl = metadata.tables["directory_tenants"], metadata.tables["drill_log"]
    period, everyone = Period.parse("2026-05"), Scope.everything()
    with engine.connect() as conn:
        path = conn.execute(
            sa.select(d.c.path).where(d.c.tenant_id == province)
        ).scalar()
        county = conn.execute(
            sa.select(d.c.tenant_id).where(d.c.kind == "county")
        ).first()[0]
        count = (
            sa.select(sa.func.count())
            .select_from(dl.join(d, dl.c.tenant_id == d.c.tenant_id))
            .where(d.c.path >= path, d.c.path < path[:-1] + "0")
        )
        baseline = timings(lambda: conn.execute(count).scalar_one(), max(runs, 20))
        rolled = queries.rollup(conn, everyone, province, period, now=NOW)
        print(f"province: {rolled['schools']:,} schools, overall {rolled['overall']}")
        province_times = timings(
            lambda: queries.rollup(conn, everyone, province, period, now=NOW), runs
        )
        county_times = timings(
            lambda: queries.rollup(conn, everyone, county, period, now=NOW), runs * 3
        )
    base = p95(baseline)
    report("baseline COUNT(*) join", baseline, base)
    report("province roll-up", province_times, base)
    report("county roll-up", county_times, base)


def report(label: str, found: list[float], base: float) -> None:
    """Print p50 and p95 in milliseconds, and p95 against the baseline's p95."""
    p50, top = statistics.median(found) * 1000, p95(found) * 1000
    ratio = p95(found) / base
    print(
        f"{label:<24} p50 {p50:>9.1f} ms  p95 {top:>9.1f} ms  ({ratio:,.0f}x baseline)"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("schools", nargs="?", type=int, default=20_000)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    main(args.schools, args.database_url, args.runs)
