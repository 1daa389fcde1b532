"""What an op means for a given server, decided from its capabilities.

`plan` looks at the op and local state (inside the claim transaction) and says:
settle it without the network (Settled), wait (Wait), or make a call (Call).
`probe` looks at the server after an ambiguous failure; `send` makes the call;
`record` writes what came back. Wapify-like servers only run a live timer, so an
interval tracked offline cannot be sent: it stays local only (DESIGN, reconcile).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..backends.base import (AlreadyRunning, Backend, Capabilities, CreatedTask, NotRunning,
                             RemoteEntry, RemoteTimer)
from ..domain.model import SYNC_CONFLICT, SYNC_LOCAL_ONLY, SYNC_SYNCED
from ..store.models import Entry, Op, Status, Task
from .report import AccountReport

OFFLINE_INTERVAL = "tracked while the server could not be told; this server only runs a live timer"
SLACK_SECONDS = 60  # below this, a difference between clocks is not worth reporting


@dataclass(frozen=True)
class Settled:
    state: str                      # done | local_only | failed
    why: str
    entries: tuple[str, ...] = ()   # entries that become local only
    also: tuple[int, ...] = ()      # other ops settled with this one (the stop of a pair)


@dataclass(frozen=True)
class Wait:
    why: str


@dataclass(frozen=True)
class Call:
    kind: str
    key: str
    task_remote_id: str | None = None
    title: str = ""
    description: str = ""
    known: frozenset[str] = frozenset()
    entry_id: str | None = None
    entry_remote_id: str | None = None
    started_at: datetime | None = None
    ended_at: datetime | None = None
    note: str = ""
    status_remote_id: str | None = None
    offline_pair: tuple[int, ...] = ()  # start of an interval already stopped: probe only


LOCAL_ONLY = object()       # send/probe: nothing to send, the interval stays local
ALREADY_STOPPED = object()  # stop: the server's timer was not running


def _open(s: Session, entry_id: str, kind: str, after: int) -> list[int]:
    return list(s.scalars(select(Op.seq).where(
        Op.entry_id == entry_id, Op.kind == kind, Op.seq > after, Op.state.in_(("pending", "in_flight")))))


def plan(s: Session, op: Op, caps: Capabilities, ambiguous: bool) -> Settled | Wait | Call:
    task = s.get(Task, op.task_id) if op.task_id is not None else None
    entry = s.get(Entry, op.entry_id) if op.entry_id else None
    if op.kind == "create_task":
        if task is None or task.remote_id:
            return Settled("done", "nothing left to create")
        if not caps.create_task:
            return Settled("failed", "this server does not let us create tasks")
        known = frozenset(s.scalars(select(Task.remote_id).where(
            Task.account_id == op.account_id, Task.remote_id.is_not(None))))
        return Call("create_task", op.uuid, title=op.payload.get("title", task.title),
                    description=op.payload.get("description") or "", known=known)
    if task is None:
        return Settled("done", "the task is gone")
    if task.remote_id is None:
        return Wait("waits for its task to reach the server")
    rid = task.remote_id
    if op.kind == "start":
        if entry is None or entry.deleted:
            return Settled("local_only", "deleted before it reached the server",
                           also=tuple(_open(s, op.entry_id or "", "stop", op.seq)))
        if not caps.live_timer:
            # An interval server gets the whole entry when it is stopped.
            if caps.explicit_entries:
                return Settled("done", "sent as an interval when stopped")
            return Settled("local_only", "this server holds no time", entries=(entry.id,))
        stops = tuple(_open(s, entry.id, "stop", op.seq))
        if entry.ended_at is not None and stops:
            if not ambiguous:
                return Settled("local_only", OFFLINE_INTERVAL, entries=(entry.id,), also=stops)
            return Call("start", op.uuid, rid, entry_id=entry.id, offline_pair=stops)
        return Call("start", op.uuid, rid, entry_id=entry.id, started_at=entry.started_at)
    if op.kind == "stop":
        if entry is None or entry.sync == SYNC_LOCAL_ONLY:
            return Settled("local_only" if entry else "done", OFFLINE_INTERVAL)
        if not caps.live_timer:
            if caps.explicit_entries and entry.ended_at is not None:
                return Call("create_entry", op.uuid, rid, entry_id=entry.id,
                            started_at=entry.started_at, ended_at=entry.ended_at, note=entry.note)
            return Settled("local_only", "this server holds no time", entries=(entry.id,))
        if entry.remote_id is None:
            if _open(s, entry.id, "start", 0):
                return Wait("waits for its start to reach the server")
            return Settled("local_only", "its start never reached the server", entries=(entry.id,))
        return Call("stop", op.uuid, rid, entry_id=entry.id, entry_remote_id=entry.remote_id,
                    ended_at=entry.ended_at)
    if op.kind == "set_status":
        later = s.scalar(select(Op.seq).where(Op.task_id == task.id, Op.kind == "set_status",
                                              Op.seq > op.seq, Op.state.in_(("pending", "in_flight"))))
        if later is not None and not ambiguous:
            return Settled("done", "replaced by a later status change")
        status = s.get(Status, op.payload.get("status_id"))
        if status is None or status.remote_id is None:
            return Settled("failed", "this status is not one of the server's")
        if not caps.set_status:
            return Settled("failed", "this server does not let us change a task's status")
        return Call("set_status", op.uuid, rid, status_remote_id=status.remote_id)
    # create_entry / update_entry / delete_entry: intervals typed or edited by hand.
    if not caps.explicit_entries:
        why = "this server only runs a live timer; edited or logged time stays here"
        return Settled("local_only", why, entries=(entry.id,) if entry is not None else ())
    if entry is None:
        return Settled("done", "the entry is gone")
    if op.kind == "delete_entry":
        remote = op.payload.get("remote_id") or entry.remote_id
        if not remote:
            return Settled("done", "never reached the server")
        return Call("delete_entry", op.uuid, rid, entry_id=entry.id, entry_remote_id=remote)
    kind = "update_entry" if op.kind == "update_entry" and entry.remote_id else "create_entry"
    return Call(kind, op.uuid, rid, entry_id=entry.id, entry_remote_id=entry.remote_id,
                started_at=entry.started_at, ended_at=entry.ended_at, note=entry.note)


def settle(s: Session, op: Op, step: Settled, report: AccountReport) -> None:
    op.state = step.state
    op.last_error = step.why if step.state == "failed" else None
    for seq in step.also:
        other = s.get(Op, seq)
        if other is not None:
            other.state, other.last_error = step.state, None
    if step.state == "failed":
        task = s.get(Task, op.task_id) if op.task_id else None
        report.failed.append({"op": op.seq, "kind": op.kind, "task": task.title if task else "?",
                              "task_id": op.task_id, "entry": op.entry_id, "message": step.why})
    for entry_id in step.entries:
        _local_only(s, entry_id, step.why, report)


def _local_only(s: Session, entry_id: str, why: str, report: AccountReport) -> None:
    entry = s.get(Entry, entry_id)
    if entry is None or entry.sync == SYNC_LOCAL_ONLY:
        return
    if entry.sync != SYNC_CONFLICT:
        entry.sync = SYNC_LOCAL_ONLY
    seconds = int(((entry.ended_at or entry.started_at) - entry.started_at).total_seconds())
    report.local_only.append({"entry": entry.id, "task": entry.task.title, "task_id": entry.task_id,
                              "seconds": seconds, "why": why})


def probe(backend: Backend, call: Call) -> Any:
    """After an ambiguous failure: the result if the server already applied the call,
    None if it did not (then it is sent)."""
    rid = call.task_remote_id or ""
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
        if backend.capabilities.server_timesheet:
            time = backend.task_time(rid)
            if time.active is not None and time.active.remote_entry_id == call.entry_remote_id:
                return None
            return next((e for e in time.entries if e.remote_id == call.entry_remote_id), ALREADY_STOPPED)
        timer = backend.get_task(rid).active_timer
        running = timer is not None and timer.remote_entry_id == call.entry_remote_id
        return None if running else ALREADY_STOPPED
    if call.kind == "set_status":
        return call.status_remote_id if backend.get_task(rid).status_remote_id == call.status_remote_id else None
    return None  # entry writes carry the op's key; a server with keys makes the replay harmless


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
    assert call.started_at is not None
    if call.kind == "create_entry":
        return backend.create_entry(rid, call.started_at, call.ended_at, call.note, call.key)
    if call.kind == "update_entry":
        return backend.update_entry(call.entry_remote_id or "", call.started_at, call.ended_at, call.note)
    backend.delete_entry(call.entry_remote_id or "")
    return None


def record(s: Session, op: Op, call: Call, result: Any, report: AccountReport, now: datetime) -> str:
    """Write what the server answered; returns the op's final state."""
    task = s.get(Task, op.task_id) if op.task_id is not None else None
    entry = s.get(Entry, call.entry_id) if call.entry_id else None
    if call.kind == "create_task" and task is not None:
        assert isinstance(result, CreatedTask)
        task.remote_id = result.remote_id
        task.updated_at = now
        pending_status = s.scalar(select(Op.seq).where(
            Op.task_id == task.id, Op.kind == "set_status", Op.state.in_(("pending", "in_flight"))))
        if result.status_remote_id and pending_status is None:
            status = s.scalar(select(Status).where(Status.account_id == op.account_id,
                                                   Status.remote_id == result.status_remote_id))
            if status is not None:
                task.status_id, task.status = status.id, status
        return "done"
    if entry is None:
        return "done"
    if call.kind == "start":
        if result is LOCAL_ONLY:
            settle(s, op, Settled("local_only", OFFLINE_INTERVAL, (entry.id,), call.offline_pair), report)
            return "local_only"
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
        return "done"
    if call.kind == "stop":
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
        return "done"
    if call.kind in ("create_entry", "update_entry") and isinstance(result, RemoteEntry):
        entry.remote_id = result.remote_id
        entry.remote_started_at, entry.remote_ended_at = result.started_at, result.ended_at
        entry.sync = SYNC_SYNCED
    return "done"
