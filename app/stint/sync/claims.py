"""Claiming ops for the push, a batch at a time (DESIGN invariant 4 and 5).

A claim plans an op (`plan.py`) and, if it needs a call, marks it in_flight and
counts the attempt. The claim transaction commits before any of the batch's
requests go out, so a crash while sending leaves every claimed op in_flight, and
the next run looks at the server before replaying each one (its probe): nothing is
sent twice, nothing is lost. What a crash costs is a few probes, one per op of
the batch, so a batch stays small.

Only independent ops share a batch: an op whose task or entry a call earlier in
the batch is about waits for the next batch, after that call's result is recorded
(a start after its task's create needs the task's remote id; a stop after its
start needs the entry's). A create_task ends its batch, since a later create's
probe must know every task id the server gave us.

To keep a long drain near the speed of its requests, a batch's rows are read in a
few queries up front (the session then answers `get` from its identity map).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session, lazyload

from ..store import outbox
from ..store.models import Entry, Op, Status, Task
from ..store.outbox import OPEN_STATES, OpState
from . import plan as planning
from .calls import Call, SetStatus, Settled, Wait
from .cycle import Cycle

BATCH = 50

# The statements a long drain runs every batch, built once (their compiled form is
# cached by the engine): a window's ops with their task's remote id, the newest
# open status change of some tasks, and an account's statuses.
_outbox, _task, _status = Op.__table__, Task.__table__, Status.__table__
_WINDOW = (select(_outbox.c.seq, _outbox.c.uuid, _outbox.c.kind, _outbox.c.state, _outbox.c.task_id,
                  _outbox.c.entry_id, _outbox.c.payload, _task.c.remote_id.label("task_remote_id"))
           .outerjoin(_task, _task.c.id == _outbox.c.task_id)
           .where(_outbox.c.seq.in_(bindparam("seqs", expanding=True))))
_LATEST = (select(_outbox.c.task_id, func.max(_outbox.c.seq))
           .where(_outbox.c.account_id == bindparam("account"), _outbox.c.kind == "set_status",
                  _outbox.c.state.in_(OPEN_STATES), _outbox.c.task_id.in_(bindparam("tasks", expanding=True)))
           .group_by(_outbox.c.task_id))
_STATUSES = select(_status.c.id, _status.c.remote_id).where(_status.c.account_id == bindparam("account"))


@dataclass(frozen=True)
class Claimed:
    seq: int
    call: Call[Any]
    ambiguous: bool    # it was in_flight already: look at the server before sending


class Blocks:
    """Which later ops must wait: a failed create blocks its task; a failed start or
    stop blocks the rest of that entry. A failed status change blocks nothing (a
    later one replaces it)."""

    def __init__(self) -> None:
        self.tasks: dict[int, int] = {}
        self.entries: dict[str, int] = {}
        self.whys: dict[int, str] = {}  # a blocker that has not failed: why it holds the others

    def blocker(self, op: Op) -> int | None:
        if op.task_id is not None and op.task_id in self.tasks:
            return self.tasks[op.task_id]
        if op.entry_id is not None and op.entry_id in self.entries:
            return self.entries[op.entry_id]
        return None

    def why(self, seq: int) -> str:
        return outbox.waits_for(seq, self.whys.get(seq, "which failed"))

    def add(self, op: Op, why: str | None = None) -> None:
        if why is not None:
            self.whys.setdefault(op.seq, why)
        if op.kind == "create_task" and op.task_id is not None:
            self.tasks.setdefault(op.task_id, op.seq)
        elif op.entry_id is not None and op.kind in ("start", "stop", "create_entry"):
            self.entries.setdefault(op.entry_id, op.seq)


def preload(s: Session, seqs: Sequence[int], account_id: int | None = None) -> list[Any]:
    """Read the ops, and their tasks and entries (and the account's statuses), in a
    few queries. The caller keeps the returned list for the transaction: the
    session's identity map holds its objects only weakly."""
    if not seqs:
        return []
    ops = list(s.scalars(select(Op).where(Op.seq.in_(list(seqs)))))
    task_ids = {o.task_id for o in ops if o.task_id is not None}
    entry_ids = {o.entry_id for o in ops if o.entry_id}
    held: list[Any] = [*ops]
    # Without the joined status and account (entry: task) the mappings load by
    # default: planning rarely needs them, and they cost more than the rows.
    if task_ids:
        held += s.scalars(select(Task).where(Task.id.in_(task_ids))
                          .options(lazyload(Task.status), lazyload(Task.account)))
    if entry_ids:
        held += s.scalars(select(Entry).where(Entry.id.in_(entry_ids)).options(lazyload(Entry.task)))
    if account_id is not None:
        held += s.scalars(select(Status).where(Status.account_id == account_id))
    return held


def claim_batch(s: Session, cycle: Cycle, seqs: Sequence[int], at: int,
                blocks: Blocks) -> tuple[list[Claimed], int]:
    """Claim independent ops from seqs[at:]; returns them and where the next batch
    starts. At least one op is consumed whenever any is left."""
    window = seqs[at:at + BATCH]
    # The window's ops as plain rows first: a status change that will surely be
    # sent (the bulk of a long drain) is planned from them and claimed in one
    # executemany; every other op goes through `plan` on mapped objects.
    ops = s.execute(_WINDOW, {"seqs": list(window)}).all() if window else []
    # The newest open status change of each of the window's tasks, read once in
    # this transaction rather than once per op.
    task_ids = {o.task_id for o in ops if o.task_id is not None}
    latest: dict[int, int] = {}
    if task_ids:
        latest = dict(s.execute(_LATEST, {"account": cycle.account_id, "tasks": list(task_ids)}).all())
    fast = _plain_status_changes(s, cycle, [o for o in ops if o.kind == "set_status"], latest)
    held = preload(s, [seq for seq in window if seq not in fast], cycle.account_id)  # noqa: F841
    claimed: list[Claimed] = []
    claimed_plain: list[int] = []
    tasks: set[int] = set()
    entries: set[str] = set()
    for seq in window:
        plain = fast.get(seq)
        op: Any = plain[0] if plain is not None else s.get(Op, seq)
        if claimed and op is not None and op.state in OPEN_STATES and (
                op.task_id in tasks or (op.entry_id is not None and op.entry_id in entries)):
            break  # depends on a call of this batch: next batch, after its result
        at += 1
        if op is None:
            continue
        if plain is not None and blocks.blocker(op) is None:
            step: Claimed | None = Claimed(seq, plain[1], op.state == OpState.IN_FLIGHT)
            claimed_plain.append(seq)
        else:
            if plain is not None:
                op = s.get(Op, seq)  # blocked: reported through the mapped object
                if op is None:
                    continue
            step = _claim(s, cycle, op, blocks, latest)
        if step is None:
            continue
        claimed.append(step)
        if op.task_id is not None:
            tasks.add(op.task_id)
        if op.entry_id is not None:
            entries.add(op.entry_id)
        if step.call.ends_batch:
            break
    # What `_claim` does to an op, for each of them at once.
    outbox.claim_all(s, claimed_plain, cycle.clock.now())
    return claimed, at


def _plain_status_changes(s: Session, cycle: Cycle, ops: Sequence[Any],
                          latest: dict[int, int]) -> dict[int, tuple[Any, SetStatus]]:
    """Of these status changes (outbox rows), those `plan` would surely answer
    with a call, each as (row, call). Anything less certain is left out (and
    planned the usual way): a missing task or status, a task not on the server
    yet, a later change that replaces it, a server without statuses."""
    if not ops or not cycle.caps.set_status:
        return {}
    statuses = dict(s.execute(_STATUSES, {"account": cycle.account_id}).all())
    fast: dict[int, tuple[Any, SetStatus]] = {}
    for o in ops:
        if o.state not in OPEN_STATES or o.entry_id is not None:
            continue
        rid = o.task_remote_id
        status_rid = statuses.get((o.payload or {}).get("status_id"))
        ambiguous = o.state == OpState.IN_FLIGHT
        if rid is None or status_rid is None or (latest.get(o.task_id, 0) > o.seq and not ambiguous):
            continue
        fast[o.seq] = (o, SetStatus(key=o.uuid, task_remote_id=rid, status_remote_id=status_rid))
    return fast


def _claim(s: Session, cycle: Cycle, op: Op, blocks: Blocks, latest: dict[int, int]) -> Claimed | None:
    if op.state not in OPEN_STATES:
        return None  # another process finished it, or the user discarded it
    blocker = blocks.blocker(op)
    if blocker is not None:
        why = blocks.why(blocker)
        outbox.wait(op, why)
        cycle.report.waiting.append(describe(s, op, why))
        blocks.add(op)
        return None
    ambiguous = op.state == OpState.IN_FLIGHT
    step = planning.plan(s, op, cycle.caps, ambiguous, latest_status=latest)
    if isinstance(step, Settled):
        planning.settle(s, op, step, cycle.report)
        return None
    if isinstance(step, Wait):
        outbox.wait(op, step.why)
        cycle.report.waiting.append(describe(s, op, step.why))
        blocks.add(op)
        return None
    outbox.claim(op, cycle.clock.now())
    return Claimed(op.seq, step, ambiguous)


def describe(s: Any, op: Op, message: str) -> dict[str, Any]:
    task = s.get(Task, op.task_id) if op.task_id is not None else None
    return {"op": op.seq, "kind": op.kind, "task": task.title if task else "?",
            "task_id": op.task_id, "entry": op.entry_id, "message": message}
