"""User actions on the local store. Each is one transaction that changes local state
and appends the outbox op that tells the server, or does neither.

The Tracker is what the CLI, the desktop app and the app's command socket all call;
it never waits on the network.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone, tzinfo

from sqlalchemy import Engine, Select, false, select
from sqlalchemy.orm import Session

from ..domain.clock import Clock
from ..domain.errors import NotFound, Refused, UsageError
from ..domain.model import INITIAL_STATUS, STARTED_STATUS, SYNC_LOCAL, SYNC_PENDING
from ..domain.when import check_moment
from . import lookup, outbox
from .db import transaction
from .models import Account, Entry, Task

MAX_TITLE = 255
# A finished entry is shorter than this; queries rely on it to stay index ranges.
MAX_ENTRY = timedelta(days=7)


@dataclass(frozen=True)
class StartResult:
    entry: Entry
    task: Task
    stopped: Entry | None  # the timer this start stopped, if any
    already_running: bool = False


class Tracker:
    def __init__(
        self,
        engine: Engine,
        clock: Clock,
        tz: tzinfo = timezone.utc,
        on_change: Callable[[str], None] | None = None,
    ) -> None:
        self.engine = engine
        self.clock = clock
        self.tz = tz  # only for the times in messages
        self._on_change = on_change or (lambda _what: None)

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
        title = " ".join(title.split())
        if not title:
            raise UsageError("a task needs a title")
        if len(title) > MAX_TITLE:
            raise UsageError(f"a title can have at most {MAX_TITLE} characters, this one has {len(title)}")
        if account and local:
            raise UsageError("--account and --local cannot be used together")
        now = self.clock.now()
        with transaction(self.engine) as s:
            target = self._account_for_new_task(s, account, local)
            account_id = target.id if target else None
            status = lookup.status_named(s, account_id, INITIAL_STATUS) or _first_open_status(s, account_id)
            task = Task(
                account_id=account_id,
                title=title,
                description=description or None,
                project=project or None,
                status_id=status.id,
                created_at=now,
                updated_at=now,
            )
            task.status, task.account = status, target
            s.add(task)
            s.flush()
            if account_id is not None:
                outbox.append(
                    s, account_id=account_id, kind="create_task", now=now, task_id=task.id,
                    payload={"title": title, "description": description or ""},
                )
            result: StartResult | Task = self._start(s, task, now) if start else task
        self._on_change("tasks")
        return result

    def set_status(self, task_ref: str, status_ref: str) -> Task:
        now = self.clock.now()
        with transaction(self.engine) as s:
            task = lookup.find_task(s, task_ref)
            status = lookup.find_status(s, task.account_id, status_ref)
            if status.id != task.status_id:
                task.status_id = status.id
                task.status = status
                task.updated_at = now
                if task.account_id is not None:
                    outbox.append(
                        s, account_id=task.account_id, kind="set_status", now=now, task_id=task.id,
                        payload={"status_id": status.id, "status": status.name},
                    )
        self._on_change("tasks")
        return task

    # -- the timer -------------------------------------------------------------

    def start(self, task_ref: str) -> StartResult:
        now = self.clock.now()
        with transaction(self.engine) as s:
            task = lookup.find_task(s, task_ref)
            result = self._start(s, task, now)
        self._on_change("timer")
        return result

    def stop(self) -> Entry:
        now = self.clock.now()
        with transaction(self.engine) as s:
            entry = running_entry(s)
            if entry is None:
                raise Refused("no timer is running")
            self._stop(s, entry, now)
        self._on_change("timer")
        return entry

    def start_last(self) -> StartResult:
        """Start again the task tracked most recently before the running one (with
        nothing running: the last task tracked) — "continue" in other trackers."""
        now = self.clock.now()
        with transaction(self.engine) as s:
            result = self._start(s, _last_task(s, running_entry(s)), now)
        self._on_change("timer")
        return result

    def toggle(self) -> StartResult | Entry:
        """Stop the running timer, or start the last task again: one hotkey for both.
        One transaction, so two presses at once cannot both start."""
        now = self.clock.now()
        with transaction(self.engine) as s:
            entry = running_entry(s)
            if entry is not None:
                self._stop(s, entry, now)
                result: StartResult | Entry = entry
            else:
                result = self._start(s, _last_task(s, None), now)
        self._on_change("timer")
        return result

    def _start(self, s: Session, task: Task, now: datetime) -> StartResult:
        current = running_entry(s)
        if current is not None and current.task_id == task.id:
            return StartResult(current, task, None, already_running=True)
        if current is not None:
            self._stop(s, current, now)
        blocker = s.scalar(
            select(Entry)
            .where(Entry.deleted == false(), Entry.started_at <= now, Entry.started_at > now - MAX_ENTRY,
                   Entry.ended_at > now)
            .limit(1)
        )
        if blocker is not None:
            raise Refused(f"entry {blocker.id[:8]} ({blocker.task.title}) already covers this moment; edit it first")
        entry = Entry(
            id=str(uuid.uuid4()), task_id=task.id, started_at=now, ended_at=None, note="",
            origin="local", sync=_sync_state(task), deleted=False, created_at=now, updated_at=now,
        )
        entry.task = task
        s.add(entry)
        task.last_started_at = now
        started = lookup.status_named(s, task.account_id, STARTED_STATUS)
        if started is not None and task.status_id != started.id:
            # The Wapify rule: starting a timer moves the task to IN_PROGRESS (the server
            # does the same on its side, so no separate status op is queued).
            task.status_id = started.id
            task.status = started
            task.updated_at = now
        s.flush()
        if task.account_id is not None:
            outbox.append(
                s, account_id=task.account_id, kind="start", now=now, task_id=task.id,
                entry_id=entry.id, payload={"at": now.isoformat()},
            )
        return StartResult(entry, task, current)

    def discard_idle(self, entry_id: str, since: datetime, *, restart: bool) -> StartResult | None:
        """Take the time since `since` off the running timer — ending it there, or
        dropping it if it started later — and with `restart` start its task again
        now. One transaction, so a crash never leaves half of it done."""
        now = self.clock.now()
        with transaction(self.engine) as s:
            entry = running_entry(s)
            if entry is None or entry.id != entry_id:
                raise Refused("the timer changed while you were away; nothing was discarded")
            task = entry.task
            if since <= entry.started_at:
                self._delete(s, entry, now)
            else:
                self._stop(s, entry, min(since, now), now)
            s.flush()
            result = self._start(s, task, now) if restart else None
        self._on_change("timer")
        return result

    def _stop(self, s: Session, entry: Entry, at: datetime, now: datetime | None = None) -> None:
        now = now or at
        entry.ended_at = max(at, entry.started_at)
        entry.updated_at = now
        if entry.task.account_id is not None:
            entry.sync = SYNC_PENDING
            outbox.append(
                s, account_id=entry.task.account_id, kind="stop", now=now, task_id=entry.task_id,
                entry_id=entry.id, payload={"at": entry.ended_at.isoformat()},
            )
        s.flush()

    # -- entries by hand -------------------------------------------------------

    def log(self, task_ref: str, start: datetime, end: datetime, note: str = "") -> Entry:
        now = self.clock.now()
        _check_interval(start, end, now, self.tz)
        with transaction(self.engine) as s:
            task = lookup.find_task(s, task_ref)
            _refuse_overlap(s, start, end, now, ignore=None, tz=self.tz)
            entry = Entry(
                id=str(uuid.uuid4()), task_id=task.id, started_at=start, ended_at=end, note=note,
                origin="local", sync=_sync_state(task), deleted=False, created_at=now, updated_at=now,
            )
            entry.task = task
            s.add(entry)
            s.flush()
            if task.account_id is not None:
                outbox.append(s, account_id=task.account_id, kind="create_entry", now=now,
                              task_id=task.id, entry_id=entry.id)
        self._on_change("entries")
        return entry

    def edit_entry(
        self, entry_ref: str, *, start: datetime | None = None, end: datetime | None = None, note: str | None = None
    ) -> Entry:
        if start is None and end is None and note is None:
            raise UsageError("nothing to change: give --start, --end or --note")
        now = self.clock.now()
        with transaction(self.engine) as s:
            entry = lookup.find_entry(s, entry_ref)
            if end is not None and entry.ended_at is None:
                raise Refused("this timer is still running; stop it, or change only its start or note")
            new_start = start or entry.started_at
            new_end = end or entry.ended_at
            check_moment(new_start, now, self.tz)
            if new_end is not None:
                _check_interval(new_start, new_end, now, self.tz)
            elif new_start > now:
                raise Refused("a running timer cannot start in the future")
            _refuse_overlap(s, new_start, new_end, now, ignore=entry.id, tz=self.tz)
            changed = {}
            if new_start != entry.started_at:
                changed["start"] = new_start.isoformat()
            if new_end != entry.ended_at:
                changed["end"] = new_end.isoformat() if new_end else None
            if note is not None and note != entry.note:
                changed["note"] = note
            if changed:
                entry.started_at, entry.ended_at = new_start, new_end
                if note is not None:
                    entry.note = note
                entry.updated_at = now
                if entry.task.account_id is not None:
                    entry.sync = SYNC_PENDING
                    outbox.append(s, account_id=entry.task.account_id, kind="update_entry", now=now,
                                  task_id=entry.task_id, entry_id=entry.id, payload=changed)
        self._on_change("entries")
        return entry

    def delete_entry(self, entry_ref: str) -> Entry:
        now = self.clock.now()
        with transaction(self.engine) as s:
            entry = lookup.find_entry(s, entry_ref)
            self._delete(s, entry, now)
        self._on_change("entries")
        return entry

    def _delete(self, s: Session, entry: Entry, now: datetime) -> None:
        if entry.task.account_id is None:
            s.delete(entry)
            return
        # Kept, marked deleted, until the server confirms the delete.
        entry.deleted = True
        entry.updated_at = now
        outbox.append(s, account_id=entry.task.account_id, kind="delete_entry", now=now,
                      task_id=entry.task_id, entry_id=entry.id, payload={"remote_id": entry.remote_id})

    def _account_for_new_task(self, s: Session, name: str | None, local: bool) -> Account | None:
        if local:
            return None
        if name:
            return lookup.find_account(s, name)
        configured = lookup.accounts(s)
        if len(configured) > 1:
            names = ", ".join(a.name for a in configured)
            raise UsageError(f"several accounts are configured ({names}): give --account NAME or --local")
        return configured[0] if configured else None


def running_query() -> Select[tuple[Entry]]:
    # Worded exactly as the partial index uq_entry_running (`deleted = 0`, not
    # `deleted IS 0`), or SQLite scans every entry instead of using it.
    return select(Entry).where(Entry.ended_at.is_(None), Entry.deleted == false())


def running_entry(s: Session) -> Entry | None:
    return s.scalar(running_query())


def _last_task(s: Session, running: Entry | None) -> Task:
    query = select(Task).where(Task.last_started_at.is_not(None))
    if running is not None:
        query = query.where(Task.id != running.task_id)
    task = s.scalar(query.order_by(Task.last_started_at.desc(), Task.id.desc()).limit(1))
    if task is None:
        raise Refused("no earlier task to start again; start one with `stint start TASK`")
    return task


def _sync_state(task: Task) -> str:
    return SYNC_LOCAL if task.account_id is None else SYNC_PENDING


def _first_open_status(s: Session, account_id: int | None):  # type: ignore[no-untyped-def]
    statuses = [st for st in lookup.list_statuses(s, account_id) if not st.is_done]
    if not statuses:
        raise NotFound("this account has no statuses yet; run `stint sync` first")
    return statuses[0]


def _check_interval(start: datetime, end: datetime, now: datetime, tz: tzinfo) -> None:
    check_moment(start, now, tz)  # a date from a typo (0001, 2099) is refused, never stored
    check_moment(end, now, tz)
    if end <= start:
        raise Refused("the end must be after the start")
    if end - start >= MAX_ENTRY:
        raise Refused("an entry cannot be a week or longer")


def _refuse_overlap(
    s: Session, start: datetime, end: datetime | None, now: datetime, ignore: str | None, tz: tzinfo
) -> None:
    """Refuse [start, end) if it overlaps a live entry. A running timer, and a new
    open-ended interval, reach forever: whatever is logged after its start would
    overlap it once it is stopped."""
    far = end if end is not None else datetime.max.replace(tzinfo=start.tzinfo)
    finished = select(Entry).where(
        Entry.deleted == false(),
        Entry.started_at < far,
        # Finished entries are shorter than MAX_ENTRY, which keeps this an index range.
        Entry.started_at > start - MAX_ENTRY,
        Entry.ended_at > start,
    )
    if ignore is not None:
        finished = finished.where(Entry.id != ignore)
    others = list(s.scalars(finished.limit(1)))
    running = running_entry(s)
    if running is not None and running.id != ignore and running.started_at < far:
        others.append(running)
    for other in others:
        begin = other.started_at.astimezone(tz)
        until = f"{other.ended_at.astimezone(tz):%H:%M}" if other.ended_at else "running"
        raise Refused(f"overlaps entry {other.id[:8]} ({other.task.title}, {begin:%Y-%m-%d %H:%M}–{until})")
