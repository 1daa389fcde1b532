"""Push: drain one account's outbox, in order, exactly once (DESIGN "Sync cycle" 1,
invariant 4).

Each op goes through three steps: claim (mark it in_flight and commit, so a crash
mid-request leaves evidence), send (or, after an ambiguous failure, look first), and
record (remote ids and "done" in one transaction). To keep a long drain close to
the speed of the requests themselves, ops are claimed in batches of independent
ones (`claims.py`), and recording one batch's results and claiming the next share
one transaction: a few commits per hundred ops instead of two per op, with the
same crash safety (a claimed op is in_flight until its result is recorded, so a
crash anywhere leaves it to be probed, never blindly replayed). A batch that stops
early (a transient error) records what came back and puts the ops it never sent
back to pending. What each kind means for a server is decided by its capabilities
(see `plan.py`), never by its kind.

A `Gone` (404 on the one task or entry the op is about) settles the op instead of
failing it forever — retrying cannot bring the thing back (`_gone`).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..backends.base import AuthRejected, BackendError, Gone, Rejected
from ..domain.model import SYNC_FAILED, SYNC_SYNCED
from ..store import outbox
from ..store.db import transaction
from ..store.models import Account, Entry, Op, Task
from ..store.outbox import OPEN_STATES, OpState
from . import calls
from . import plan as planning
from .claims import Blocks, Claimed, claim_batch, describe, preload, release
from .context import Cycle, Stop

log = logging.getLogger("stint.sync.push")


@dataclass
class Done:
    """A call that came back, waiting to be recorded with the next claim."""

    seq: int
    call: planning.Call
    result: Any


def push(cycle: Cycle) -> None:
    """Push every open op of the account; raises Stop on a transient or sign-in error."""
    with transaction(cycle.engine) as s:
        blocks = Blocks()
        for op in s.scalars(select(Op).where(Op.account_id == cycle.account_id, Op.state == OpState.FAILED)):
            blocks.add(op)
        seqs = list(s.scalars(
            select(Op.seq).where(Op.account_id == cycle.account_id, Op.state.in_(OPEN_STATES)).order_by(Op.seq)
        ))
    done: list[Done] = []
    at = 0
    while done or at < len(seqs):
        with transaction(cycle.engine) as s:
            _record_all(s, cycle, done)
            batch, at = claim_batch(s, cycle, seqs, at, blocks)
        done = _send(cycle, batch, blocks)


def _send(cycle: Cycle, batch: Sequence[Claimed], blocks: Blocks) -> list[Done]:
    done: list[Done] = []
    for n, claimed in enumerate(batch):
        try:
            result = _call(cycle, claimed.seq, claimed.call, claimed.ambiguous, blocks)
        except BaseException:
            # Stopped mid-batch (Stop, a bug, an interrupt): keep what came back, and
            # free the ops never sent. The op that raised stays as `_call` left it.
            with transaction(cycle.engine) as s:
                _record_all(s, cycle, done)
                release(s, batch[n + 1:])
            raise
        if result is not None:
            done.append(result)
    return done


def _record_all(s: Session, cycle: Cycle, done: Sequence[Done]) -> None:
    # A status change the server confirmed writes nothing but its op's state: those
    # are one executemany, not an object each (the bulk of a long drain).
    plain = [d.seq for d in done if d.call.kind == "set_status"]
    outbox.complete_all(s, plain)
    cycle.report.pushed += len(plain)
    rest = [d for d in done if d.call.kind != "set_status"]
    held = preload(s, [d.seq for d in rest])  # noqa: F841 - kept alive for the identity map
    for d in rest:
        _record(s, cycle, d)


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
    state = calls.record(s, op, done.call, done.result, cycle.report, cycle.clock.now())
    if state == OpState.DONE:  # else `record` settled it
        outbox.complete(op)
    if calls.touches_time(done.call) and done.call.task_remote_id:
        cycle.touched.add(done.call.task_remote_id)
    elif done.call.kind == "create_task":
        task = s.get(Task, op.task_id) if op.task_id is not None else None
        if task is not None and task.remote_id:
            cycle.touched.add(task.remote_id)
    if state == OpState.DONE:
        cycle.report.pushed += 1


def _fail(cycle: Cycle, seq: int, exc: Rejected, blocks: Blocks) -> None:
    with transaction(cycle.engine) as s:
        op = s.get(Op, seq)
        if op is None:
            return
        outbox.fail(op, exc.message)
        if op.entry_id and op.kind in ("start", "stop", "create_entry", "update_entry"):
            entry = s.get(Entry, op.entry_id)
            if entry is not None:
                entry.sync = SYNC_FAILED
        blocks.add(op)
        cycle.report.failed.append(describe(s, op, exc.message))
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
            step = planning.Settled(OpState.DONE, GONE_ENTRY)  # gone is what it asked for
        elif call.kind == "update_entry":
            step = planning.Settled(OpState.DONE, GONE_ENTRY, entries)
        elif call.kind == "set_status":
            step = planning.Settled(OpState.DONE, GONE_TASK)
        else:  # time for a gone task: create_entry, start, stop, set_task_total
            if call.kind == "set_task_total" and op.task_id is not None:
                entries = tuple(s.scalars(select(Entry.id).where(
                    Entry.task_id == op.task_id, Entry.deleted.is_(False), Entry.ended_at.is_not(None),
                    Entry.sync != SYNC_SYNCED)))
            step = planning.Settled(OpState.LOCAL_ONLY, GONE_TASK, entries, call.also)
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
        outbox.keep(op, exc.message, may_have_arrived=ambiguous or exc.maybe_applied)
