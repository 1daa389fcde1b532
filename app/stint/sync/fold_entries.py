"""Fold the entries pulled from a server that holds entries (explicit_entries) into
the local store (DESIGN "Sync cycle" 3): a complete listing of the visible window
(list_entries), or what changed since a cursor (changes_since). Called by
`apply_pull.py` inside its transaction.

An entry is matched by remote id, then by our key as the server stored it
(client_key), then, for servers that keep real instants, by a start within a minute
on the same task. Then:
- deleted on the server (reported so, or missing from a complete listing): our
  copy is deleted, unless it has unsynced changes (an open op, or not synced):
  then it is a conflict;
- changed on the server since we last saw it: ours takes the server's times,
  unless it has unsynced changes (conflict, never a silent overwrite);
- unknown here: imported (origin remote); a running one is adopted as our timer
  when it is newer than ours.
A server that holds hours per day ("day_hours") has no time of day: a change there
keeps our start and takes the server's length.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import datetime, timedelta

from sqlalchemy import false, select
from sqlalchemy.orm import Session

from ..backends.base import RemoteEntry
from ..domain.model import SYNC_CONFLICT, SYNC_PENDING, SYNC_SYNCED
from ..store import outbox
from ..store.actions import running_entry
from ..store.models import Account, Entry, Op, Task
from ..store.outbox import OPEN_STATES
from .cycle import Cycle
from .report import AccountReport

MATCH_WINDOW = timedelta(minutes=1)
SKEW_WORTH_TELLING = 60  # seconds a server's timer may start after our now unremarked


def fold(s: Session, cycle: Cycle, account: Account, tasks: Mapping[str, Task], pulled: list[RemoteEntry],
         window: tuple[datetime, datetime] | None, complete: bool, now: datetime) -> None:
    """`complete`: `pulled` is everything the server holds in `window` (None: all time)."""
    report = cycle.report
    instants = cycle.caps.entry_unit == "interval"
    seen: set[str] = set()
    running: list[RemoteEntry] = []
    unknown_tasks = 0
    for re in pulled:
        e = _match(s, account.id, tasks, re, instants)
        if re.deleted:
            if e is not None and not e.deleted:
                _deleted_there(s, cycle, e, now)
            continue
        seen.add(re.remote_id)
        if e is None:
            task = tasks.get(re.task_remote_id)
            if task is None:
                unknown_tasks += 1
            elif re.ended_at is None:
                running.append(re)
            else:
                import_remote(s, task, re, now)
                report.imported += 1
            continue
        if e.deleted:
            continue  # deleted here: its op tells the server
        e.remote_id = re.remote_id
        if e.remote_started_at is not None and (e.remote_started_at, e.remote_ended_at) != (re.started_at, re.ended_at):
            if _unsynced(s, e):
                _conflict(e, report, "changed here and on the server")
                continue
            _take(e, re, instants, report, now)
        e.remote_started_at, e.remote_ended_at = re.started_at, re.ended_at
    if complete:
        for e in _held(s, account.id, window):
            if e.remote_id not in seen:
                _deleted_there(s, cycle, e, now)
    if unknown_tasks:
        report.notes.append(f"{unknown_tasks} server entries belong to tasks not in view; not imported")
    if running:
        _adopt(s, cycle, tasks, max(running, key=lambda r: r.started_at), now)


def _match(s: Session, account_id: int, tasks: Mapping[str, Task], re: RemoteEntry, instants: bool) -> Entry | None:
    e = s.scalar(select(Entry).join(Entry.task).where(Task.account_id == account_id,
                                                        Entry.remote_id == re.remote_id).limit(1))
    if e is None and re.client_key:
        e = s.get(Entry, re.client_key)
        if e is not None and e.task.account_id != account_id:
            e = None
    task = tasks.get(re.task_remote_id)
    if e is None and instants and task is not None:
        e = s.scalar(select(Entry).where(
            Entry.task_id == task.id, Entry.remote_id.is_(None), Entry.deleted == false(),
            Entry.started_at.between(re.started_at - MATCH_WINDOW, re.started_at + MATCH_WINDOW)).limit(1))
    return e


def _unsynced(s: Session, e: Entry) -> bool:
    return e.sync != SYNC_SYNCED or has_open_ops(s, e.id)


def has_open_ops(s: Session, entry_id: str) -> bool:
    """Whether an op for the entry still waits: a change here the server has not seen."""
    return s.scalar(select(Op.seq).where(Op.entry_id == entry_id, Op.state.in_(OPEN_STATES)).limit(1)) is not None


def _conflict(e: Entry, report: AccountReport, why: str) -> None:
    if e.sync != SYNC_CONFLICT:
        e.sync = SYNC_CONFLICT
        report.conflicts.append({"entry": e.id, "task": e.task.title, "task_id": e.task_id, "why": why})


def _take(e: Entry, re: RemoteEntry, instants: bool, report: AccountReport, now: datetime) -> None:
    was_running = e.ended_at is None
    if instants:
        start = re.started_at if re.ended_at is not None else adopted_start(report, e.task.title, re.started_at, now)
        e.started_at, e.ended_at = start, re.ended_at
    elif re.ended_at is not None:
        e.ended_at = e.started_at + timedelta(seconds=re.seconds)
    e.updated_at = now
    if was_running and e.ended_at is not None:
        report.stopped += 1
    else:
        report.updated += 1


def _deleted_there(s: Session, cycle: Cycle, e: Entry, now: datetime) -> None:
    if _unsynced(s, e):
        _conflict(e, cycle.report, "deleted on the server, changed here")
        return
    e.deleted, e.updated_at = True, now
    cycle.report.removed += 1


def _held(s: Session, account_id: int, window: tuple[datetime, datetime] | None) -> list[Entry]:
    """Our entries the server had (we saw its copy), synced, in the window."""
    query = select(Entry).join(Entry.task).where(
        Task.account_id == account_id, Entry.deleted == false(), Entry.remote_id.is_not(None),
        Entry.remote_started_at.is_not(None), Entry.sync == SYNC_SYNCED)
    if window is not None:
        query = query.where(Entry.started_at >= window[0], Entry.started_at < window[1])
    return list(s.scalars(query))


def adopted_start(report: AccountReport, title: str, server_start: datetime, now: datetime) -> datetime:
    """Where a timer the server runs starts here. One the server shows starting
    after our now (its clock ahead of ours, or ours behind) starts now, said in a
    note: taken as given it would run backwards, and stopping it would make an
    entry of no length or less."""
    if server_start <= now:
        return server_start
    ahead = int((server_start - now).total_seconds())
    if ahead > SKEW_WORTH_TELLING:
        report.notes.append(f"{title}: the server's timer starts {ahead // 60} min {ahead % 60} s after this "
                            "computer's time (one of the clocks is off); taken as started now")
    return now


def import_remote(s: Session, task: Task, re: RemoteEntry, now: datetime,
                  started_at: datetime | None = None) -> Entry:
    """A server entry we did not know, added as origin remote and synced (a running
    one from `started_at`, where that is not the server's start)."""
    entry = Entry(id=str(uuid.uuid4()), task_id=task.id, started_at=started_at or re.started_at,
                  ended_at=re.ended_at,
                  note=re.note, remote_id=re.remote_id, remote_started_at=re.started_at,
                  remote_ended_at=re.ended_at, origin="remote", sync=SYNC_SYNCED, deleted=False,
                  created_at=now, updated_at=now)
    entry.task = task
    s.add(entry)
    return entry


def _adopt(s: Session, cycle: Cycle, tasks: Mapping[str, Task], re: RemoteEntry, now: datetime) -> None:
    """A timer running on the server (the web app, another device) that we do not
    have: the newer of it and ours runs, as starting it here would have done."""
    task = tasks[re.task_remote_id]
    ours = running_entry(s)
    if ours is not None and ours.started_at >= re.started_at:
        cycle.report.notes.append(f"{task.title}: a timer runs on the server, but ours on "
                                  f"{ours.task.title} is newer; kept ours")
        return
    start = adopted_start(cycle.report, task.title, re.started_at, now)
    if ours is not None:
        ours.ended_at, ours.updated_at = max(start, ours.started_at), now
        if ours.task.account_id is not None:
            ours.sync = SYNC_PENDING
            outbox.append(s, account_id=ours.task.account_id, kind="stop", now=now, task_id=ours.task_id,
                          entry_id=ours.id, payload={"at": ours.ended_at.isoformat()})
        cycle.report.stopped += 1
        s.flush()
    import_remote(s, task, re, now, start)
    task.last_started_at = max(task.last_started_at or start, start)
    cycle.report.adopted += 1
