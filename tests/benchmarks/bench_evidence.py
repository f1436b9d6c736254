"""Evidence throughput on the embedded store: ledger, export and verification.

    .venv/bin/python tests/benchmarks/bench_evidence.py [EVENTS]   (default 100000)

Prints events/s for each stage and, as ratios, against two baselines measured in
the same run on the same events: eventsourcing's own append rate and raw SHA-256
over the stored payload bytes.
"""

from __future__ import annotations

import hashlib
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from safeledger.evidence import verifier  # noqa: E402
from safeledger.platform.evidence.export import Scope, export  # noqa: E402
from safeledger.platform.migrate import migrate  # noqa: E402
from safeledger.platform.projector import catch_up  # noqa: E402
from safeledger.platform.runtime import Runtime  # noqa: E402
from safeledger.platform.settings import Settings  # noqa: E402
from safeledger.tenants import context  # noqa: E402
from tests.evidence_support import province, renames  # noqa: E402


def timed(label: str, count: int, work) -> float:
    """Run ``work``; print and return its rate in events per second."""
    started = time.perf_counter()
    work()
    rate = count / (time.perf_counter() - started)
    print(f"{label:<34} {rate:>12,.0f} events/s")
    return rate


def main(events: int) -> None:
    """Measure every stage on ``events`` events of one tenant."""
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings.from_env({"SAFELEDGER_INSTANCE_PATH": folder})
        runtime = Runtime(settings)
        try:
            migrate(settings, runtime.engine)
            with context.acting_as("bench"):
                tenant = province(runtime.store)
                append = timed(
                    "append (eventsourcing baseline)",
                    events - 1,
                    lambda: renames(runtime.store, tenant, events - 1),
                )
            payloads = [
                n.state
                for n in runtime.store.shard(0).recorder.select_notifications(
                    start=None, limit=events + 1
                )
            ]
            sha = timed(
                "raw SHA-256 of payloads (baseline)",
                events,
                lambda: [hashlib.sha256(p).digest() for p in payloads],
            )
            rates = {
                "ledger projection": timed(
                    "ledger projection",
                    events,
                    lambda: catch_up(settings, runtime.engine, "ledger"),
                ),
                "export": timed(
                    "export (sign + bundle)",
                    events,
                    lambda: export(runtime, Scope(tenant), Path(folder) / "b.zip"),
                ),
            }
            report: list[verifier.Report] = []
            rates["verification"] = timed(
                "verification",
                events,
                lambda: report.append(verifier.verify(Path(folder) / "b.zip")),
            )
            assert report[0].faults == [], report[0].faults[:3]
        finally:
            runtime.close()
    print(f"\n{events:,} events; ratios to the baselines measured above:")
    for stage, rate in rates.items():
        print(
            f"  {stage:<20} {rate / append:6.2f}x eventsourcing append, "
            f"{rate / sha:8.4f}x raw SHA-256"
        )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
