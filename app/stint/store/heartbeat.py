"""The running app's heartbeat, with the standard library's sqlite3 only.

One row (migration 0003), rewritten about once a minute by the app: the idle tray
keeps SQLAlchemy out of its process, and one small upsert a minute costs nothing next
to the WAL the store already keeps. `read()` is what the next start looks at to find
a gap no heartbeat covers (stint.domain.away.crash_gap decides).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from .database import BUSY_TIMEOUT_MS


@dataclass(frozen=True)
class Beat:
    at: datetime                 # the last sign of life
    closed: bool                 # the person quit the app then
    pending_entry: str | None    # a question about time away, not answered yet
    pending_since: datetime | None


def _connect(path: Path | str) -> sqlite3.Connection:
    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    return conn


def _seconds(when: datetime | None) -> int | None:
    return None if when is None else int(when.timestamp())


def _utc(seconds: int | None) -> datetime | None:
    return None if seconds is None else datetime.fromtimestamp(seconds, timezone.utc)


def read(path: Path | str) -> Beat | None:
    conn = _connect(path)
    try:
        row = conn.execute("SELECT beat_at, closed, pending_entry, pending_since FROM heartbeat WHERE id = 1").fetchone()
    finally:
        conn.close()
    if row is None:
        return None
    at = _utc(row[0])
    assert at is not None
    return Beat(at, bool(row[1]), row[2], _utc(row[3]))


def beat(path: Path | str, now: datetime, *, closed: bool = False) -> None:
    """Record a sign of life at `now` (and, with `closed`, that the person quit)."""
    conn = _connect(path)
    try:
        conn.execute(
            "INSERT INTO heartbeat (id, beat_at, closed) VALUES (1, ?, ?) "
            "ON CONFLICT (id) DO UPDATE SET beat_at = excluded.beat_at, closed = excluded.closed",
            (_seconds(now), int(closed)))
    finally:
        conn.close()


def set_pending(path: Path | str, now: datetime, entry_id: str | None, since: datetime | None) -> None:
    """Remember (or, with None, forget) an unanswered question about time away."""
    conn = _connect(path)
    try:
        conn.execute(
            "INSERT INTO heartbeat (id, beat_at, closed, pending_entry, pending_since) VALUES (1, ?, 0, ?, ?) "
            "ON CONFLICT (id) DO UPDATE SET pending_entry = excluded.pending_entry, "
            "pending_since = excluded.pending_since",
            (_seconds(now), entry_id, _seconds(since)))
    finally:
        conn.close()
