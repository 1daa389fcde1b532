"""The outbox: user intents waiting for the server, appended in the same transaction
as the local change they describe (DESIGN.md, invariant 1)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from .models import Op

KINDS = ("create_task", "start", "stop", "set_status", "create_entry", "update_entry", "delete_entry")
OPEN_STATES = ("pending", "in_flight")


def append(
    session: Session,
    *,
    account_id: int,
    kind: str,
    now: datetime,
    task_id: int | None = None,
    entry_id: str | None = None,
    payload: dict[str, Any] | None = None,
) -> Op:
    if kind not in KINDS:
        raise ValueError(f"unknown op kind {kind!r}")
    op = Op(
        uuid=str(uuid.uuid4()),
        account_id=account_id,
        kind=kind,
        task_id=task_id,
        entry_id=entry_id,
        payload=payload or {},
        attempts=0,
        state="pending",
        created_at=now,
    )
    session.add(op)
    return op


def counts(session: Session, account_id: int | None = None) -> dict[str, int]:
    """How many ops are open (pending or in flight) and how many failed."""
    query = select(Op.state, func.count()).group_by(Op.state)
    if account_id is not None:
        query = query.where(Op.account_id == account_id)
    by_state = {state: n for state, n in session.execute(query).all()}
    return {
        "pending": sum(by_state.get(s, 0) for s in OPEN_STATES),
        "failed": by_state.get("failed", 0),
    }


def failed(session: Session) -> list[Op]:
    return list(session.scalars(select(Op).where(Op.state == "failed").order_by(Op.seq)))


def _op_in_state(session: Session, seq: int, states: tuple[str, ...]) -> Op:
    from ..domain.errors import NotFound, Refused

    op = session.get(Op, seq)
    if op is None:
        raise NotFound(f"no queued change #{seq}")
    if op.state not in states:
        raise Refused(f"change #{seq} is {op.state}, not {' or '.join(states)}")
    return op


def retry(session: Session, seq: int) -> Op:
    """Put failed op `seq` back in the queue: the next sync sends it again at once.
    The entry it concerns is marked pending again."""
    from .models import Entry

    op = _op_in_state(session, seq, ("failed",))
    op.state, op.attempts, op.next_attempt_at, op.last_error = "pending", 0, None, None
    if op.entry_id is not None:
        entry = session.get(Entry, op.entry_id)
        if entry is not None and entry.sync == "failed":
            entry.sync = "pending"
    session.flush()
    return op


def discard(session: Session, seq: int) -> Op:
    """Give up on failed op `seq` (it stays in the table as "discarded", never sent).
    The local change it described is kept; an entry it concerns is marked
    "local-only" once no other failed op is left for it, so its time is still shown
    as something the server does not hold."""
    from .models import Entry

    op = _op_in_state(session, seq, ("failed",))
    op.state = "discarded"
    if op.entry_id is not None:
        entry = session.get(Entry, op.entry_id)
        others = session.scalar(
            select(func.count()).where(Op.entry_id == op.entry_id, Op.state == "failed", Op.seq != seq)
        )
        if entry is not None and entry.sync == "failed" and not others:
            entry.sync = "local-only"
    session.flush()
    return op
