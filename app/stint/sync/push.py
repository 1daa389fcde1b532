"""Push: drain one account's outbox, in order, exactly once (DESIGN "Sync cycle" 1,
invariant 4). This is the loop; what each op means for the server is decided in
`plan.py`, and each kind of call probes, sends and records itself (`calls.py`).

Each op goes through three steps: claim (in_flight, committed, so a crash
mid-request leaves evidence — `claims.py`), send (or, after an ambiguous failure,
probe first), and record (remote ids and "done" in one transaction). To keep a long
drain close to the speed of the requests themselves, ops are claimed in batches of
independent ones, and recording one batch's results and claiming the next share
one transaction: a few commits per hundred ops instead of two per op, with the
same crash safety (a claimed op is in_flight until its result is recorded, so a
crash anywhere leaves it to be probed, never blindly replayed). A batch that stops
early (a transient error) records what came back and releases the ops it never
sent. The op's states and their transitions are in `store/outbox.py`.

A refusal fails the op with the server's message, except a `Gone` (404 on the one
task or entry the op is about): retrying cannot bring the thing back, so the call
says how the op settles instead (`Call.on_gone`).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..backends.base import BackendError, BadResponse, CannotTell, Gone, NotTheServer, Rejected
from ..store import outbox
from ..store.db import transaction
from ..store.models import Account, Op
from ..store.outbox import OPEN_STATES, OpState
from . import plan as planning
from .calls import Call
from .claims import Blocks, Claimed, claim_batch, describe, preload
from .cycle import Cycle

log = logging.getLogger("stint.sync.push")


class Stop(Exception):
    """Ends this account's cycle: a transient error (back off) or a sign-in error."""

    def __init__(self, cause: BackendError) -> None:
        super().__init__(cause.message)
        self.cause = cause


@dataclass
class Done:
    """A call that came back, waiting to be recorded with the next claim."""

    seq: int
    call: Call[Any]
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
            result = _call(cycle, claimed, blocks)
        except BaseException:
            # Stopped mid-batch (Stop, a bug, an interrupt): keep what came back, and
            # free the ops never sent. The op that raised stays as `_call` left it.
            with transaction(cycle.engine) as s:
                _record_all(s, cycle, done)
                # One in_flight before this claim stays so: it still needs its probe.
                outbox.release_all(s, [c.seq for c in batch[n + 1:] if not c.ambiguous])
            raise
        if result is not None:
            done.append(result)
    return done


def _call(cycle: Cycle, claimed: Claimed, blocks: Blocks) -> Done | None:
    # The claim is committed: from here a crash leaves the op in_flight, and the
    # next run looks at the server first.
    call = claimed.call
    try:
        result: Any = _probe(cycle, call) if claimed.ambiguous else None
        if result is None:
            result = call.send(cycle.backend)
    except Rejected as exc:
        _refused(cycle, claimed.seq, call, exc, blocks)
        return None
    except _LookFailed as look:
        _look_again(cycle, claimed.seq, call, look.cause, blocks)
        return None
    except BackendError as exc:
        _keep(cycle, claimed.seq, exc, claimed.ambiguous)
        raise Stop(exc) from exc
    finally:
        cycle.report.requests += 1
    return Done(claimed.seq, call, result)


LOOKS_BEFORE_ASKING = 3


class _LookFailed(Exception):
    """A look before replaying got a reply that is not the server's (a web page)."""

    def __init__(self, cause: BadResponse) -> None:
        super().__init__(cause.message)
        self.cause = cause


def _probe(cycle: Cycle, call: Call[Any]) -> Any:
    """Look at the server before replaying. A look whose answer cannot be understood
    (a record, a report in another shape) shows nothing either way: that op becomes
    a question for the person (CannotTell fails it, visibly), and the others go on.
    One answered by something that is not the server's API at all (a web page: a
    hotspot's login, or an optional report the server serves as one) is looked at
    again in the next cycles, and asked after LOOKS_BEFORE_ASKING."""
    try:
        return call.probe(cycle.backend)
    except NotTheServer as exc:
        raise _LookFailed(exc) from exc
    except BadResponse as exc:
        raise CannotTell(_cannot_tell(exc)) from exc


def _cannot_tell(exc: BadResponse) -> str:
    return (f"the server may already have this change, and what it shows cannot be read ({exc.message}): "
            "check the server, then retry or discard")


def _look_again(cycle: Cycle, seq: int, call: Call[Any], cause: BadResponse, blocks: Blocks) -> None:
    with transaction(cycle.engine) as s:
        op = s.get(Op, seq)
        looks = (op.attempts - 1) if op is not None else 0
    if looks > LOOKS_BEFORE_ASKING:
        _refused(cycle, seq, call, CannotTell(_cannot_tell(cause)), blocks)
        return
    _keep(cycle, seq, cause, True)  # still in flight: looked at first next time
    with transaction(cycle.engine) as s:
        op = s.get(Op, seq)
        if op is not None:  # what depends on it waits for the look, as on a failed op
            blocks.add(op, "whose arrival on the server could not be checked yet")
    cycle.report.notes.append(f"could not look at the server before sending a change again "
                              f"({cause.message}); it will look again")


def _record_all(s: Session, cycle: Cycle, done: Sequence[Done]) -> None:
    # A call whose answer changes nothing but its op's state (a confirmed status
    # change, the bulk of a long drain): one executemany, not an object each.
    plain = [d.seq for d in done if d.call.state_only]
    outbox.complete_all(s, plain)
    cycle.report.pushed += len(plain)
    rest = [d for d in done if not d.call.state_only]
    held = preload(s, [d.seq for d in rest])  # noqa: F841 - kept alive for the identity map
    for d in rest:
        _record(s, cycle, d)


def _record(s: Session, cycle: Cycle, done: Done) -> None:
    op = s.get(Op, done.seq)
    if op is None:
        return
    settled = done.call.record(s, op, done.result, cycle.report, cycle.clock.now())
    if settled is None:
        outbox.complete(op)
        planning.settle_also(s, done.call.also, OpState.DONE, f"sent with #{op.seq}")
        cycle.report.pushed += 1
    else:
        planning.settle(s, op, settled, cycle.report)
    touched = done.call.touched(s, op)
    if touched:
        cycle.touched.add(touched)


def _refused(cycle: Cycle, seq: int, call: Call[Any], exc: Rejected, blocks: Blocks) -> None:
    with transaction(cycle.engine) as s:
        op = s.get(Op, seq)
        if op is None:
            return
        settled = call.on_gone(s, op, cycle.report) if isinstance(exc, Gone) else None
        if settled is not None:
            # Nothing the user did is dropped: the time stays here, marked local only
            # with the reason, and the op is not sent again.
            planning.settle(s, op, settled, cycle.report)
            if call.gone_is_task and call.task_remote_id:
                _forget_task(s, cycle.account_id, call.task_remote_id)
            log.info("op #%d (%s) settled: %s", seq, cycle.report.account, exc.message)
            return
        outbox.fail(op, exc.message)
        call.on_refused(s, op)
        blocks.add(op)
        cycle.report.failed.append(describe(s, op, exc.message))
    log.info("op #%d (%s) rejected: %s", seq, cycle.report.account, exc.message)


def _forget_task(s: Session, account_id: int, task_remote_id: str) -> None:
    """As pull does for a task it can no longer read: not asked for again."""
    account = s.get(Account, account_id)
    if account is not None:
        cursors = dict(account.cursors or {})
        cursors["gone"] = sorted(set(cursors.get("gone", [])) | {task_remote_id})
        account.cursors = cursors


def _keep(cycle: Cycle, seq: int, exc: BackendError, ambiguous: bool) -> None:
    """A transient or sign-in failure: keep the op. If the request may have reached
    the server it stays in_flight, so the next run looks before replaying."""
    with transaction(cycle.engine) as s:
        op = s.get(Op, seq)
        if op is not None:
            outbox.keep(op, exc.message, may_have_arrived=ambiguous or exc.maybe_applied)
