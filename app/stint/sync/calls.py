"""Making a planned call: `probe` looks at the server after an ambiguous failure
(invariant 4), `send` makes the call, `record` writes what came back.

Probes, by what the server offers: the active timer or the task's time (live
timers), a task with that title that was not there before (create_task), and for
an entry written without a key the server honours, the server's entries around
its interval — one carrying our key (client_key), or else one of the same task
with the same start and end.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..backends.base import AlreadyRunning, Backend, CreatedTask, NotRunning, RemoteEntry, RemoteTimer
from ..domain.model import SYNC_CONFLICT, SYNC_LOCAL_ONLY, SYNC_PENDING, SYNC_SYNCED
from ..store import outbox
from ..store.models import Entry, Op, Status, Task
from ..store.outbox import OPEN_STATES, OpState
from .plan import settle
from .report import AccountReport
from .steps import ALREADY_STOPPED, LOCAL_ONLY, OFFLINE_INTERVAL, SLACK_SECONDS, Call, Settled

SAME_INSTANT = timedelta(seconds=1)
PROBE_MARGIN = timedelta(minutes=1)


def probe(backend: Backend, call: Call) -> Any:
    """After an ambiguous failure: the result if the server already applied the call,
    None if it did not (then it is sent)."""
    rid = call.task_remote_id or ""
    caps = backend.capabilities
    if call.kind == "create_task":
        for task in reversed(backend.list_tasks()):
            if task.title == call.title and task.remote_id not in call.known:
                return CreatedTask(task.remote_id, task.status_remote_id, None)
        return None
    if call.kind == "start":
        timer = backend.get_task(rid).active_timer
        if timer is not None:
            return timer
        return LOCAL_ONLY if call.offline_pair else None
    if call.kind == "stop":
        if caps.server_timesheet:
            time = backend.task_time(rid)
            if time.active is not None and time.active.remote_entry_id == call.entry_remote_id:
                return None
            return next((e for e in time.entries if e.remote_id == call.entry_remote_id), ALREADY_STOPPED)
        timer = backend.get_task(rid).active_timer
        running = timer is not None and timer.remote_entry_id == call.entry_remote_id
        return None if running else ALREADY_STOPPED
    if call.kind == "set_status":
        return call.status_remote_id if backend.get_task(rid).status_remote_id == call.status_remote_id else None
    if call.kind == "create_entry" and not caps.idempotency_keys and caps.pull_entries:
        return find_entry(backend, call)
    # Updates, deletions and totals are absolute: replaying them is harmless. A
    # create with an idempotency key is too.
    return None


def find_entry(backend: Backend, call: Call) -> RemoteEntry | None:
    assert call.started_at is not None
    end = call.ended_at or call.started_at
    by_instant = backend.capabilities.entry_unit == "interval"
    for re in backend.list_entries(call.started_at - PROBE_MARGIN, end + PROBE_MARGIN):
        if re.deleted:
            continue
        if re.client_key is not None:
            if re.client_key == call.key:
                return re
            continue
        if by_instant and re.task_remote_id == call.task_remote_id and _near(re.started_at, call.started_at) \
                and _near(re.ended_at, call.ended_at):
            return re
    return None


def _near(a: datetime | None, b: datetime | None) -> bool:
    if a is None or b is None:
        return a is b
    return abs(a - b) <= SAME_INSTANT


def send(backend: Backend, call: Call) -> Any:
    rid = call.task_remote_id or ""
    if call.kind == "create_task":
        return backend.create_task(call.title, call.description, False, call.key)
    if call.kind == "start":
        if call.offline_pair:
            return LOCAL_ONLY
        try:
            return backend.start_timer(rid)
        except AlreadyRunning:
            # Our earlier start (reply lost) or one from the web: either way the
            # server's timer on this task runs, which is what the op asked for.
            timer = backend.get_task(rid).active_timer
            if timer is None:
                raise
            return timer
    if call.kind == "stop":
        try:
            return backend.stop_timer(rid)
        except NotRunning:
            return ALREADY_STOPPED  # stopped elsewhere; reconcile reads its end
    if call.kind == "set_status":
        return backend.set_status(rid, call.status_remote_id or "")
    if call.kind == "set_task_total":
        return backend.set_task_total(rid, call.seconds)
    if call.kind == "delete_entry":
        backend.delete_entry(call.entry_remote_id or "")
        return None
    assert call.started_at is not None
    if call.kind == "create_entry":
        return backend.create_entry(rid, call.started_at, call.ended_at, call.note, call.key)
    return backend.update_entry(call.entry_remote_id or "", call.started_at, call.ended_at, call.note)


def touches_time(call: Call) -> bool:
    """Whether the pull after this push should re-read the task's time (a status
    change does not change it: skipping that read keeps a drain fast)."""
    return call.kind not in ("set_status", "create_task")


def record(s: Session, op: Op, call: Call, result: Any, report: AccountReport, now: datetime) -> OpState:
    """Write what the server answered; returns the op's final state (done: the
    caller completes it; anything else is settled here)."""
    task = s.get(Task, op.task_id) if op.task_id is not None else None
    entry = s.get(Entry, call.entry_id) if call.entry_id else None
    for seq in call.also:
        other = s.get(Op, seq)
        if other is not None and other.state in OPEN_STATES:
            outbox.settle(other, OpState.DONE, f"sent with #{op.seq}")
    if call.kind == "create_task" and task is not None:
        _created(s, op, task, result, now)
        return OpState.DONE
    if call.kind == "set_task_total" and task is not None:
        for e in s.scalars(select(Entry).where(Entry.task_id == task.id, Entry.sync == SYNC_PENDING,
                                               Entry.ended_at.is_not(None))):
            if not _other_open(s, e.id, op.seq):
                e.sync = SYNC_SYNCED
        return OpState.DONE
    if entry is None:
        return OpState.DONE
    if call.kind == "start":
        return _started(s, op, call, entry, result, report)
    if call.kind == "stop":
        _stopped(entry, result, report)
        return OpState.DONE
    if call.kind in ("create_entry", "update_entry") and isinstance(result, RemoteEntry):
        entry.remote_id = result.remote_id
        entry.remote_started_at, entry.remote_ended_at = result.started_at, result.ended_at
        # Still pending while a later op for it waits (a stop after a running start).
        if entry.sync != SYNC_CONFLICT and not _other_open(s, entry.id, op.seq, call.also):
            entry.sync = SYNC_SYNCED
    return OpState.DONE


def _other_open(s: Session, entry_id: str, seq: int, also: tuple[int, ...] = ()) -> bool:
    return s.scalar(select(Op.seq).where(Op.entry_id == entry_id, Op.seq != seq, Op.seq.not_in(also),
                                         Op.state.in_(OPEN_STATES)).limit(1)) is not None


def _created(s: Session, op: Op, task: Task, result: Any, now: datetime) -> None:
    assert isinstance(result, CreatedTask)
    task.remote_id = result.remote_id
    task.updated_at = now
    pending_status = s.scalar(select(Op.seq).where(
        Op.task_id == task.id, Op.kind == "set_status", Op.state.in_(OPEN_STATES)))
    if result.status_remote_id and pending_status is None:
        status = s.scalar(select(Status).where(Status.account_id == op.account_id,
                                               Status.remote_id == result.status_remote_id))
        if status is not None:
            task.status_id, task.status = status.id, status


def _started(s: Session, op: Op, call: Call, entry: Entry, result: Any, report: AccountReport) -> OpState:
    if result is LOCAL_ONLY:
        settle(s, op, Settled(OpState.LOCAL_ONLY, OFFLINE_INTERVAL, (entry.id,), call.offline_pair), report)
        return OpState.LOCAL_ONLY
    assert isinstance(result, RemoteTimer)
    entry.remote_id = result.remote_entry_id
    entry.remote_started_at = result.started_at
    if entry.ended_at is None:
        entry.sync = SYNC_SYNCED
    late = int((result.started_at - entry.started_at).total_seconds())
    if late > SLACK_SECONDS:
        report.local_only.append({
            "entry": entry.id, "task": entry.task.title, "task_id": entry.task_id, "seconds": late,
            "why": "started while offline; the server's timer began this much later"})
    return OpState.DONE


def _stopped(entry: Entry, result: Any, report: AccountReport) -> None:
    if isinstance(result, RemoteEntry):
        entry.remote_id = entry.remote_id or result.remote_id
        entry.remote_started_at = entry.remote_started_at or result.started_at
        entry.remote_ended_at = result.ended_at
        if entry.ended_at is not None and result.ended_at is not None:
            extra = int((result.ended_at - entry.ended_at).total_seconds())
            if extra > SLACK_SECONDS:
                report.notes.append(f"{entry.task.title}: stopped while offline; the server's "
                                    f"entry ran {extra} s longer than ours")
    if entry.sync not in (SYNC_LOCAL_ONLY, SYNC_CONFLICT):
        entry.sync = SYNC_SYNCED
