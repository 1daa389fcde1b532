"""Apply one whole pull to the local store, in one transaction (DESIGN "Sync cycle"
3, reconcile): statuses and tasks, tasks gone from the server, and what a
live-timer server holds — its running timer and each task's time. The entries of
servers that hold entries are folded by `fold_entries.py`, called from here.

A task's time (live-timer servers): entries are matched by remote id, then by a
start within a minute on the same task.
"Changed on the server" means the server's copy differs from the one we saw last
(entry.remote_started_at/remote_ended_at); "changed here" means an open op or a
sync state other than synced. Both → conflict, never a silent overwrite.

Timers: the server's running timer that we do not have is adopted. If ours also
runs, the newer one wins: a timer started on the server after ours (the web, another
device) stops ours at that instant, as starting it here would have; ours pushed and
running means the server already stopped the other (a Wapify start stops the
user's other timer). Our pushed timer that the server stopped ends at the server's
end time.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator, Mapping
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..backends.base import TaskTime
from ..domain.model import SYNC_CONFLICT, SYNC_SYNCED
from ..store import outbox
from ..store.actions import running_entry
from ..store.db import transaction
from ..store.models import Account, Entry, Task
from . import unreadable
from .cycle import Cycle
from .fold_entries import adopted_start, fold, has_open_ops, import_remote
from .pull import Pulled, apply_statuses, apply_tasks

MATCH_WINDOW = timedelta(minutes=1)


def apply(cycle: Cycle, got: Pulled, *, keep_unknown: bool = False) -> None:
    """`keep_unknown`: a task naming a status the server does not list is kept with
    that status as given (after the statuses were read again), not refused."""
    now = cycle.clock.now()
    report = cycle.report
    with transaction(cycle.engine) as s:
        account = s.get(Account, cycle.account_id)
        assert account is not None
        cursors = dict(account.cursors or {})
        if got.statuses is not None:
            report.pulled += apply_statuses(s, account.id, got.statuses)
            cursors["statuses_at"] = int(now.timestamp())
        report.pulled += apply_tasks(s, account.id, got.tasks, now, keep_unknown=keep_unknown,
                                     notes=report.notes)
        if got.gone:
            cursors["gone"] = sorted(set(cursors.get("gone", [])) | set(got.gone))
        tasks = TasksByRemoteId(s, account.id)
        me = _learn_user(s, account, got.times.values())
        for rid, time in got.times.items():
            if rid in tasks:
                _entries(s, cycle, tasks[rid], time, me, now)
        if got.timer_known:
            _timer(s, cycle, account, tasks, got, now)
        if got.entries is not None:
            fold(s, cycle, account, tasks, got.entries, got.window, got.complete, now)
            if got.cursor is not None:
                cursors["entries_cursor"] = got.cursor
        stamps = dict(cursors.get("times_at", {}))
        stamps.update({rid: int(now.timestamp()) for rid in got.times})
        cursors["times_at"] = stamps
        report.unreadable = unreadable.update(cursors, got.skipped)
        account.cursors = cursors


class TasksByRemoteId(Mapping[str, Task]):
    """The account's tasks by remote id, each read when first asked for: a cycle
    needs a handful (a timer, the tasks of pulled entries), and reading all of a
    thousand would cost more than the rest of the pull."""

    def __init__(self, s: Session, account_id: int) -> None:
        self._s, self._account_id = s, account_id
        self._seen: dict[str, Task | None] = {}

    def __getitem__(self, remote_id: str) -> Task:
        if remote_id not in self._seen:
            self._seen[remote_id] = self._s.scalar(select(Task).where(
                Task.account_id == self._account_id, Task.remote_id == remote_id))
        task = self._seen[remote_id]
        if task is None:
            raise KeyError(remote_id)
        return task

    def _all(self) -> dict[str, Task]:
        for t in self._s.scalars(select(Task).where(Task.account_id == self._account_id,
                                                    Task.remote_id.is_not(None))):
            self._seen[t.remote_id or ""] = t
        return {rid: t for rid, t in self._seen.items() if t is not None}

    def __iter__(self) -> Iterator[str]:
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())


def _learn_user(s: Session, account: Account, times: Iterable[TaskTime]) -> str | None:
    """Whose entries are ours: learnt from an entry we pushed ourselves, since a
    task's time can include colleagues' (they must not land in our timesheet)."""
    options = dict(account.options or {})
    if options.get("user_remote_id"):
        return str(options["user_remote_id"])
    for time in times:
        ids = {e.remote_id: e.user_remote_id for e in time.entries if e.user_remote_id}
        if not ids:
            continue
        mine = s.scalar(select(Entry.remote_id).join(Entry.task).where(
            Task.account_id == account.id, Entry.origin == "local", Entry.remote_id.in_(list(ids))).limit(1))
        if mine is not None:
            options["user_remote_id"] = ids[mine]
            account.options = options
            return ids[mine]
    return None


def _entries(s: Session, cycle: Cycle, task: Task, time: TaskTime, me: str | None, now: datetime) -> None:
    report = cycle.report
    local = list(s.scalars(select(Entry).where(Entry.task_id == task.id)))
    by_remote = {e.remote_id: e for e in local if e.remote_id}
    # Entries the server sent but we could not read are still there: not deleted.
    seen: set[str] = {u.remote_id for u in time.skipped if u.remote_id}
    for re in time.entries:
        if me is not None and re.user_remote_id is not None and re.user_remote_id != me:
            continue
        seen.add(re.remote_id)
        e = by_remote.get(re.remote_id)
        if e is None:
            e = next((x for x in local if not x.remote_id and not x.deleted
                      and abs(x.started_at - re.started_at) <= MATCH_WINDOW), None)
            if e is not None:
                e.remote_id = re.remote_id
                by_remote[re.remote_id] = e
        if e is None:
            import_remote(s, task, re, now)
            report.imported += 1
            continue
        if e.deleted or e.ended_at is None or re.ended_at is None:
            continue  # deleted here (the server keeps it), or a timer: see _timer
        seen_complete = e.remote_started_at is not None and e.remote_ended_at is not None
        server_changed = seen_complete and (e.remote_started_at, e.remote_ended_at) != (re.started_at, re.ended_at)
        if server_changed:
            if e.sync != SYNC_SYNCED or has_open_ops(s, e.id):
                if e.sync != SYNC_CONFLICT:
                    e.sync = SYNC_CONFLICT
                    report.conflicts.append({"entry": e.id, "task": task.title, "task_id": task.id,
                                             "why": "changed here and on the server"})
                continue
            e.started_at, e.ended_at, e.updated_at = re.started_at, re.ended_at, now
            report.updated += 1
        e.remote_started_at, e.remote_ended_at = re.started_at, re.ended_at
    # A finished, synced entry the server no longer lists was deleted there (unless
    # one it listed could not be read, and might be it).
    for e in local if not any(u.remote_id is None for u in time.skipped) else ():
        if (e.remote_id and e.remote_id not in seen and not e.deleted and e.sync == SYNC_SYNCED
                and e.ended_at is not None and e.remote_ended_at is not None
                and not (time.active and time.active.remote_entry_id == e.remote_id)):
            e.deleted, e.updated_at = True, now
            report.notes.append(f"{task.title}: an entry deleted on the server was removed here")


def _server_end(cycle_times: dict[str, TaskTime], task: Task, remote_id: str | None) -> datetime | None:
    time = cycle_times.get(task.remote_id or "")
    if time is None or remote_id is None:
        return None
    return next((e.ended_at for e in time.entries if e.remote_id == remote_id), None)


def _timer(s: Session, cycle: Cycle, account: Account, tasks: Mapping[str, Task], got: Pulled,
           now: datetime) -> None:
    report = cycle.report
    ours = running_entry(s)
    ours_here = ours is not None and ours.task.account_id == account.id
    server = got.timer
    if server is None:
        if ours is not None and ours_here and ours.remote_id and ours.sync == SYNC_SYNCED \
                and not has_open_ops(s, ours.id):
            end = _server_end(got.times, ours.task, ours.remote_id)
            if end is None:
                report.notes.append(f"{ours.task.title}: stopped on the server; end time unknown, used now")
            ours.ended_at = max(end or now, ours.started_at)
            ours.remote_ended_at = end
            ours.updated_at = now
            report.stopped += 1
        return
    if ours is not None and ours_here and ours.remote_id == server.remote_entry_id:
        return
    task = tasks.get(server.task_remote_id)
    if task is None:
        report.notes.append(f"a timer runs on server task {server.task_remote_id}, which is not one of ours")
        return
    known = s.scalar(select(Entry).where(Entry.task_id == task.id, Entry.remote_id == server.remote_entry_id))
    if known is not None and (known.deleted or known.ended_at is not None):
        return  # stopped or deleted here; its op says so to the server
    pushed = ours is not None and ours_here and ours.remote_id is not None and not has_open_ops(s, ours.id)
    if ours is not None and not pushed and ours.started_at >= server.started_at:
        report.notes.append(f"{task.title}: a timer runs on the server, but ours on "
                            f"{ours.task.title} is newer; kept ours")
        return
    start = adopted_start(report, task.title, server.started_at, now)
    if ours is not None:
        end = _server_end(got.times, ours.task, ours.remote_id) if ours_here else None
        ours.ended_at = max(min(end or start, now), ours.started_at)
        ours.updated_at = now
        if ours_here:
            ours.remote_ended_at = end
        elif ours.task.account_id is not None:
            # Another account's timer: that server has to hear we stopped it.
            outbox.append(s, account_id=ours.task.account_id, kind="stop", now=now, task_id=ours.task_id,
                          entry_id=ours.id, payload={"at": ours.ended_at.isoformat()})
        report.stopped += 1
        s.flush()
    entry = Entry(id=str(uuid.uuid4()), task_id=task.id, started_at=start, ended_at=None,
                  note="", remote_id=server.remote_entry_id, remote_started_at=server.started_at,
                  origin="remote", sync=SYNC_SYNCED, deleted=False, created_at=now, updated_at=now)
    entry.task = task
    s.add(entry)
    task.last_started_at = max(task.last_started_at or start, start)
    report.adopted += 1
