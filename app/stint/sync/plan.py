"""What an op means for a given server, decided from its capabilities, never its kind.

`plan` looks at the op and local state (inside the claim transaction) and says:
settle it without the network (Settled), wait (Wait), or make a call (Call); the
calls themselves are in `calls.py`. Per capability:

- live_timer (Wapify): start and stop the server's timer; see `timer.py`.
- explicit_entries: the entry's current state is written — created under the
  entry's id as key, then updated, or deleted. With running_entry the start goes
  out as a running entry (so a timer started offline keeps its true start) and
  the stop as an update; without it the interval goes out when it stops. An
  entry_unit of "day_hours" is the same for us: the adapter cuts it per local day.
- entry_unit "task_total": the task's total is set after its time changes.
- no time at all: the entry stays local only, and says why.
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import false, select
from sqlalchemy.orm import Session

from ..backends.base import Capabilities
from ..domain.model import SYNC_CONFLICT, SYNC_LOCAL_ONLY
from ..store import outbox
from ..store.models import Entry, Op, Status, Task
from ..store.outbox import OPEN_STATES, OpState
from . import timer
from .report import AccountReport
from .steps import NO_TIME_API, TIME_KINDS, Call, Settled, Wait, _open

__all__ = ["Call", "Settled", "Wait", "plan", "settle", "task_total"]


def plan(s: Session, op: Op, caps: Capabilities, ambiguous: bool,
         latest_status: Mapping[int, int] | None = None) -> Settled | Wait | Call:
    """`latest_status`: task id → seq of its newest open status change, where the
    caller has read it for many ops at once (else it is queried)."""
    task = s.get(Task, op.task_id) if op.task_id is not None else None
    entry = s.get(Entry, op.entry_id) if op.entry_id else None
    if op.kind == "create_task":
        if task is None or task.remote_id:
            return Settled(OpState.DONE, "nothing left to create")
        if not caps.create_task:
            return Settled(OpState.FAILED, "this server does not let us create tasks")
        known = frozenset(s.scalars(select(Task.remote_id).where(
            Task.account_id == op.account_id, Task.remote_id.is_not(None))))
        return Call("create_task", op.uuid, title=op.payload.get("title", task.title),
                    description=op.payload.get("description") or "", known=known)
    if task is None:
        return Settled(OpState.DONE, "the task is gone")
    if task.remote_id is None:
        return Wait("waits for its task to reach the server")
    rid = task.remote_id
    if op.kind == "set_status":
        return _status(s, op, task.id, rid, caps, ambiguous, latest_status)
    if caps.live_timer:
        return timer.plan(s, op, entry, rid, ambiguous)
    if caps.entry_unit == "task_total":
        return _total(s, op, task.id, rid)
    if not caps.explicit_entries:
        # Marked (and reported, with its length) once it has ended.
        ended = entry is not None and not entry.deleted and entry.ended_at is not None
        return Settled(OpState.LOCAL_ONLY, NO_TIME_API, entries=(entry.id,) if ended else ())
    return _entry(s, op, entry, rid, caps)


def _status(s: Session, op: Op, task_id: int, rid: str, caps: Capabilities,
            ambiguous: bool, latest: Mapping[int, int] | None) -> Settled | Call:
    if latest is not None:
        later = latest.get(task_id, 0) > op.seq
    else:
        later = s.scalar(select(Op.seq).where(Op.task_id == task_id, Op.kind == "set_status",
                                              Op.seq > op.seq, Op.state.in_(OPEN_STATES))) is not None
    if later and not ambiguous:
        return Settled(OpState.DONE, "replaced by a later status change")
    status = s.get(Status, op.payload.get("status_id"))
    if status is None or status.remote_id is None:
        return Settled(OpState.FAILED, "this status is not one of the server's")
    if not caps.set_status:
        return Settled(OpState.FAILED, "this server does not let us change a task's status")
    return Call("set_status", op.uuid, rid, status_remote_id=status.remote_id)


def _entry(s: Session, op: Op, entry: Entry | None, rid: str, caps: Capabilities) -> Settled | Wait | Call:
    """Servers that hold intervals (or hours per day, cut by the adapter): the
    entry's current state is what is sent, so a replay or a later op sends the same."""
    if entry is None:
        return Settled(OpState.DONE, "the entry is gone")
    if op.kind == "delete_entry" or entry.deleted:
        remote = op.payload.get("remote_id") or entry.remote_id
        if op.kind != "delete_entry" or not remote:
            return Settled(OpState.DONE, "deleted before it reached the server")
        return Call("delete_entry", op.uuid, rid, entry_id=entry.id, entry_remote_id=remote)
    if entry.ended_at is None and not caps.running_entry:
        return Settled(OpState.DONE, "sent as an interval when it stops")
    if op.kind == "start" and entry.ended_at is not None:
        # Stopped before its start went out: one write of the whole interval
        # settles the stop too (a timer tracked offline keeps its true start).
        stops = tuple(_open(s, entry.id, "stop", op.seq))
        return Call("create_entry", entry.id, rid, entry_id=entry.id, started_at=entry.started_at,
                    ended_at=entry.ended_at, note=entry.note, also=stops)
    if entry.remote_id:
        return Call("update_entry", op.uuid, rid, entry_id=entry.id, entry_remote_id=entry.remote_id,
                    started_at=entry.started_at, ended_at=entry.ended_at, note=entry.note)
    # The key is the entry's id: a server with idempotency keys (or that stores
    # the key) makes a replay harmless, and a probe can find it by that key.
    return Call("create_entry", entry.id, rid, entry_id=entry.id, started_at=entry.started_at,
                ended_at=entry.ended_at, note=entry.note)


def _total(s: Session, op: Op, task_id: int, rid: str) -> Settled | Call:
    """A server holding one total per task (Wekan's spentTime): after any change to
    the task's time, it is told our total. Absolute, so a replay is harmless, and
    only the last of several queued changes needs to go out."""
    if op.kind == "start":
        return Settled(OpState.DONE, "the total is sent when the timer stops")
    later = s.scalar(select(Op.seq).where(Op.task_id == task_id, Op.seq > op.seq, Op.state.in_(OPEN_STATES),
                                          Op.kind.in_(TIME_KINDS)).limit(1))
    if later is not None:
        return Settled(OpState.DONE, "a later change sends the task's total")
    return Call("set_task_total", op.uuid, rid, seconds=task_total(s, task_id))


def task_total(s: Session, task_id: int) -> int:
    rows = s.execute(select(Entry.started_at, Entry.ended_at).where(
        Entry.task_id == task_id, Entry.deleted == false(), Entry.ended_at.is_not(None))).all()
    return sum(int((end - start).total_seconds()) for start, end in rows)


def settle(s: Session, op: Op, step: Settled, report: AccountReport) -> None:
    outbox.settle(op, step.state, step.why)
    for seq in step.also:  # settled with it (a stop with its start)
        other = s.get(Op, seq)
        if other is not None and other.state in OPEN_STATES:
            outbox.settle(other, step.state, step.why)
    if step.state == OpState.FAILED:
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
