"""Whether a task on the server is the one a create whose reply was lost made: only
a proof counts (DESIGN invariant 4; never a guess by title alone) — made by this
credential's person (`Backend.user_remote_id`, `RemoteTask.created_by`) after the op
(`created_at`). A backend whose create is idempotent needs none of this."""

from __future__ import annotations

from datetime import datetime

from ..backends.base import Backend, CannotTell, CreatedTask


def created_by_us(backend: Backend, title: str, since: datetime, known: frozenset[str]) -> CreatedTask | None:
    """The task titled `title`, not held before, that this credential's person made
    at or after `since`; None when no task of that title is new; CannotTell when
    one is, and nothing shows whose (or several do)."""
    candidates = [t for t in backend.list_tasks() if t.title == title and t.remote_id not in known]
    if not candidates:
        return None
    me = backend.user_remote_id()
    # A listing may leave out who made a task: read such a one by itself.
    read = [t if t.created_by is not None or me is None else backend.get_task(t.remote_id) for t in candidates]
    ours = [t for t in read if me is not None and t.created_by == me
            and t.created_at is not None and t.created_at >= since]
    if len(ours) == 1:
        return CreatedTask(ours[0].remote_id, ours[0].status_remote_id, None)
    ids = ", ".join(t.remote_id for t in candidates[:5])
    raise CannotTell(f"the reply to creating \u201c{title}\u201d was lost, and the server has "
                     f"{len(candidates)} task(s) of that title ({ids}) that cannot be shown to be the "
                     "one made here: check the server; if one of them is this task, use it for this one, "
                     "else retry (makes one more) or discard")
