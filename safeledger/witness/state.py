"""The witness's own SQLite file: every checkpoint it cosigned, and refusals.

Checking a request against the latest cosigned checkpoint and recording the
new one happen in one ``BEGIN IMMEDIATE`` transaction, so two concurrent
requests can never roll a log back (the race c2sp.org/tlog-witness describes).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS cosigned (
    origin TEXT NOT NULL,
    size INTEGER NOT NULL,
    root BLOB NOT NULL,
    note TEXT NOT NULL,
    cosigned_at TEXT NOT NULL,
    PRIMARY KEY (origin, size)
);
CREATE TABLE IF NOT EXISTS refused (
    origin TEXT NOT NULL,
    at TEXT NOT NULL,
    status INTEGER NOT NULL,
    reason TEXT NOT NULL,
    request TEXT NOT NULL
);
CREATE TRIGGER IF NOT EXISTS cosigned_append_only BEFORE UPDATE ON cosigned
BEGIN SELECT RAISE(ABORT, 'cosigned checkpoints are never changed'); END;
"""


@dataclass(frozen=True)
class Latest:
    """The largest checkpoint cosigned for a log."""

    size: int
    root: bytes
    note: str


class WitnessState:
    """One SQLite file; safe to share between a server's threads."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._conn = sqlite3.connect(
            path, isolation_level=None, check_same_thread=False
        )
        self._conn.executescript(SCHEMA)
        self._lock = threading.Lock()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One writer at a time, in this process and across processes."""
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    def latest(self, conn: sqlite3.Connection, origin: str) -> Latest | None:
        """The largest checkpoint cosigned for ``origin``, or None."""
        row = conn.execute(
            "SELECT size, root, note FROM cosigned WHERE origin = ? "
            "ORDER BY size DESC LIMIT 1",
            (origin,),
        ).fetchone()
        return Latest(row[0], bytes(row[1]), row[2]) if row else None

    def record(
        self, conn: sqlite3.Connection, origin: str, size: int, root: bytes, note: str
    ) -> None:
        """Keep a newly cosigned checkpoint; a second root for a size fails."""
        kept = conn.execute(
            "SELECT root FROM cosigned WHERE origin = ? AND size = ?", (origin, size)
        ).fetchone()
        if kept is not None:
            if bytes(kept[0]) != root:
                raise sqlite3.IntegrityError(f"{origin} size {size} has another root")
            return
        conn.execute(
            "INSERT INTO cosigned (origin, size, root, note, cosigned_at) "
            "VALUES (?, ?, ?, ?, ?)",
            (origin, size, root, note, _now()),
        )

    def refuse(self, origin: str, status: int, reason: str, request: str) -> None:
        """Keep a refused, validly signed request: it may prove misbehaviour."""
        with self._lock:
            self._conn.execute(
                "INSERT INTO refused (origin, at, status, reason, request) "
                "VALUES (?, ?, ?, ?, ?)",
                (origin, _now(), status, reason, request),
            )

    def latest_note(self, match: Callable[[str], bool]) -> str | None:
        """The latest cosigned note of the first log whose origin ``match``es."""
        with self._lock:
            rows = self._conn.execute(
                "SELECT origin, note FROM cosigned c WHERE size = "
                "(SELECT MAX(size) FROM cosigned WHERE origin = c.origin)"
            ).fetchall()
        return next((note for origin, note in rows if match(origin)), None)

    def refusals(self) -> list[tuple[str, int, str]]:
        """Every refusal: origin, HTTP status, reason."""
        with self._lock:
            return self._conn.execute(
                "SELECT origin, status, reason FROM refused ORDER BY rowid"
            ).fetchall()

    def close(self) -> None:
        """Close the file."""
        self._conn.close()


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
