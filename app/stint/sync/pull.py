"""Pull: read what the server holds — statuses, my tasks, the active timer, and the
time entries of the tasks in view — with every request made before anything is
written, so a server that fails half-way changes nothing locally.

An idle cycle costs two requests (my tasks and the active timer): statuses are
re-read hourly or when a task names one we do not know, and a task's entries only
when it runs, was just pushed, or its copy is older than `entries_refresh_seconds`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TypeVar

from sqlalchemy import bindparam, false, or_, select
from sqlalchemy import update as update_stmt
from sqlalchemy.orm import Session

from ..backends.base import (
    Backend,
    BadResponse,
    Rejected,
    RemoteEntry,
    RemoteStatus,
    RemoteTask,
    RemoteTimer,
    TaskTime,
    Unreadable,
    UnreadableRecord,
)
from ..domain.weeks import week_of
from ..store.db import transaction
from ..store.models import Account, Entry, Op, Status, Task
from ..store.outbox import OPEN_STATES
from .cycle import Cycle
from .unreadable import KEY as UNREADABLE
from .unreadable import Skipped


def apply_statuses(s: Session, account_id: int, statuses: Iterable[RemoteStatus]) -> int:
    """Upsert the server's statuses by remote id (by name for a row we made earlier)."""
    existing = list(s.scalars(select(Status).where(Status.account_id == account_id)))
    by_remote = {st.remote_id: st for st in existing if st.remote_id}
    by_name = {st.name: st for st in existing}
    n = 0
    for rs in statuses:
        row = by_remote.get(rs.remote_id) or by_name.get(rs.name)
        if row is None:
            row = Status(account_id=account_id, name=rs.name)
            s.add(row)
            by_name[rs.name] = row
        row.remote_id, row.name, row.label = rs.remote_id, rs.name, rs.label
        row.color, row.position, row.is_done = rs.color, rs.position, rs.is_done
        n += 1
    s.flush()
    return n


def apply_tasks(s: Session, account_id: int, tasks: Iterable[RemoteTask], now: datetime, *,
                keep_unknown: bool = False, notes: list[str] | None = None) -> int:
    """Upsert tasks by remote id. A task with a status change still in the outbox
    keeps its local status: the server has not heard of it yet.

    A task naming a status we do not hold raises UnknownStatus (the caller reads the
    statuses again), or with `keep_unknown` is kept with that status as the server
    gave it: a status row of its own, named by the raw id (said in `notes`)."""
    held = set(s.scalars(select(Op.task_id).where(
        Op.account_id == account_id, Op.kind == "set_status", Op.state.in_(OPEN_STATES))))
    # The account's tasks as plain rows, read once, and only the changed ones
    # written (one executemany): a pull of a thousand unchanged tasks, as after a
    # long drain, stays a few milliseconds of database work. New tasks go through
    # the ORM, so that the session's later reads see them.
    t = Task.__table__
    rows = {r.remote_id: r for r in s.execute(select(
        t.c.id, t.c.remote_id, t.c.title, t.c.description, t.c.project, t.c.category, t.c.due_date,
        t.c.estimated_hours, t.c.status_id, t.c.remote_updated_at, t.c.updated_at,
    ).where(t.c.account_id == account_id, t.c.remote_id.is_not(None)))}
    statuses = list(s.scalars(select(Status).where(Status.account_id == account_id)))
    by_remote = {st.remote_id: st for st in statuses if st.remote_id}
    by_name = {st.name: st for st in statuses}
    changed: list[dict[str, object]] = []
    n = 0
    for rt in tasks:
        status = by_remote.get(rt.status_remote_id) if rt.status_remote_id is not None else None
        status = status or (by_name.get(rt.status_name) if rt.status_name else None)
        if status is None:
            if not keep_unknown:
                raise UnknownStatus(rt.status_remote_id or rt.status_name or "?")
            status = _raw_status(s, account_id, rt, by_remote, by_name)
            if notes is not None:
                notes.append(f"{rt.title}: its status {status.name} is not one the server lists; "
                             "shown as the server gave it")
        n += 1
        values = (rt.title, rt.description or None, rt.project, rt.category, rt.due_date, rt.estimated_hours)
        row = rows.get(rt.remote_id)
        if row is None:
            task = Task(account_id=account_id, remote_id=rt.remote_id, created_at=now, updated_at=now,
                        status_id=status.id, remote_updated_at=rt.updated_at)
            task.title, task.description, task.project, task.category, task.due_date, task.estimated_hours = values
            s.add(task)
            rows[rt.remote_id] = task  # a repeat in the same listing updates it in place
            continue
        if isinstance(row, Task):
            row.remote_updated_at = rt.updated_at or row.remote_updated_at
            continue
        current = (row.title, row.description, row.project, row.category, row.due_date, row.estimated_hours)
        if rt.title_is_id:  # the server has no title: the one given here stays
            values = (row.title, *values[1:])
        status_id = row.status_id if row.id in held else status.id
        remote_updated = rt.updated_at or row.remote_updated_at
        if values != current or status_id != row.status_id:
            changed.append({"task_pk": row.id, **dict(zip(_COLUMNS, values)), "v_status_id": status_id,
                            "v_updated_at": now, "v_remote_updated_at": remote_updated})
        elif remote_updated != row.remote_updated_at:
            changed.append({"task_pk": row.id, **dict(zip(_COLUMNS, current)), "v_status_id": status_id,
                            "v_updated_at": row.updated_at, "v_remote_updated_at": remote_updated})
    s.flush()
    if changed:  # executemany: every row sends the same columns
        names = [c[2:] for c in (*_COLUMNS, "v_status_id", "v_updated_at", "v_remote_updated_at")]
        s.execute(update_stmt(t).where(t.c.id == bindparam("task_pk"))
                  .values({name: bindparam("v_" + name) for name in names}), changed)
    return n


_COLUMNS = ("v_title", "v_description", "v_project", "v_category", "v_due_date", "v_estimated_hours")


class UnknownStatus(Exception):
    """A task names a status we have not pulled: re-read the statuses."""


def _raw_status(s: Session, account_id: int, rt: RemoteTask, by_remote: dict[str | None, Status],
                by_name: dict[str, Status]) -> Status:
    """A status row for one the server names but does not list, called what the
    server calls it. A later listing that has it takes the row over (by remote id);
    it counts as not done, so the task stays in view."""
    raw = (rt.status_name or rt.status_remote_id or "?").strip()[:64] or "?"
    name = raw if raw not in by_name else f"{raw} ({rt.status_remote_id})"[:64]
    status = Status(account_id=account_id, remote_id=rt.status_remote_id, name=name, label=name,
                    color=None, position=len(by_name) + 1000, is_done=False)
    s.add(status)
    s.flush()
    by_name[name] = status
    if rt.status_remote_id is not None:
        by_remote[rt.status_remote_id] = status
    return status


@dataclass
class Pulled:
    statuses: list[RemoteStatus] | None = None
    tasks: list[RemoteTask] = field(default_factory=list)
    gone: list[str] = field(default_factory=list)       # referenced tasks the server no longer shows us
    timer: RemoteTimer | None = None
    times: dict[str, TaskTime] = field(default_factory=dict)
    timer_known: bool = False
    entries: list[RemoteEntry] | None = None   # entry servers: listed or changed entries
    window: tuple[datetime, datetime] | None = None
    complete: bool = False                     # entries are all the server holds (in window)
    cursor: str | None = None                  # changes_since: for next time
    skipped: Skipped = field(default_factory=Skipped)  # records it could not understand


@dataclass(frozen=True)
class Want:
    statuses: bool
    referenced: frozenset[str]     # open local tasks with a remote id
    in_view: tuple[str, ...]       # task remote ids, most wanted first
    must: frozenset[str]           # fetch whatever the cache says (running, just pushed)
    window: tuple[datetime, datetime] = (datetime.min, datetime.max)  # the visible weeks
    cursor: str | None = None      # where changes_since left off


def want(cycle: Cycle, pushed_tasks: set[str]) -> Want:
    now = cycle.clock.now()
    with transaction(cycle.engine) as s:
        account = s.get(Account, cycle.account_id)
        assert account is not None
        cursors = account.cursors or {}
        statuses_at = cursors.get("statuses_at", 0)
        rows = s.execute(select(Task.remote_id, Status.is_done).join(Task.status).where(
            Task.account_id == cycle.account_id, Task.remote_id.is_not(None))).all()
        referenced = frozenset(rid for rid, done in rows if not done) - set(cursors.get("gone", []))
        week = week_of(now, cycle.tz)
        since = week.start - timedelta(days=7)
        recent = s.execute(select(Task.remote_id).join(Entry, Entry.task_id == Task.id).where(
            Task.account_id == cycle.account_id, Task.remote_id.is_not(None), Entry.deleted == false(),
            or_(Entry.started_at >= since, Entry.ended_at.is_(None))).order_by(Entry.started_at.desc())).all()
        running = s.scalars(select(Task.remote_id).join(Entry, Entry.task_id == Task.id).where(
            Task.account_id == cycle.account_id, Entry.ended_at.is_(None), Entry.deleted == false(),
            Task.remote_id.is_not(None))).all()
        used = s.scalars(select(Task.remote_id).where(
            Task.account_id == cycle.account_id, Task.remote_id.is_not(None),
            Task.last_started_at >= since).order_by(Task.last_started_at.desc())).all()
    fetched: dict[str, int] = cursors.get("times_at", {})
    stale = now.timestamp() - cycle.entries_refresh_seconds
    must = frozenset(running) | frozenset(pushed_tasks)
    order = list(dict.fromkeys([*running, *pushed_tasks, *(r for (r,) in recent), *used]))
    in_view = tuple(r for r in order if r in must or fetched.get(r, 0) < stale)
    # Statuses it could not read are read again every cycle, until they can be.
    statuses = now.timestamp() - statuses_at > cycle.statuses_refresh_seconds or \
        bool((cursors.get(UNREADABLE) or {}).get("statuses"))
    return Want(statuses, referenced, in_view, must, (since, now + timedelta(days=1)),
                cursors.get("entries_cursor"))


def fetch(cycle: Cycle, w: Want) -> Pulled:
    backend: Backend = cycle.backend
    caps = cycle.caps
    got = Pulled()
    if w.statuses:
        got.statuses = read_statuses(cycle, got.skipped)
    listed = _counted(cycle, lambda: backend.list_tasks(pending_only=True))
    got.tasks = list(listed)
    got.skipped.add("tasks", skipped_of(listed))
    seen = {t.remote_id for t in got.tasks} | {u.remote_id for u in skipped_of(listed)}
    for rid in sorted(w.referenced - seen)[: cycle.max_task_time_calls]:
        # A task we hold but the pending list left out: finished, or taken away.
        try:
            got.tasks.append(_counted(cycle, lambda: backend.get_task(rid)))
        except UnreadableRecord as exc:
            got.skipped.add("tasks", [exc.record])
        except Rejected as exc:
            if exc.status in (403, 404):
                got.gone.append(rid)
            elif exc.status is None:
                # An id this server could never answer for (held from an older
                # version that took it): not asked for again.
                got.gone.append(rid)
                cycle.report.notes.append(f"task {rid} is no longer asked for: {exc.message}")
            else:
                raise
    if caps.live_timer and caps.timers_in_tasks:
        # The tasks fetched above already show the timer: one list request, not two.
        timers = [t.active_timer for t in got.tasks if t.active_timer is not None]
        got.timer = max(timers, key=lambda t: t.started_at, default=None)
        # A task it could not read may be the one whose timer runs: no timer seen
        # then says nothing (our running one is not taken for stopped).
        got.timer_known = got.timer is not None or not got.skipped.by_source.get("tasks")
    elif caps.live_timer:
        got.timer = _counted(cycle, backend.active_timer)
        got.timer_known = True
    _entries(cycle, w, got)
    return got


def read_statuses(cycle: Cycle, skipped: Skipped) -> list[RemoteStatus]:
    statuses = _counted(cycle, cycle.backend.list_statuses)
    skipped.add("statuses", skipped_of(statuses))
    return list(statuses)


def _entries(cycle: Cycle, w: Want, got: Pulled) -> None:
    """Time: what the server holds is read as far as it can be. A time read that
    cannot be understood at all (an optional report in another shape) leaves the
    entries as they are this cycle, said once in the report; it never stops the
    cycle, whose pushes are done and whose tasks are read."""
    backend, caps = cycle.backend, cycle.caps
    try:
        if caps.incremental_entries:
            changes = _counted(cycle, lambda: backend.changes_since(w.cursor))
            got.entries, got.cursor, got.complete = list(changes.entries), changes.cursor, changes.reset
            got.skipped.add("entries", changes.skipped)
            if not changes.reset:  # only what changed came: the rest stays as it was
                got.skipped.merged.add("entries")
                got.skipped.seen.update(e.remote_id for e in changes.entries)
        elif caps.pull_entries:
            # One request for the visible weeks, whatever the number of tasks.
            listed = _counted(cycle, lambda: backend.list_entries(*w.window))
            got.entries, got.window = list(listed), w.window
            got.skipped.add("entries", skipped_of(listed))
            # An entry it could not read may be one we hold: nothing is taken for
            # deleted on the server until it can be read (or is gone) again.
            got.complete = not skipped_of(listed)
        elif caps.server_timesheet:
            wanted = list(w.in_view)
            if got.timer is not None and got.timer.task_remote_id not in wanted:
                wanted.insert(0, got.timer.task_remote_id)
            for rid in wanted[: cycle.max_task_time_calls]:
                try:
                    got.times[rid] = time = _counted(cycle, lambda: backend.task_time(rid))
                    got.skipped.add(f"time:{rid}", time.skipped)
                except Rejected as exc:
                    if exc.status not in (403, 404):
                        raise
                except BadResponse as exc:
                    _unread_time(cycle, exc, f"task {rid}'s time")
    except BadResponse as exc:
        got.entries, got.complete = None, False
        _unread_time(cycle, exc, "the server's time entries")


def _unread_time(cycle: Cycle, exc: BadResponse, what: str) -> None:
    # Even a reply that is not JSON: the task list just came from this server, so
    # it is there, and its time read is the one it answers in another shape.
    cycle.report.notes.append(f"{what} could not be read, so they were not pulled this time: {exc.message}")


def skipped_of(listing: object) -> list[Unreadable]:
    return list(getattr(listing, "skipped", ()))


T = TypeVar("T")


def _counted(cycle: Cycle, call: Callable[[], T]) -> T:
    cycle.report.requests += 1
    return call()
