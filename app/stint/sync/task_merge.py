"""Two local tasks that are one task on the server become one: a task made here
whose create the server answered with a task we already hold (TimeTagger names a
task by its tags, so "Write report" made here is #write-report, perhaps pulled
before). Called from the create's record, in its transaction."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import update
from sqlalchemy.orm import Session

from ..store.models import Entry, Op, Task


def merge_into(s: Session, task: Task, held: Task, now: datetime) -> None:
    """Make `task` (made here) the server's task we already hold as `held`: its
    entries and ops move over, and `held` takes the title typed here if its own only
    spells its id; then `task` is gone. One transaction with the op's completion."""
    s.flush()
    s.execute(update(Entry).where(Entry.task_id == task.id).values(task_id=held.id)
              .execution_options(synchronize_session=False))
    s.execute(update(Op).where(Op.task_id == task.id).values(task_id=held.id)
              .execution_options(synchronize_session=False))
    if held.title == held.remote_id:
        held.title = task.title
    held.last_started_at = max((t for t in (held.last_started_at, task.last_started_at) if t), default=None)
    held.updated_at = now
    s.delete(task)
    s.flush()
    s.expire_all()  # entries and ops read before the move point at the new task
