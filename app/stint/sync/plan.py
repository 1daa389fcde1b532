"""What an op means for a given server, decided from its capabilities, never its kind
of server: the one "op × capabilities → call" table.

`plan` looks at the op and local state (inside the claim transaction) and says:
settle it without the network (Settled), wait (Wait), or make a call (one of the
classes in `calls.py`). What settling means for a queue — the collapse rules — is
drawn beside the op's states in `store/outbox.py`. Per capability:

- live_timer (Wapify): the server runs the clock, so a start and a stop are sent
  as they happen; an interval tracked while the server could not be told cannot be
  sent at all and stays local only (DESIGN "Sync cycle" 3), as do entries typed or
  edited by hand.
- explicit_entries: the entry's current state is written — created under the
  entry's id as key, then updated, or deleted. With running_entry the start goes
  out as a running entry (so a timer started offline keeps its true start) and
  the stop as an update; without it the interval goes out when it stops. An
  entry_unit of "day_hours" is the same for us: the adapter cuts it per local day.
- entry_unit "task_total": the task's total is set after its time changes.
- no time at all: the entry stays local only, and says why.

Moving, splitting and continuing entries queue only these kinds (a move is a
delete_entry and a create_entry, or a stop, delete and start for a running timer:
store/entry_edits.py), so every rule above holds for them too.

A new kind of op is one class in `calls.py` and one rule here.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta

from sqlalchemy import false, select
from sqlalchemy.orm import Session

from ..backends.base import Capabilities
from ..domain.model import SYNC_CONFLICT, SYNC_LOCAL_ONLY
from ..store import outbox
from ..store.models import Entry, Op, Status, Task
from ..store.outbox import OPEN_STATES, OpState
from .calls import (
    OFFLINE_INTERVAL, Call, CreateEntry, CreateTask, DeleteEntry, SetStatus, SetTaskTotal, Settled, StartMaybeSent,
    StartTimer, StopTimer, UpdateEntry, Wait,
)
from .report import AccountReport

NO_TIME_API = "local only (server has no time API)"
EDITS_STAY = "this server only runs a live timer; edited or logged time stays here"
TIME_KINDS = ("stop", "create_entry", "update_entry", "delete_entry")
# How far the server's clock may run behind ours for a task it made to count as
# made after the op that asked for it.
CLOCK_SLACK = timedelta(minutes=2)

Step = Settled | Wait | Call


def plan(s: Session, op: Op, caps: Capabilities, ambiguous: bool,
         latest_status: Mapping[int, int] | None = None) -> Step:
    """`latest_status`: task id → seq of its newest open status change, where the
    caller has read it for many ops at once (else it is queried)."""
    task = s.get(Task, op.task_id) if op.task_id is not None else None
    entry = s.get(Entry, op.entry_id) if op.entry_id else None
    if op.kind == "create_task":
        if task is None or task.remote_id:
            return Settled(OpState.DONE, "nothing left to create")
        if not caps.create_task:
            return Settled(OpState.FAILED, "this server does not let us create tasks")
        known = frozenset(rid for rid in s.scalars(select(Task.remote_id).where(
            Task.account_id == op.account_id, Task.remote_id.is_not(None))) if rid is not None)
        return CreateTask(key=op.uuid, title=op.payload.get("title", task.title),
                          description=op.payload.get("description") or "", known=known,
                          since=op.created_at - CLOCK_SLACK)
    if task is None:
        return Settled(OpState.DONE, "the task is gone")
    if task.remote_id is None:
        return Wait("waits for its task to reach the server")
    rid = task.remote_id
    if op.kind == "set_status":
        return _status(s, op, task.id, rid, caps, ambiguous, latest_status)
    if caps.live_timer:
        return _live_timer(s, op, entry, rid, ambiguous)
    if caps.entry_unit == "task_total":
        return _total(s, op, task.id, rid)
    if not caps.explicit_entries:
        # Marked (and reported, with its length) once it has ended.
        ended = () if entry is None or entry.deleted or entry.ended_at is None else (entry.id,)
        return Settled(OpState.LOCAL_ONLY, NO_TIME_API, entries=ended)
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
    return SetStatus(key=op.uuid, task_remote_id=rid, status_remote_id=status.remote_id)


def _live_timer(s: Session, op: Op, entry: Entry | None, rid: str, ambiguous: bool) -> Step:
    if op.kind == "start":
        if entry is None or entry.deleted:
            return Settled(OpState.LOCAL_ONLY, "deleted before it reached the server",
                           also=_open(s, op.entry_id or "", "stop", op.seq))
        stops = _open(s, entry.id, "stop", op.seq)
        if entry.ended_at is not None and stops:
            if not ambiguous:
                return Settled(OpState.LOCAL_ONLY, OFFLINE_INTERVAL, entries=(entry.id,), also=stops)
            return StartMaybeSent(key=op.uuid, task_remote_id=rid, entry_id=entry.id, stops=stops)
        return StartTimer(key=op.uuid, task_remote_id=rid, entry_id=entry.id)
    if op.kind == "stop":
        if entry is None or entry.sync == SYNC_LOCAL_ONLY:
            return Settled(OpState.LOCAL_ONLY if entry else OpState.DONE, OFFLINE_INTERVAL)
        if entry.remote_id is None:
            if _open(s, entry.id, "start", 0):
                return Wait("waits for its start to reach the server")
            return Settled(OpState.LOCAL_ONLY, "its start never reached the server", entries=(entry.id,))
        return StopTimer(key=op.uuid, task_remote_id=rid, entry_id=entry.id, entry_remote_id=entry.remote_id)
    # create_entry / update_entry / delete_entry: intervals typed or edited by hand.
    return Settled(OpState.LOCAL_ONLY, EDITS_STAY, entries=(entry.id,) if entry is not None else ())


def _entry(s: Session, op: Op, entry: Entry | None, rid: str, caps: Capabilities) -> Step:
    """Servers that hold intervals (or hours per day, cut by the adapter): the
    entry's current state is what is sent, so a replay or a later op sends the same."""
    if entry is None:
        return Settled(OpState.DONE, "the entry is gone")
    if op.kind == "delete_entry" or entry.deleted:
        remote = op.payload.get("remote_id") or entry.remote_id
        if op.kind != "delete_entry" or not remote:
            return Settled(OpState.DONE, "deleted before it reached the server")
        return DeleteEntry(key=op.uuid, task_remote_id=rid, entry_id=entry.id, entry_remote_id=remote)
    if entry.ended_at is None and not caps.running_entry:
        return Settled(OpState.DONE, "sent as an interval when it stops")
    # Stopped before its start went out: one write of the whole interval settles
    # the stop too (a timer tracked offline keeps its true start).
    whole = op.kind == "start" and entry.ended_at is not None
    if entry.remote_id and not whole:
        return UpdateEntry(key=op.uuid, task_remote_id=rid, entry_id=entry.id, entry_remote_id=entry.remote_id,
                           started_at=entry.started_at, ended_at=entry.ended_at, note=entry.note)
    # The key is the entry's id: a server with idempotency keys (or that stores the
    # key) makes a replay harmless, and a probe can find it by that key.
    return CreateEntry(key=entry.id, task_remote_id=rid, entry_id=entry.id, started_at=entry.started_at,
                       ended_at=entry.ended_at, note=entry.note,
                       also=_open(s, entry.id, "stop", op.seq) if whole else ())


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
    return SetTaskTotal(key=op.uuid, task_remote_id=rid, seconds=task_total(s, task_id))


def task_total(s: Session, task_id: int) -> int:
    rows = s.execute(select(Entry.started_at, Entry.ended_at).where(
        Entry.task_id == task_id, Entry.deleted == false(), Entry.ended_at.is_not(None))).all()
    return sum(int((end - start).total_seconds()) for start, end in rows)


def _open(s: Session, entry_id: str, kind: str, after: int) -> tuple[int, ...]:
    """The entry's open ops of `kind` after seq `after`."""
    return tuple(s.scalars(select(Op.seq).where(
        Op.entry_id == entry_id, Op.kind == kind, Op.seq > after, Op.state.in_(OPEN_STATES))))


def settle(s: Session, op: Op, step: Settled, report: AccountReport) -> None:
    """Make `op` final as `step` says, with the ops settled with it, and report it."""
    outbox.settle(op, step.state, step.why)
    settle_also(s, step.also, step.state, step.why)
    if step.state == OpState.FAILED:
        task = s.get(Task, op.task_id) if op.task_id else None
        report.failed.append({"op": op.seq, "kind": op.kind, "task": task.title if task else "?",
                              "task_id": op.task_id, "entry": op.entry_id, "message": step.why})
    for entry_id in step.entries:
        _local_only(s, entry_id, step.why, report)


def settle_also(s: Session, seqs: tuple[int, ...], state: OpState, why: str) -> None:
    """Ops that go with another (a stop with its start), where still open."""
    for seq in seqs:
        other = s.get(Op, seq)
        if other is not None and other.state in OPEN_STATES:
            outbox.settle(other, state, why)


def _local_only(s: Session, entry_id: str, why: str, report: AccountReport) -> None:
    entry = s.get(Entry, entry_id)
    if entry is None or entry.sync == SYNC_LOCAL_ONLY:
        return
    if entry.sync != SYNC_CONFLICT:
        entry.sync = SYNC_LOCAL_ONLY
    seconds = int(((entry.ended_at or entry.started_at) - entry.started_at).total_seconds())
    report.local_only.append({"entry": entry.id, "task": entry.task.title, "task_id": entry.task_id,
                              "seconds": seconds, "why": why})
