"""The changes a server refused, and the person's answers to them.

A refused change is an outbox op in state failed (DESIGN.md, invariant 3): it waits
for the person. Both the desktop app's changes dialog and `stint changes` list them
from here and answer through `Tracker` (store/actions.py), which calls the moves
below inside one write transaction:

  retry     send it again                                outbox.retry
  discard   stop sending it; the local change stays      outbox.discard
  use       a create whose reply was lost, when the      outbox.resolve
            person found its task on the server: the
            local task becomes that server task

"Use" is the person's answer to sync/proof.py's CannotTell: the server holds tasks of
the title that cannot be shown to be the one made here, and the person, who looked,
says which one is. The local task's entries and ops move to the server's task (as
sync/task_merge.merge_into does when the server itself answers with a task we hold),
the local task goes, and the ops that waited behind the create go out with the
server task's id on the next sync.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import datetime
from typing import NamedTuple

from ..domain.errors import NotFound, Refused
from . import lookup, outbox
from .outbox import OpState
from .rows import Task, seconds, utc


class Change(NamedTuple):
    """One refused or waiting change, as a list shows it."""

    seq: int
    account: str
    kind: str
    task_id: int | None
    task: str                   # the task's title ("" for none)
    created_at: datetime
    error: str                  # the server's message (refused), the last error (waiting)
    next_try: datetime | None   # waiting only: when the engine tries again


_COLUMNS = "o.seq, a.name, o.kind, o.task_id, t.title, o.created_at"
_FROM = "FROM outbox AS o JOIN account AS a ON a.id = o.account_id LEFT JOIN task AS t ON t.id = o.task_id"
_FAILED = f"SELECT {_COLUMNS}, o.last_error, NULL {_FROM} WHERE o.state = '{OpState.FAILED}' ORDER BY o.seq"
# Open ops of an account that is not syncing, or that came back with an error: the
# op's own last error, else the account's (ops released unsent carry none).
_WAITING = (f"SELECT {_COLUMNS}, COALESCE(o.last_error, a.last_error), COALESCE(o.next_attempt_at, a.next_sync_at) "
            f"{_FROM} WHERE o.state IN ('{OpState.PENDING}', '{OpState.IN_FLIGHT}') "
            "AND (o.last_error IS NOT NULL OR a.state != 'ok') ORDER BY o.seq")


def failed(conn: sqlite3.Connection) -> list[Change]:
    """The changes the server refused, oldest first."""
    return [_change(row) for row in conn.execute(_FAILED)]


def waiting(conn: sqlite3.Connection) -> list[Change]:
    """The changes held back by their account's trouble (offline, server errors,
    sign-in), oldest first."""
    return [_change(row) for row in conn.execute(_WAITING)]


def _change(row: Sequence[object]) -> Change:
    seq, account, kind, task_id, title, created, error, next_try = row
    return Change(seq, account, kind, task_id, title or "", utc(created), error or "",  # type: ignore[arg-type]
                  utc(next_try))  # type: ignore[arg-type]


def retry(conn: sqlite3.Connection, seqs: Sequence[int]) -> None:
    for seq in seqs:
        outbox.retry(conn, seq)


def discard(conn: sqlite3.Connection, seqs: Sequence[int]) -> None:
    for seq in seqs:
        outbox.discard(conn, seq)


class Used(NamedTuple):
    """What `use_server_task` did: `local` (now gone) became `server`."""

    seq: int
    local: Task
    server: Task


def use_server_task(conn: sqlite3.Connection, seq: int, task_ref: str, now: datetime) -> Used:
    """Failed create `seq` made task `task_ref` (one pulled from the server; as
    store/lookup finds a task): the local task it was creating becomes that one. In
    the caller's write transaction; each refusal is one line and changes nothing."""
    row = conn.execute("SELECT state, kind, account_id, task_id FROM outbox WHERE seq = ?", (seq,)).fetchone()
    if row is None:
        raise NotFound(f"no queued change #{seq}")
    state, kind, account_id, task_id = row
    if state != OpState.FAILED:
        raise Refused(f"change #{seq} is {state}, not failed")
    if kind != "create_task":
        raise Refused(f"change #{seq} is not a task creation: only a created task can be matched with a server task")
    local = lookup.task_by_id(conn, task_id) if task_id is not None else None
    if local is None:
        raise Refused(f"the task change #{seq} was creating is gone")
    if local.remote_id is not None:  # its create is moot: retrying settles it done
        raise Refused(f"task {local.id} is on the server already (id {local.remote_id})")
    server = lookup.find_task(conn, task_ref)
    if server.id == local.id:
        raise Refused(f"task {local.id} is the one change #{seq} creates: name the task the server has")
    if server.account_id != account_id:
        account = local.account.name if local.account else "?"
        raise Refused(f"task {server.id} ({server.title}) is not of account {account}")
    if server.remote_id is None:
        raise Refused(f"task {server.id} ({server.title}) is not on the server yet: name a task the server has")
    conn.execute("UPDATE entry SET task_id = ? WHERE task_id = ?", (server.id, local.id))
    conn.execute("UPDATE outbox SET task_id = ? WHERE task_id = ?", (server.id, local.id))
    title = local.title if server.title == server.remote_id else server.title  # one that only spells its id
    started = max((t for t in (server.last_started_at, local.last_started_at) if t is not None), default=None)
    conn.execute("UPDATE task SET title = ?, last_started_at = ?, updated_at = ? WHERE id = ?",
                 (title, seconds(started), seconds(now), server.id))
    conn.execute("DELETE FROM task WHERE id = ?", (local.id,))
    outbox.resolve(conn, seq, f"you chose the server's task {server.remote_id} for it")
    return Used(seq, local, server._replace(title=title, last_started_at=started))
