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
    by_state = dict(session.execute(query).tuples().all())
    return {
        "pending": sum(by_state.get(s, 0) for s in OPEN_STATES),
        "failed": by_state.get("failed", 0),
    }


def failed(session: Session) -> list[Op]:
    return list(session.scalars(select(Op).where(Op.state == "failed").order_by(Op.seq)))
