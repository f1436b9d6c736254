"""Submitting each new checkpoint to the witnesses in ``SAFELEDGER_WITNESSES``.

Each witness (c2sp.org/tlog-witness) cosigns only a checkpoint that a valid
consistency proof leads to from the last one it cosigned for that tenant's log.
A refusal is logged and the checkpoint stays uncosigned by that witness: after
a rewrite of the store no later checkpoint of the tenant is cosigned again,
which every bundle then shows.
"""

from __future__ import annotations

import base64
import logging
import urllib.error
import urllib.request
from datetime import UTC, datetime
from uuid import UUID

import sqlalchemy as sa

from safeledger.evidence import note
from safeledger.platform.evidence.tables import evidence_cosignatures as cosigs
from safeledger.platform.evidence.tables import evidence_keys
from safeledger.platform.settings import Settings
from safeledger.projections.ledger import queries
from safeledger.projections.schema import write_transaction

TIMEOUT = 10
log = logging.getLogger(__name__)


def platform_signature(settings: Settings, conn: sa.Connection, row: sa.Row) -> str:
    """The checkpoint's signed note with the platform's signature only."""
    public = conn.execute(
        sa.select(evidence_keys.c.public_key).where(
            evidence_keys.c.key_id == row.key_id
        )
    ).scalar_one()
    name = settings.evidence_origin
    line = note.Signature(
        name, note.key_hash(name, note.ED25519, bytes(public)), bytes(row.signature)
    )
    return note.Note(row.text, (line,)).format()


def signed_note(settings: Settings, conn: sa.Connection, row: sa.Row) -> str:
    """The checkpoint as a C2SP signed note: the platform's signature, then the
    cosignature of every witness that cosigned it."""
    base = note.Note.parse(platform_signature(settings, conn, row))
    lines = conn.execute(
        sa.select(cosigs.c.line)
        .where(cosigs.c.tenant_id == row.tenant_id, cosigs.c.tree_size == row.tree_size)
        .order_by(cosigs.c.witness)
    ).scalars()
    extra = tuple(note.parse_signature(line) for line in lines)
    return note.Note(base.text, base.signatures + extra).format()


def submit(settings: Settings, engine: sa.Engine, row: sa.Row) -> list[str]:
    """Ask every configured witness to cosign ``row``; the names that did."""
    cosigned = []
    for url, vkey in settings.witnesses:
        key = note.VerifierKey.parse(vkey)
        try:
            line = _submit_one(settings, engine, row, url, key)
        except (OSError, ValueError) as error:
            log.warning(
                "witness %s did not cosign tenant %s size %s: %s",
                key.name, row.tenant_id, row.tree_size, error,
            )  # fmt: skip
            continue
        with write_transaction(engine) as conn:
            conn.execute(
                sa.insert(cosigs).values(
                    tenant_id=row.tenant_id,
                    tree_size=row.tree_size,
                    witness=key.name,
                    line=line.line(),
                    cosigned_at=datetime.now(UTC),
                )
            )
        cosigned.append(key.name)
    return cosigned


def _submit_one(
    settings: Settings, engine: sa.Engine, row: sa.Row, url: str, key: note.VerifierKey
) -> note.Signature:
    with engine.connect() as conn:
        signed = platform_signature(settings, conn, row)
        old = _last_cosigned(conn, row.tenant_id, key.name)
    status, body = _post(url, _request(engine, row, old, signed))
    if status == 409:
        # The witness knows a size this database does not (it lost its records
        # of cosignatures): prove consistency from the witness's size instead.
        old = int(body.strip())
        if old > row.tree_size:
            raise ValueError(
                f"the witness cosigned size {old}, above this checkpoint's "
                f"{row.tree_size}: the log shrank"
            )
        status, body = _post(url, _request(engine, row, old, signed))
    if status != 200:
        raise ValueError(f"HTTP {status}: {body.strip()}")
    text = note.Note.parse(signed).text
    for raw in body.splitlines():
        line = note.parse_signature(raw)
        if note.verified(key, text, line) is not None:
            return line
    raise ValueError("the answer holds no valid cosignature by the witness key")


def _last_cosigned(conn: sa.Connection, tenant_id: UUID, witness: str) -> int:
    return conn.execute(
        sa.select(sa.func.coalesce(sa.func.max(cosigs.c.tree_size), 0)).where(
            cosigs.c.tenant_id == tenant_id, cosigs.c.witness == witness
        )
    ).scalar_one()


def _request(engine: sa.Engine, row: sa.Row, old: int, signed: str) -> bytes:
    proof: list[bytes] = []
    if 0 < old < row.tree_size:
        with engine.connect() as conn:
            proof = queries.consistency_proof(conn, row.tenant_id, old, row.tree_size)
    lines = [f"old {old}", *(base64.b64encode(h).decode() for h in proof)]
    return ("\n".join(lines) + "\n\n" + signed).encode()


def _post(url: str, body: bytes) -> tuple[int, str]:
    request = urllib.request.Request(f"{url}/add-checkpoint", data=body, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")
