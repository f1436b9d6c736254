"""Evidence exports cost in proportion to what they hold; verification throughput.

    .venv/bin/python tests/benchmarks/bench_evidence.py [EVENTS]   (default 10000)

One tenant of EVENTS events on the embedded store: a case (the tenant's own
record, a fifth of the events) interleaved with another record's events. In the
same run it measures, in CPU time (the machines it runs on are shared), the
whole-tenant export (the baseline), the case export and a time-range export of
two fifths of the events (whose bundle holds every leaf from its first event to
the checkpoint), and verification of the whole-tenant bundle against raw SHA-256
over the same payload bytes. Prints one ``BENCH {json}`` line per figure.
"""

from __future__ import annotations

import hashlib
import json
import sys
import tempfile
import time
import uuid
import zipfile
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from safeledger.evidence import verifier  # noqa: E402
from safeledger.platform.evidence import checkpoints  # noqa: E402
from safeledger.platform.evidence.export import Scope, export  # noqa: E402
from safeledger.platform.migrate import migrate  # noqa: E402
from safeledger.platform.projector import catch_up  # noqa: E402
from safeledger.platform.runtime import Runtime  # noqa: E402
from safeledger.platform.settings import Settings  # noqa: E402
from safeledger.tenants import context  # noqa: E402
from safeledger.tenants.access import Role  # noqa: E402
from safeledger.tenants.grants import RoleGrant  # noqa: E402
from tests.evidence_support import province  # noqa: E402

ROUNDS = 5
SAVE_EVERY = 500


def bench(figure: str, value: float, unit: str, baseline_figure: str,
          baseline: float, ratio: float, target: str, met: bool) -> None:  # fmt: skip
    """Print one figure in the shared BENCH format."""
    line = {
        "figure": figure, "value": round(value, 4), "unit": unit,
        "baseline_figure": baseline_figure, "baseline": round(baseline, 4),
        "ratio": round(ratio, 4), "target": target, "met": met,
    }  # fmt: skip
    print("BENCH " + json.dumps(line, ensure_ascii=False), flush=True)


def timed(work, clock=time.perf_counter, runs: int = 2) -> float:
    """Seconds ``work()`` takes, best of ``runs`` (a cold cache does not count)."""
    best = float("inf")
    for _ in range(runs):
        started = clock()
        work()
        best = min(best, clock() - started)
    return best


def populate(runtime: Runtime, events: int) -> tuple[uuid.UUID, datetime, datetime]:
    """The tenant: its own record renamed (the case) between a grant's changes.

    Returns the tenant and the time range spanning its middle third of events.
    """
    with context.acting_as("bench"):
        tenant_id = province(runtime.store)
    ledger = runtime.store.for_tenant(tenant_id)
    case_events = events // 5 - 1  # its registration is the first
    other_events = events - 1 - case_events - 1  # and the grant's

    def share(total: int, round_number: int) -> int:
        return total // ROUNDS + (round_number < total % ROUNDS)

    with context.acting_as("bench"), context.on_ledger(tenant_id):
        tenant = ledger.get_tenant(tenant_id)
        grant = RoleGrant.grant(uuid.uuid4(), Role.INSPECTOR, None)
        marks = []
        for round_number in range(ROUNDS):
            for number in range(share(case_events, round_number)):
                tenant.rename(f"名称{round_number}-{number}")
                if number % SAVE_EVERY == SAVE_EVERY - 1:
                    ledger.save(tenant)
            ledger.save(tenant)
            for number in range(share(other_events, round_number)):
                if grant.active:
                    grant.revoke(f"轮换 {number}")
                else:
                    grant.renew(None)
                if number % SAVE_EVERY == SAVE_EVERY - 1:
                    ledger.save(grant)
            ledger.save(grant)
            marks.append(datetime.now(UTC))
    return tenant_id, marks[1], marks[3]


def main(events: int) -> None:
    """Measure the exports and verification on ``events`` events of one tenant."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        settings = Settings.from_env({"SAFELEDGER_INSTANCE_PATH": folder})
        runtime = Runtime(settings)
        try:
            migrate(settings, runtime.engine)
            tenant, since, until = populate(runtime, events)
            catch_up(settings, runtime.engine, "ledger")
            checkpoints.publish(settings, runtime.engine)
            whole = Scope(tenant)
            case = Scope(tenant, aggregate_id=tenant)
            window = Scope(tenant, since=since, until=until)
            counts = {}

            def run(name: str, scope: Scope) -> None:
                counts[name] = export(runtime, scope, out / f"{name}.zip").events

            kinds = (("whole", whole), ("case", case), ("window", window))
            # CPU time (SQLite works in this process): on a shared machine wall
            # time measures the neighbours as much as the export.
            seconds = {
                name: timed(lambda n=name, s=scope: run(n, s), time.process_time, 3)
                for name, scope in kinds
            }
            payloads = [
                bytes(n.state)
                for n in runtime.store.shard(0).recorder.select_notifications(
                    start=None, limit=events + 10
                )
            ]
        finally:
            runtime.close()
        reports: list[verifier.Report] = []
        cpu = time.process_time
        verify = timed(
            lambda: reports.append(verifier.verify(out / "whole.zip")), cpu, 3
        )
        sha = timed(lambda: [hashlib.sha256(p).digest() for p in payloads], cpu, 3)
        assert reports[0].faults == [], reports[0].faults[:3]
        leaves = {}
        for name in counts:
            with zipfile.ZipFile(out / f"{name}.zip") as bundle:
                leaves[name] = bundle.read("leaves.jsonl").count(b"\n")

    whole_ms = seconds["whole"] * 1000
    # What a bundle holds: its event lines and its leaf lines.
    held = {name: counts[name] + leaves[name] for name in counts}
    window_share = round(held["window"] / held["whole"] + 0.05, 2)
    for name, share in (("case", 0.3), ("window", window_share)):
        ratio = seconds[name] / seconds["whole"]
        bench(
            f"export of a {name} ({counts[name]:,} of {counts['whole']:,} events, "
            f"{leaves[name]:,} leaves; CPU time)",
            seconds[name] * 1000, "ms",
            f"whole-tenant export ({counts['whole']:,} events, CPU time)", whole_ms,
            ratio,
            f"ratio <= {share}", ratio <= share,
        )  # fmt: skip
    rate, hashed = counts["whole"] / verify, len(payloads) / sha
    bench(
        f"verification of the whole-tenant bundle ({counts['whole']:,} events, "
        "CPU time)",
        rate, "events/s",
        "raw SHA-256 of the same payloads", hashed, rate / hashed,
        "value >= 30000 events/s", rate >= 30_000,
    )  # fmt: skip


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
