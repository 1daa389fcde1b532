"""Push: drain one account's outbox, in order, exactly once (DESIGN "Sync cycle" 1,
invariant 4).

Each op goes through three steps: claim (mark it in_flight and commit, so a crash
mid-request leaves evidence), send (or, after an ambiguous failure, look first), and
record (remote ids and "done" in one transaction). What each kind means for a
server is decided by its capabilities (see `plan.py`), never by its kind.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from ..backends.base import AuthRejected, Backend, BackendError, Rejected
from ..domain.model import SYNC_FAILED
from ..store.db import transaction
from ..store.models import Entry, Op, Task
from . import plan as planning
from .context import Cycle, Stop

log = logging.getLogger("stint.sync.push")

OPEN = ("pending", "in_flight")


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
    for seq in seqs:
        _push_one(cycle, seq, blocks)


def _push_one(cycle: Cycle, seq: int, blocks: Blocks) -> None:
    now = cycle.clock.now()
    with transaction(cycle.engine) as s:
        op = s.get(Op, seq)
        if op is None or op.state not in OPEN:
            return  # another process finished it, or the user discarded it
        blocker = blocks.blocker(op)
        if blocker is not None:
            op.last_error = f"waits for op #{blocker}, which failed"
            cycle.report.waiting.append(_describe(s, op, op.last_error))
            blocks.add(op)
            return
        ambiguous = op.state == "in_flight"
        step = planning.plan(s, op, cycle.caps, ambiguous)
        if isinstance(step, planning.Settled):
            planning.settle(s, op, step, cycle.report)
            return
        if isinstance(step, planning.Wait):
            op.last_error = step.why
            cycle.report.waiting.append(_describe(s, op, step.why))
            blocks.add(op)
            return
        op.state, op.sent_at = "in_flight", now
        op.attempts += 1
        call = step
    # Committed: from here a crash leaves the op in_flight, and the next run looks first.
    try:
        result: Any = None
        if ambiguous:
            result = planning.probe(cycle.backend, call)
        if result is None:
            result = planning.send(cycle.backend, call)
    except Rejected as exc:
        _fail(cycle, seq, exc, blocks)
        return
    except BackendError as exc:
        _keep(cycle, seq, exc, ambiguous)
        raise Stop(exc) from exc
    finally:
        cycle.report.requests += 1
    with transaction(cycle.engine) as s:
        op = s.get(Op, seq)
        if op is None:
            return
        op.state = planning.record(s, op, call, result, cycle.report, cycle.clock.now())
        op.last_error = None
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
