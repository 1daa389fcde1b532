"""User actions on the local store. Each is one write transaction that changes local
state and appends the outbox op that tells the server, or does neither.

The Tracker is what the CLI, the desktop app and the app's command socket all call;
it never waits on the network. Every action reads the clock after BEGIN IMMEDIATE:
a command that waited seconds for another writer's lock must not record the moment
it was typed, or its entry could overlap what the other writer recorded meanwhile.
The rules themselves (overlaps, switching timers, edits) are in domain.tracking.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from datetime import datetime, timezone, tzinfo

from ..domain import tracking
from ..domain.clock import Clock
from ..domain.errors import NotFound, Refused, UsageError
from ..domain.model import INITIAL_STATUS, STARTED_STATUS, SYNC_PENDING
from ..domain.tracking import MAX_ENTRY, MAX_TITLE, Span
from . import changes, lookup, outbox
from .database import Database
from .entry_edits import EntryEdits, initial_sync, insert_entry, new_entry_id
from .changes import Used
from .rows import Account, Entry, StartResult, Status, StatusChange, Task, seconds

__all__ = ["MAX_ENTRY", "MAX_TITLE", "StartResult", "StatusChange", "Tracker", "Used"]


class Tracker(EntryEdits):  # EntryEdits: move, split, continue (store/entry_edits.py)
    def __init__(
        self,
        db: Database,
        clock: Clock,
        tz: tzinfo = timezone.utc,
        on_change: Callable[[str], None] | None = None,
    ) -> None:
        self.db = db
        self.clock = clock
        self.tz = tz  # only for the times in messages
        self._on_change = on_change or (lambda _what: None)

    def _now(self) -> datetime:
        """Read inside the write transaction, after the lock is ours."""
        return tracking.whole_seconds(self.clock.now())

    # -- tasks -----------------------------------------------------------------

    def create_task(
        self,
        title: str,
        *,
        description: str | None = None,
        project: str | None = None,
        account: str | None = None,
        local: bool = False,
        start: bool = False,
    ) -> StartResult | Task:
        title = tracking.clean_title(title)
        if account and local:
            raise UsageError("--account and --local cannot be used together")
        with self.db.write() as conn:
            now = self._now()
            target = _account_for_new_task(conn, account, local)
            account_id = target.id if target else None
            status = lookup.status_named(conn, account_id, INITIAL_STATUS) or _first_open_status(conn, account_id)
            task_id = conn.execute(
                "INSERT INTO task (account_id, title, description, status_id, project, created_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (account_id, title, description or None, status.id, project or None, seconds(now), seconds(now)),
            ).lastrowid
            assert task_id is not None
            task = Task(task_id, account_id, None, title, description or None, project or None, None, None, None,
                        None, status, target)
            if account_id is not None:
                outbox.append(conn, account_id=account_id, kind="create_task", now=now, task_id=task_id,
                              payload={"title": title, "description": description or ""})
            result: StartResult | Task = self._start(conn, task, now) if start else task
        self._on_change("tasks")
        return result

    def set_status(self, task_ref: str, status_ref: str) -> StatusChange:
        """Give a task another status. A done or cancelled one stops the task's running
        timer first, in the same transaction: its stop op goes ahead of the status op,
        so a server that refuses time on a closed task still gets the time."""
        stopped = None
        with self.db.write() as conn:
            now = self._now()
            task = lookup.find_task(conn, task_ref)
            status = lookup.find_status(conn, task.account_id, status_ref)
            if status.is_done:
                running = lookup.running_entry(conn)
                if running is not None and running.task.id == task.id:
                    stopped = self._stop(conn, running, now, now)
            if status.id != task.status.id:
                conn.execute("UPDATE task SET status_id = ?, updated_at = ? WHERE id = ?",
                             (status.id, seconds(now), task.id))
                if task.account_id is not None:
                    outbox.append(conn, account_id=task.account_id, kind="set_status", now=now, task_id=task.id,
                                  payload={"status_id": status.id, "status": status.name})
                task = task._replace(status=status)
        self._on_change("timer" if stopped is not None else "tasks")
        return StatusChange(task, stopped)

    # -- the timer -------------------------------------------------------------

    def start(self, task_ref: str) -> StartResult:
        with self.db.write() as conn:
            now = self._now()
            result = self._start(conn, lookup.find_task(conn, task_ref), now)
        self._on_change("timer")
        return result

    def stop(self) -> Entry:
        """Stop the running timer. One that ran less than a second is removed (it
        tracked nothing): the entry returned is then marked deleted."""
        with self.db.write() as conn:
            now = self._now()
            entry = lookup.running_entry(conn)
            if entry is None:
                raise Refused("no timer is running")
            stopped = self._stop(conn, entry, now, now)
        self._on_change("timer")
        return stopped

    def start_last(self) -> StartResult:
        """Start again the task tracked most recently before the running one (with
        nothing running: the last task tracked) — "continue" in other trackers."""
        with self.db.write() as conn:
            now = self._now()
            running = lookup.running_entry(conn)
            result = self._start(conn, lookup.last_task(conn, besides=running.task.id if running else None), now)
        self._on_change("timer")
        return result

    def toggle(self) -> StartResult | Entry:
        """Stop the running timer, or start the last task again: one hotkey for both.
        One transaction, so two presses at once cannot both start."""
        with self.db.write() as conn:
            now = self._now()
            entry = lookup.running_entry(conn)
            if entry is not None:
                result: StartResult | Entry = self._stop(conn, entry, now, now)
            else:
                result = self._start(conn, lookup.last_task(conn, besides=None), now)
        self._on_change("timer")
        return result

    def discard_idle(self, entry_id: str, since: datetime, *, restart: bool) -> StartResult | None:
        """Take the time since `since` off the running timer — ending it there, or
        dropping it if it started later — and with `restart` start its task again
        now. One transaction, so a crash never leaves half of it done."""
        with self.db.write() as conn:
            now = self._now()
            entry = lookup.running_entry(conn)
            if entry is None or entry.id != entry_id:
                raise Refused("the timer changed while you were away; nothing was discarded")
            end = tracking.idle_cut(entry.started_at, tracking.whole_seconds(since), now)
            if end is None:
                self._delete(conn, entry, now)
            else:
                self._stop(conn, entry, end, now)
            result = self._start(conn, entry.task, now) if restart else None
        self._on_change("timer")
        return result

    def _start(self, conn: sqlite3.Connection, task: Task, now: datetime, *, at: datetime | None = None,
               note: str = "") -> StartResult:
        """A timer on `task` from `at` (default now: a split or a move keeps its start)."""
        at = at or now
        current = lookup.running_entry(conn)
        if current is not None and current.task.id == task.id:
            return StartResult(current, task, None, already_running=True)
        stopped = self._stop(conn, current, now, now) if current is not None else None
        tracking.refuse_start(at, _overlapping(conn, at, None, ignore=None), self.tz)
        entry = Entry(new_entry_id(), task, at, None, note, None, "local", initial_sync(task), False)
        insert_entry(conn, entry, now)
        started = lookup.status_named(conn, task.account_id, STARTED_STATUS)
        if started is not None and task.status.id != started.id:
            # The Wapify rule: starting a timer moves the task to IN_PROGRESS (the server
            # does the same on its side, so no separate status op is queued).
            conn.execute("UPDATE task SET last_started_at = ?, status_id = ?, updated_at = ? WHERE id = ?",
                         (seconds(now), started.id, seconds(now), task.id))
            task = task._replace(status=started, last_started_at=now)
        else:
            conn.execute("UPDATE task SET last_started_at = ? WHERE id = ?", (seconds(now), task.id))
            task = task._replace(last_started_at=now)
        entry = entry._replace(task=task)
        if task.account_id is not None:
            outbox.append(conn, account_id=task.account_id, kind="start", now=now, task_id=task.id,
                          entry_id=entry.id, payload={"at": at.isoformat()})
        return StartResult(entry, task, stopped)

    def _stop(self, conn: sqlite3.Connection, entry: Entry, at: datetime, now: datetime) -> Entry:
        end = tracking.stop_at(entry.started_at, at)
        if end is None:
            return self._delete(conn, entry, now)
        sync = SYNC_PENDING if entry.task.account_id is not None else entry.sync
        conn.execute("UPDATE entry SET ended_at = ?, updated_at = ?, sync = ? WHERE id = ?",
                     (seconds(end), seconds(now), sync, entry.id))
        if entry.task.account_id is not None:
            outbox.append(conn, account_id=entry.task.account_id, kind="stop", now=now, task_id=entry.task.id,
                          entry_id=entry.id, payload={"at": end.isoformat()})
        return entry._replace(ended_at=end, sync=sync)

    # -- changes the server refused (store/changes.py) --------------------------

    def retry_changes(self, seqs: Sequence[int]) -> None:
        """Send failed changes `seqs` again on the next sync: all of them, or none."""
        with self.db.write() as conn:
            changes.retry(conn, seqs)
        self._on_change("sync")

    def discard_changes(self, seqs: Sequence[int]) -> None:
        """Stop sending failed changes `seqs` (their local changes stay): all, or none."""
        with self.db.write() as conn:
            changes.discard(conn, seqs)
        self._on_change("sync")

    def use_server_task(self, seq: int, task_ref: str) -> Used:
        """Failed task creation `seq` made server task `task_ref`, as the person found
        on the server: the local task becomes that one (its time and queued changes
        with it), and the creation is settled."""
        with self.db.write() as conn:
            now = self._now()
            used = changes.use_server_task(conn, seq, task_ref, now)
        self._on_change("all")
        return used

    # -- entries by hand -------------------------------------------------------

    def log(self, task_ref: str, start: datetime, end: datetime, note: str = "") -> Entry:
        start, end = tracking.whole_seconds(start), tracking.whole_seconds(end)
        with self.db.write() as conn:
            now = self._now()
            _check_moments((start, end), now, self.tz)
            tracking.check_interval(start, end)
            task = lookup.find_task(conn, task_ref)
            tracking.refuse_overlap(start, end, _overlapping(conn, start, end, ignore=None), self.tz)
            entry = self._add(conn, task, start, end, note, now)
        self._on_change("entries")
        return entry

    def edit_entry(
        self, entry_ref: str, *, start: datetime | None = None, end: datetime | None = None, note: str | None = None,
        task: str | None = None,
    ) -> Entry:
        """Change an entry's start, end or note, or move it to `task` (a new id: see
        store/entry_edits.py) — one transaction for all of it."""
        if start is None and end is None and note is None and task is None:
            raise UsageError("nothing to change: give --start, --end, --note or --task")
        start = tracking.whole_seconds(start) if start is not None else None
        end = tracking.whole_seconds(end) if end is not None else None
        with self.db.write() as conn:
            now = self._now()
            _check_moments((start, end), now, self.tz)
            entry = lookup.find_entry(conn, entry_ref)
            edit = tracking.edit(entry.started_at, entry.ended_at, entry.note, now,
                                 start=start, end=end, new_note=note)
            tracking.refuse_overlap(edit.start, edit.end, _overlapping(conn, edit.start, edit.end, ignore=entry.id),
                                    self.tz)
            new_note = entry.note if note is None else note
            target = lookup.find_task(conn, task) if task is not None else entry.task
            if target.id != entry.task.id:
                entry = self._move(conn, entry, target, edit.start, edit.end, new_note, now)
            elif edit.changed:
                entry = self._retime(conn, entry, edit.start, edit.end, new_note, now, edit.changed)
        self._on_change("entries")
        return entry

    def delete_entry(self, entry_ref: str) -> Entry:
        with self.db.write() as conn:
            now = self._now()
            entry = self._delete(conn, lookup.find_entry(conn, entry_ref), now)
        self._on_change("entries")
        return entry

    def _delete(self, conn: sqlite3.Connection, entry: Entry, now: datetime) -> Entry:
        if entry.task.account_id is None:
            conn.execute("DELETE FROM entry WHERE id = ?", (entry.id,))
            return entry._replace(deleted=True)
        account_id = entry.task.account_id
        ended_at = entry.ended_at
        if ended_at is None:
            # A running timer: the server may be running it too; its stop goes first.
            ended_at = entry.started_at
            outbox.append(conn, account_id=account_id, kind="stop", now=now, task_id=entry.task.id,
                          entry_id=entry.id, payload={"at": ended_at.isoformat()})
        # Kept, marked deleted, until the server confirms the delete.
        conn.execute("UPDATE entry SET deleted = 1, ended_at = ?, updated_at = ? WHERE id = ?",
                     (seconds(ended_at), seconds(now), entry.id))
        outbox.append(conn, account_id=account_id, kind="delete_entry", now=now,
                      task_id=entry.task.id, entry_id=entry.id, payload={"remote_id": entry.remote_id})
        return entry._replace(ended_at=ended_at, deleted=True)


def _check_moments(moments: tuple[datetime | None, ...], now: datetime, tz: tzinfo) -> None:
    """A date from a typo (0001, 2099) is refused, never stored."""
    from ..domain.when import check_moment  # here: it compiles the WHEN patterns, which start/stop never need

    for moment in moments:
        if moment is not None:
            check_moment(moment, now, tz)


# The live finished entries that overlap [start, end) (end None: forever), first by
# start, then the running one. Finished entries are shorter than MAX_ENTRY, which
# keeps the first an index range on ix_entry_started; the second uses uq_entry_running.
_OVERLAPPING = """
SELECT e.id, t.title, e.started_at, e.ended_at FROM entry AS e JOIN task AS t ON t.id = e.task_id
WHERE e.deleted = 0 AND e.started_at > ? AND e.started_at < ? AND e.ended_at > ? AND e.id IS NOT ?
ORDER BY e.started_at LIMIT 1
"""
_RUNNING = """
SELECT e.id, t.title, e.started_at, e.ended_at FROM entry AS e JOIN task AS t ON t.id = e.task_id
WHERE e.ended_at IS NULL AND e.deleted = 0 AND e.id IS NOT ?
"""
_FOREVER = 2**62


def _overlapping(conn: sqlite3.Connection, start: datetime, end: datetime | None, ignore: str | None) -> list[Span]:
    begin = seconds(start)
    assert begin is not None
    until = seconds(end) if end is not None else _FOREVER
    low = begin - int(MAX_ENTRY.total_seconds())
    rows = conn.execute(_OVERLAPPING, (low, until, begin, ignore)).fetchall()
    rows += conn.execute(_RUNNING, (ignore,)).fetchall()
    return [Span(id_, title, _utc(started), _utc(ended) if ended is not None else None)
            for id_, title, started, ended in rows]


def _utc(value: int) -> datetime:
    return datetime.fromtimestamp(value, timezone.utc)


def _first_open_status(conn: sqlite3.Connection, account_id: int | None) -> Status:
    statuses = [st for st in lookup.list_statuses(conn, account_id) if not st.is_done]
    if not statuses:
        raise NotFound("this account has no statuses yet; run `stint sync` first")
    return statuses[0]


def _account_for_new_task(conn: sqlite3.Connection, name: str | None, local: bool) -> Account | None:
    if local:
        return None
    if name:
        return lookup.find_account(conn, name)
    configured = lookup.accounts(conn)
    if len(configured) > 1:
        names = ", ".join(a.name for a in configured)
        raise UsageError(f"several accounts are configured ({names}): give --account NAME or --local")
    return configured[0] if configured else None
