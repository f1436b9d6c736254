"""Exporting a tenant's evidence, or one case's, or a time range's, as a bundle.

The bundle holds the leaves of a range [start, end), the compact range of the
leaves before it and, when the range stops short of the checkpoint, a
consistency proof from ``end`` to it; the verifier recomputes the signed root
itself. A tenant's or a time range's bundle shows every leaf from its first
event to the checkpoint, so nothing in scope can be left out. A case's bundle
ends at the case's last event and shows only the case's leaves in full (the
others in its range as bare hashes), which proves versions 1..v all there
without revealing anything of other records or of later events.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from uuid import UUID

import sqlalchemy as sa

from safeledger.evidence.leaf import canonical_json, event_line, utc_text
from safeledger.platform.background.runner import current_job_id, current_runtime, job
from safeledger.platform.evidence import attachments, checkpoints, keys, witnesses
from safeledger.platform.evidence.bundle import (
    ALGORITHMS,
    FORMAT,
    VERIFIER,
    BundleWriter,
    b64,
    consistency_line,
)
from safeledger.platform.evidence.keys import EvidenceError
from safeledger.platform.evidence.note import verification_note
from safeledger.platform.evidence.payloads import stored_payloads
from safeledger.platform.projector import catch_up
from safeledger.platform.runtime import Runtime
from safeledger.platform.settings import Settings
from safeledger.projections.ledger import queries
from safeledger.tenants.attachments import attachment_id_for


@dataclass(frozen=True)
class Scope:
    """What to export: a tenant's whole log, one aggregate, or a time range."""

    tenant_id: UUID
    aggregate_id: UUID | None = None
    since: datetime | None = None
    until: datetime | None = None

    @property
    def whole_tenant(self) -> bool:
        """True when nothing narrows the export."""
        return self.aggregate_id is None and self.since is None and self.until is None

    def selects(self, row: sa.Row) -> bool:
        """Whether the leaf row's event is in scope."""
        return (
            (self.aggregate_id is None or row.originator_id == self.aggregate_id)
            and (self.since is None or row.recorded_at >= self.since)
            and (self.until is None or row.recorded_at < self.until)
        )

    def as_dict(self) -> dict[str, Any]:
        """The scope as the manifest states it."""
        return {
            "tenant_id": str(self.tenant_id),
            "aggregate_id": str(self.aggregate_id) if self.aggregate_id else None,
            "from": utc_text(self.since) if self.since else None,
            "to": utc_text(self.until) if self.until else None,
        }


@dataclass(frozen=True)
class Exported:
    """What an export wrote."""

    path: Path
    events: int
    tree_size: int
    key_id: str


def export(runtime: Runtime, scope: Scope, out: Path) -> Exported:
    """Bring the ledger up to date, sign it, and write the bundle to ``out``."""
    settings, engine = runtime.settings, runtime.engine
    catch_up(settings, engine, "ledger")
    checkpoints.publish(settings, engine, [scope.tenant_id])
    signer = keys.load_signer(settings)
    ledger = runtime.store.for_tenant(scope.tenant_id)
    with engine.connect() as conn:
        checkpoint = checkpoints.latest(conn, scope.tenant_id)
        if checkpoint is None:
            raise EvidenceError(f"tenant {scope.tenant_id} has no recorded events")
        size, tenant = checkpoint.tree_size, scope.tenant_id
        ledgered = queries.tree_size(conn, tenant)
        if ledgered < size:
            raise EvidenceError(
                f"the ledger holds {ledgered} leaves, fewer than the {size} of the "
                "published checkpoint: the store or the ledger was rewritten; run "
                "`safeledger evidence audit`"
            )
        chosen = _choose(conn, scope, size)
        prefix = queries.read_peaks(conn, tenant, chosen.start)
        suffix = (
            queries.consistency_proof(conn, tenant, chosen.end, size)
            if chosen.end < size
            else []
        )
        earlier = [
            consistency_line(
                old, size, queries.consistency_proof(conn, tenant, old.tree_size, size)
            )
            for old in checkpoints.earlier(conn, tenant, size)
        ]
        history = keys.history(conn)
        cosigned = witnesses.signed_note(settings, conn, checkpoint)
    selected = chosen.selected
    payloads = stored_payloads(ledger, selected)
    writer = BundleWriter(out)
    try:
        _write(writer, scope, checkpoint, chosen, payloads)
        writer.add("checkpoint.note", cosigned)
        writer.add("proofs/prefix.json", _prefix(chosen.start, prefix))
        if chosen.end < size:
            writer.add("proofs/suffix.json", _suffix(chosen.end, size, suffix))
        writer.add_lines("proofs/consistency.jsonl", earlier)
        _write_keys(writer, history)
        missing = _write_attachments(writer, runtime.blobs, payloads.values())
        redactions = _redactions(runtime, scope.tenant_id, missing, size)
        if redactions:
            writer.add_lines("proofs/redactions.jsonl", redactions)
        manifest = _manifest(scope, checkpoint, chosen, missing, signer)
        writer.seal(manifest, signer)
    except BaseException:
        writer.close()
        out.unlink(missing_ok=True)
        raise
    return Exported(out, len(selected), size, signer.key_id)


@dataclass(frozen=True)
class Chosen:
    """The exported events and the leaf range [start, end) that proves them."""

    selected: list[sa.Row]
    start: int
    end: int
    leaf_lines: Iterable[str]


def _choose(conn: sa.Connection, scope: Scope, size: int) -> Chosen:
    # Each kind reads only what its bundle holds: a case, its own leaves in full
    # and the others in its range as bare hashes (they reveal nothing of other
    # records), with a consistency proof from its last leaf to the checkpoint.
    tenant = scope.tenant_id
    if scope.aggregate_id is not None:
        selected = queries.leaves_of(conn, tenant, scope.aggregate_id, size)
        selected = [row for row in selected if scope.selects(row)]
        if not selected:
            raise EvidenceError("no events of the tenant fall in the requested scope")
        start, end = selected[0].leaf_index, selected[-1].leaf_index + 1
        full = {row.leaf_index: row for row in selected}
        hashes = queries.leaf_hashes(conn, tenant, start, end)
        return Chosen(selected, start, end, _case_lines(hashes, full))
    start = 0
    if not scope.whole_tenant:
        first = queries.first_recorded(conn, tenant, scope.since, scope.until, size)
        if first is None:
            raise EvidenceError("no events of the tenant fall in the requested scope")
        start = first
    # A time range shows every leaf from its first event to the checkpoint, so
    # the verifier sees that no event of the range was left out.
    rows = list(queries.leaf_rows(conn, tenant, start, size))
    selected = [row for row in rows if scope.selects(row)]
    lines = (queries.as_leaf(row).line() for row in rows)
    return Chosen(selected, start, size, lines)


def _case_lines(
    hashes: list[tuple[int, bytes]], full: dict[int, sa.Row]
) -> Iterator[str]:
    for index, digest in hashes:
        row = full.get(index)
        if row is not None:
            yield queries.as_leaf(row).line()
        else:
            # canonical_json of {"hash", "index"}, spelt out: it is most lines.
            yield f'{{"hash":"{digest.hex()}","index":{index}}}'


def _write(writer, scope, checkpoint, chosen: Chosen, payloads) -> None:
    writer.add("checkpoint.txt", checkpoint.text)
    writer.add("checkpoint.sig", bytes(checkpoint.signature))
    writer.add_lines("leaves.jsonl", chosen.leaf_lines)
    writer.add_lines(
        "events.jsonl",
        (
            event_line(queries.as_leaf(row), payloads[row.leaf_index])
            for row in chosen.selected
        ),
    )
    writer.add(
        "README.txt",
        verification_note(
            tenant=str(scope.tenant_id),
            scope=canonical_json(scope.as_dict()),
            size=checkpoint.tree_size,
            root=b64(bytes(checkpoint.root)),
            key_id=checkpoint.key_id,
            start=chosen.start,
        ),
    )
    writer.add_file("safeledger_verify.py", VERIFIER)


def _suffix(end: int, size: int, proof: list[bytes]) -> str:
    return canonical_json(
        {"from_size": end, "proof": [b64(h) for h in proof], "to_size": size}
    )


def _prefix(start: int, peaks: list[tuple[int, bytes]]) -> str:
    return canonical_json({"peaks": [b64(h) for _, h in peaks], "size": start})


def _write_keys(writer: BundleWriter, history: list[dict[str, Any]]) -> None:
    writer.add("keys/history.json", canonical_json(history))
    for key in history:
        writer.add(f"keys/{key['key_id']}.pem", str(key["public_key_pem"]))


def _write_attachments(writer, blobs, payloads) -> list[str]:
    digests = set().union(*(attachments.referenced_digests(p) for p in payloads))
    missing = []
    for digest in sorted(digests):
        if blobs.has(digest):
            writer.add(f"attachments/{digest}", blobs.read(digest))
        else:
            missing.append(digest)
    return missing


def _redactions(
    runtime: Runtime, tenant: UUID, missing: list[str], size: int
) -> list[str]:
    """For each missing attachment, the recorded decision that withholds it, with
    its inclusion proof; a digest with none stays missing (the bundle fails)."""
    ledger = runtime.store.for_tenant(tenant)
    lines = []
    with runtime.engine.connect() as conn:
        for digest in missing:
            attachment_id = attachment_id_for(tenant, digest)
            for stored in ledger.recorder.select_events(attachment_id):
                version, state = stored.originator_version, bytes(stored.state)
                row = queries.leaf_of(conn, tenant, attachment_id, version)
                withheld = attachments.redacted_digest(stored.topic, state)
                if row is None or row.leaf_index >= size or withheld != digest:
                    continue
                proof = queries.inclusion_proof(conn, tenant, row.leaf_index, size)
                lines.append(
                    canonical_json(
                        {
                            "digest": digest,
                            "event": json.loads(
                                event_line(queries.as_leaf(row), state)
                            ),
                            "proof": [b64(h) for h in proof],
                        }
                    )
                )
                break
    return lines


def _manifest(scope, checkpoint, chosen: Chosen, missing, signer) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "scope": scope.as_dict(),
        "algorithms": ALGORITHMS,
        "origin": checkpoint.text.split("\n", 1)[0],
        "checkpoint": {
            "tree_size": checkpoint.tree_size,
            "root": b64(bytes(checkpoint.root)),
            "key_id": checkpoint.key_id,
        },
        "leaf_range": [chosen.start, chosen.end],
        "events": len(chosen.selected),
        "attachments_not_held": missing,
        "signed_by": signer.key_id,
        # The key's validity window is judged at this time.
        "signed_at": utc_text(datetime.now(UTC)),
    }


def exports_folder(settings: Settings) -> Path:
    """Where export jobs leave their bundles."""
    return settings.instance_path / "exports"


@job("system:evidence")
def export_job(
    tenant_id: str,
    aggregate_id: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> dict[str, Any]:
    """Job: write a bundle into the exports folder, named by the job id."""
    runtime, job_id = current_runtime(), current_job_id()
    scope = Scope(
        UUID(tenant_id),
        UUID(aggregate_id) if aggregate_id else None,
        datetime.fromisoformat(since) if since else None,
        datetime.fromisoformat(until) if until else None,
    )
    out = exports_folder(runtime.settings) / f"{job_id}.zip"
    out.parent.mkdir(parents=True, exist_ok=True)
    done = export(runtime, scope, out)
    return {
        "tenant_id": tenant_id,
        "file": out.name,
        "events": done.events,
        "tree_size": done.tree_size,
    }
