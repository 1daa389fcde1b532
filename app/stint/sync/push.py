"""Push: drain one account's outbox, in order, exactly once (DESIGN "Sync cycle" 1,
invariant 4).

Each op goes through three steps: claim (mark it in_flight and commit, so a crash
mid-request leaves evidence), send (or, after an ambiguous failure, look first), and
record (remote ids and "done" in one transaction). To keep a long drain close to
the speed of the requests themselves, recording op N and claiming op N+1 share one
transaction: one commit per op instead of two, with the same crash safety (op N+1
is in_flight only once N is recorded). What each kind means for a server is decided
by its capabilities (see `plan.py`), never by its kind.

A `Gone` (404 on the one task or entry the op is about) settles the op instead of
failing it forever — retrying cannot bring the thing back (`_gone`).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..backends.base import AuthRejected, BackendError, Gone, Rejected
from ..domain.model import SYNC_FAILED, SYNC_SYNCED
from ..store.db import transaction
from ..store.models import Account, Entry, Op, Task
from . import calls
from . import plan as planning
from .context import Cycle, Stop
from .steps import OPEN

log = logging.getLogger("stint.sync.push")


@dataclass
class Blocks:
    """Which later ops must wait: a failed create blocks its task; a failed start or
    stop blocks the rest of that entry. A failed status change blocks nothing (a
    later one replaces it)."""

    tasks: dict[int, int]
    entries: dict[str, int]

    def blocker(self, op: Op) -> int | None:
        if op.task_id is not None and op.task_id in self.tasks:
            return self.tasks[op.task_id]
        if op.entry_id is not None and op.entry_id in self.entries:
            return self.entries[op.entry_id]
        return None

    def add(self, op: Op) -> None:
        if op.kind == "create_task" and op.task_id is not None:
            self.tasks.setdefault(op.task_id, op.seq)
        elif op.entry_id is not None and op.kind in ("start", "stop", "create_entry"):
            self.entries.setdefault(op.entry_id, op.seq)


@dataclass
class Done:
    """A call that came back, waiting to be recorded with the next claim."""

    seq: int
    call: planning.Call
    result: Any


def push(cycle: Cycle) -> None:
    """Push every open op of the account; raises Stop on a transient or sign-in error."""
    with transaction(cycle.engine) as s:
        failed = s.scalars(select(Op).where(Op.account_id == cycle.account_id, Op.state == "failed"))
        blocks = Blocks({}, {})
        for op in failed:
            blocks.add(op)
        seqs = list(s.scalars(
            select(Op.seq).where(Op.account_id == cycle.account_id, Op.state.in_(OPEN)).order_by(Op.seq)
        ))
    done: Done | None = None
    for seq in seqs:
        with transaction(cycle.engine) as s:
            if done is not None:
                _record(s, cycle, done)
                done = None
            claimed = _claim(s, cycle, seq, blocks)
        if claimed is not None:
            done = _call(cycle, seq, *claimed, blocks)
    if done is not None:
        with transaction(cycle.engine) as s:
            _record(s, cycle, done)


def _claim(s: Session, cycle: Cycle, seq: int, blocks: Blocks) -> tuple[planning.Call, bool] | None:
    op = s.get(Op, seq)
    if op is None or op.state not in OPEN:
        return None  # another process finished it, or the user discarded it
    blocker = blocks.blocker(op)
    if blocker is not None:
        op.last_error = f"waits for op #{blocker}, which failed"
        cycle.report.waiting.append(_describe(s, op, op.last_error))
        blocks.add(op)
        return None
    ambiguous = op.state == "in_flight"
    step = planning.plan(s, op, cycle.caps, ambiguous)
    if isinstance(step, planning.Settled):
        planning.settle(s, op, step, cycle.report)
        return None
    if isinstance(step, planning.Wait):
        op.last_error = step.why
        cycle.report.waiting.append(_describe(s, op, step.why))
        blocks.add(op)
        return None
    op.state, op.sent_at = "in_flight", cycle.clock.now()
    op.attempts += 1
    return step, ambiguous


def _call(cycle: Cycle, seq: int, call: planning.Call, ambiguous: bool, blocks: Blocks) -> Done | None:
    # The claim is committed: from here a crash leaves the op in_flight, and the
    # next run looks at the server first.
    try:
        result: Any = None
        if ambiguous:
            result = calls.probe(cycle.backend, call)
        if result is None:
            result = calls.send(cycle.backend, call)
    except Rejected as exc:
        if isinstance(exc, Gone) and call.kind != "create_task":
            _gone(cycle, seq, call, exc)  # a create's Gone names its board: a real failure
        else:
            _fail(cycle, seq, exc, blocks)
        return None
    except BackendError as exc:
        _keep(cycle, seq, exc, ambiguous)
        raise Stop(exc) from exc
    finally:
        cycle.report.requests += 1
    return Done(seq, call, result)


def _record(s: Session, cycle: Cycle, done: Done) -> None:
    op = s.get(Op, done.seq)
    if op is None:
        return
    op.state = calls.record(s, op, done.call, done.result, cycle.report, cycle.clock.now())
    op.last_error = None
    if calls.touches_time(done.call) and done.call.task_remote_id:
        cycle.touched.add(done.call.task_remote_id)
    elif done.call.kind == "create_task":
        task = s.get(Task, op.task_id) if op.task_id is not None else None
        if task is not None and task.remote_id:
            cycle.touched.add(task.remote_id)
    if op.state == "done":
        cycle.report.pushed += 1


def _fail(cycle: Cycle, seq: int, exc: Rejected, blocks: Blocks) -> None:
    with transaction(cycle.engine) as s:
        op = s.get(Op, seq)
        if op is None:
            return
        op.state, op.last_error = "failed", exc.message
        if op.entry_id and op.kind in ("start", "stop", "create_entry", "update_entry"):
            entry = s.get(Entry, op.entry_id)
            if entry is not None:
                entry.sync = SYNC_FAILED
        blocks.add(op)
        cycle.report.failed.append(_describe(s, op, exc.message))
    log.info("op #%d (%s) rejected: %s", seq, cycle.report.account, exc.message)


GONE_ENTRY = "deleted on the server"
GONE_TASK = "its task is no longer on the server"


def _gone(cycle: Cycle, seq: int, call: planning.Call, exc: Gone) -> None:
    """The op's task or entry is gone from the server (deleted, or not visible to
    this credential). Nothing the user did is dropped: the time stays here, marked
    local only with the reason, and the op is settled so it is not sent again."""
    with transaction(cycle.engine) as s:
        op = s.get(Op, seq)
        if op is None:
            return
        entries = (call.entry_id,) if call.entry_id else ()
        if call.kind == "delete_entry":
            step = planning.Settled("done", GONE_ENTRY)  # gone is what it asked for
        elif call.kind == "update_entry":
            step = planning.Settled("done", GONE_ENTRY, entries)
        elif call.kind == "set_status":
            step = planning.Settled("done", GONE_TASK)
        else:  # time for a gone task: create_entry, start, stop, set_task_total
            if call.kind == "set_task_total" and op.task_id is not None:
                entries = tuple(s.scalars(select(Entry.id).where(
                    Entry.task_id == op.task_id, Entry.deleted.is_(False), Entry.ended_at.is_not(None),
                    Entry.sync != SYNC_SYNCED)))
            step = planning.Settled("local_only", GONE_TASK, entries, call.also)
        planning.settle(s, op, step, cycle.report)
        if call.kind not in ("update_entry", "delete_entry") and call.task_remote_id:
            account = s.get(Account, cycle.account_id)
            if account is not None:
                # As pull does for a task it can no longer read: not asked for again.
                cursors = dict(account.cursors or {})
                cursors["gone"] = sorted(set(cursors.get("gone", [])) | {call.task_remote_id})
                account.cursors = cursors
            task = s.get(Task, op.task_id) if op.task_id is not None else None
            if call.kind == "set_status":
                title = task.title if task else "?"
                cycle.report.notes.append(f"{title}: {GONE_TASK}; its status is kept here only")
    log.info("op #%d (%s) settled: %s", seq, cycle.report.account, exc.message)


def _keep(cycle: Cycle, seq: int, exc: BackendError, ambiguous: bool) -> None:
    """A transient or sign-in failure: keep the op. If the request may have reached
    the server it stays in_flight, so the next run looks before replaying."""
    with transaction(cycle.engine) as s:
        op = s.get(Op, seq)
        if op is None:
            return
        if not (ambiguous or exc.maybe_applied) or isinstance(exc, AuthRejected) and not ambiguous:
            op.state = "pending"
        op.last_error = exc.message


def _describe(s: Any, op: Op, message: str) -> dict[str, Any]:
    task = s.get(Task, op.task_id) if op.task_id is not None else None
    return {"op": op.seq, "kind": op.kind, "task": task.title if task else "?",
            "task_id": op.task_id, "entry": op.entry_id, "message": message}


