"""The Tracker's edits that reshape entries: move to another task, split in two,
continue. Each is one write transaction with the outbox ops a server needs, built
from the ops every kind of server already understands (sync/plan.py decides what
each means for a server's capabilities):

- move: the entry is deleted from its task and created on the other — a
  `delete_entry` and a `create_entry` (for a running timer, a `stop` and a
  `delete_entry` then a `start`). A server holding entries deletes one and creates
  the other, across accounts too; a task-total server (Wekan) gets both tasks'
  totals; on a live-timer server (Wapify) edited time stays local, as every edit
  does. The moved entry gets a new id, so the create's idempotency key (the entry's
  id) can never land on the deleted one.
- split at T: the entry keeps [start, T) — an `update_entry` — and a new entry on
  the same task with the same note takes [T, end) — a `create_entry`. A running
  timer is stopped at T and started again at T: a `stop` and a `start`.
- continue: a new timer on the entry's task with its note — a `start`.

A mixin, so the Tracker stays one object for its callers; it uses the Tracker's
`db`, `tz`, `_now`, `_start`, `_stop`, `_delete` and `_on_change`.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from collections.abc import Callable
from datetime import tzinfo
from typing import Protocol

from ..domain import tracking
from ..domain.model import SYNC_LOCAL, SYNC_PENDING
from . import lookup, outbox
from .database import Database
from .rows import Entry, StartResult, Task, seconds


class Tracker(Protocol):
    """What the edits use of the Tracker (store/actions.py), which mixes them in —
    named here, not imported, so the two modules do not import each other."""

    db: Database
    tz: tzinfo
    _on_change: Callable[[str], None]

    def _now(self) -> datetime: ...

    def _start(self, conn: sqlite3.Connection, task: Task, now: datetime, *, at: datetime | None = None,
               note: str = "") -> StartResult: ...

    def _stop(self, conn: sqlite3.Connection, entry: Entry, at: datetime, now: datetime) -> Entry: ...

    def _delete(self, conn: sqlite3.Connection, entry: Entry, now: datetime) -> Entry: ...

    def _add(self, conn: sqlite3.Connection, task: Task, start: datetime, end: datetime, note: str,
             now: datetime) -> Entry: ...

    def _retime(self, conn: sqlite3.Connection, entry: Entry, start: datetime, end: datetime | None,
                note: str, now: datetime, changed: dict[str, object]) -> Entry: ...


class EntryEdits:
    def continue_entry(self: Tracker, entry_ref: str) -> StartResult:
        """Start a new timer on an entry's task, with the entry's note ("continue" in
        Toggl and Clockify). The running timer, if any, stops now."""
        with self.db.write() as conn:
            now = self._now()
            entry = lookup.find_entry(conn, entry_ref)
            result = self._start(conn, entry.task, now, note=entry.note)
        self._on_change("timer")
        return result

    def split_entry(self: Tracker, entry_ref: str, at: datetime) -> tuple[Entry, Entry]:
        """Cut an entry in two at `at`: (the first half, which keeps the entry's id;
        the second, a new entry on the same task with the same note)."""
        at = tracking.whole_seconds(at)
        with self.db.write() as conn:
            now = self._now()
            entry = lookup.find_entry(conn, entry_ref)
            tracking.check_split(entry.started_at, entry.ended_at, at, now, self.tz)
            if entry.ended_at is None:
                first = self._stop(conn, entry, at, now)
                second = self._start(conn, entry.task, now, at=at, note=entry.note).entry
            else:
                first = self._retime(conn, entry, entry.started_at, at, entry.note, now, {"end": at.isoformat()})
                second = self._add(conn, entry.task, at, entry.ended_at, entry.note, now)
        self._on_change("entries")
        return first, second

    def _move(self: Tracker, conn: sqlite3.Connection, entry: Entry, target: Task, start: datetime,
              end: datetime | None, note: str, now: datetime) -> Entry:
        """`entry` (with its new times and note) on `target`: deleted here, created there."""
        self._delete(conn, entry, now)
        if end is None:
            return self._start(conn, target, now, at=start, note=note).entry
        return self._add(conn, target, start, end, note, now)

    def _add(self: Tracker, conn: sqlite3.Connection, task: Task, start: datetime, end: datetime, note: str,
             now: datetime) -> Entry:
        """A finished entry on `task`, and its create op."""
        entry = Entry(new_entry_id(), task, start, end, note, None, "local", initial_sync(task), False)
        insert_entry(conn, entry, now)
        if task.account_id is not None:
            outbox.append(conn, account_id=task.account_id, kind="create_entry", now=now, task_id=task.id,
                          entry_id=entry.id)
        return entry

    def _retime(self: Tracker, conn: sqlite3.Connection, entry: Entry, start: datetime, end: datetime | None,
                note: str, now: datetime, changed: dict[str, object]) -> Entry:
        """`entry` with new times and note, and the update op telling the server `changed`."""
        sync = SYNC_PENDING if entry.task.account_id is not None else entry.sync
        conn.execute("UPDATE entry SET started_at = ?, ended_at = ?, note = ?, sync = ?, updated_at = ? WHERE id = ?",
                     (seconds(start), seconds(end), note, sync, seconds(now), entry.id))
        if entry.task.account_id is not None:
            outbox.append(conn, account_id=entry.task.account_id, kind="update_entry", now=now,
                          task_id=entry.task.id, entry_id=entry.id, payload=changed)
        return entry._replace(started_at=start, ended_at=end, note=note, sync=sync)


def new_entry_id() -> str:
    import uuid  # here: `status`, `stop` and the reads never need one

    return str(uuid.uuid4())


def initial_sync(task: Task) -> str:
    """A new entry's sync state: nothing to push on a local task, else pending."""
    return SYNC_LOCAL if task.account_id is None else SYNC_PENDING


def insert_entry(conn: sqlite3.Connection, entry: Entry, now: datetime) -> None:
    conn.execute(
        "INSERT INTO entry (id, task_id, started_at, ended_at, note, origin, sync, deleted, created_at, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?)",
        (entry.id, entry.task.id, seconds(entry.started_at), seconds(entry.ended_at), entry.note, entry.origin,
         entry.sync, seconds(now), seconds(now)),
    )
