"""Read-side queries shared by the CLI and the app, on a sqlite3 connection (inside
`Database.read()`), returning the plain values of store.rows. What reports read is in
store/report_reads.py."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from typing import TYPE_CHECKING, NamedTuple

from ..domain.tracking import MAX_ENTRY
from . import lookup, outbox
from .rows import (
    ENTRY_COLUMNS, ENTRY_JOINS, OP_COLUMNS, TASK_COLUMNS, TASK_JOINS, Entry, EntryReader, Op, Task, op_of, seconds,
    task_of,
)

if TYPE_CHECKING:
    from ..domain.sync_state import AccountSync

_WEEK = int(MAX_ENTRY.total_seconds())
# Most recently started first; never started last, newest first.
TASK_ORDER = "ORDER BY t.last_started_at DESC NULLS LAST, t.id DESC"


def tasks(
    conn: sqlite3.Connection,
    *,
    status: str | None = None,
    pending: bool = False,
    search: str | None = None,
    limit: int | None = None,
) -> list[Task]:
    where, params = [], []
    if pending:
        where.append("s.is_done = 0")
    if status:
        wanted = sorted({st.id for st in _statuses_matching(conn, status)})
        where.append(f"t.status_id IN ({', '.join('?' * len(wanted))})")
        params += wanted
    sql = f"SELECT {TASK_COLUMNS} FROM task AS t {TASK_JOINS}"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " " + TASK_ORDER
    if limit and not search:
        sql += f" LIMIT {int(limit)}"
    found = [task_of(row) for row in conn.execute(sql, params)]
    if not search:
        return found
    # Matched in Python: SQLite's lower() and LIKE fold ASCII only ("Revisión").
    needle = search.casefold()
    found = [t for t in found if needle in t.title.casefold() or needle in (t.project or "").casefold()]
    return found[:limit] if limit else found


def projects(conn: sqlite3.Connection) -> list[str]:
    """Every project a task names, local or from a server, each once, in alphabetical
    order (case ignored)."""
    names = {name for (name,) in conn.execute("SELECT DISTINCT project FROM task WHERE project IS NOT NULL")
             if name.strip()}
    return sorted(names, key=lambda name: (name.casefold(), name))


# Open tasks by their latest live entry, newest first: read down ix_entry_started and
# stopped once enough tasks are seen (a busy year's entries are never all read).
_BY_LATEST_ENTRY = """
SELECT e.task_id FROM entry AS e JOIN task AS t ON t.id = e.task_id JOIN status AS s ON s.id = t.status_id
WHERE e.deleted = 0 AND s.is_done = 0
ORDER BY e.started_at DESC
"""
# Open tasks with no live entry, newest first (a task just made, not tracked yet).
_UNTRACKED = (f"SELECT {TASK_COLUMNS} FROM task AS t {TASK_JOINS} WHERE s.is_done = 0"
              " AND NOT EXISTS (SELECT 1 FROM entry AS e WHERE e.task_id = t.id AND e.deleted = 0)"
              " ORDER BY t.id DESC LIMIT ?")


def recent_tasks(conn: sqlite3.Connection, limit: int) -> list[Task]:
    """The tasks of the latest entries, however they were made (the timer, the Day
    view, `stint log`, a server's pull), newest first, without done or cancelled
    tasks; with fewer than `limit` of them, open tasks never tracked follow, newest
    first, so a task just made can be started from the tray."""
    ids: list[int] = []
    for (task_id,) in conn.execute(_BY_LATEST_ENTRY):
        if task_id not in ids:
            ids.append(task_id)
            if len(ids) == limit:
                break
    found = {t.id: t for t in (lookup.task_by_id(conn, tid) for tid in ids) if t is not None}
    recent = [found[tid] for tid in ids]
    if len(recent) < limit:
        recent += [task_of(row) for row in conn.execute(_UNTRACKED, (limit - len(recent),))]
    return recent


def _statuses_matching(conn: sqlite3.Connection, ref: str) -> list:  # type: ignore[type-arg]
    """Statuses called `ref` in any account (the local set included)."""
    from ..domain.errors import NotFound

    matched = []
    account_ids = [None] + [a.id for a in lookup.accounts(conn)]
    for account_id in account_ids:
        try:
            matched.append(lookup.find_status(conn, account_id, ref))
        except NotFound:  # a status missing from one account is fine
            continue
    if not matched:
        lookup.find_status(conn, None, ref)  # raises NotFound naming the choices
    return matched


# Live entries overlapping [start, end): a finished entry is shorter than a week, so
# it cannot start more than 7 days before `start` — an index range on ix_entry_started;
# the running one (which may be older) is read through uq_entry_running. The unary +
# keeps SQLite from reading it through ix_entry_started instead: `started_at < end`
# alone would be a range over every entry before the week's end.
_FINISHED = (f"SELECT {ENTRY_COLUMNS} FROM entry AS e {ENTRY_JOINS}"
             " WHERE e.deleted = 0 AND e.started_at < ? AND e.started_at >= ? AND e.ended_at > ?")
_RUNNING = (f"SELECT {ENTRY_COLUMNS} FROM entry AS e {ENTRY_JOINS}"
            " WHERE e.ended_at IS NULL AND e.deleted = 0 AND +e.started_at < ?")


def entries_between(conn: sqlite3.Connection, start: datetime, end: datetime) -> list[Entry]:
    """Live entries that overlap [start, end), oldest first."""
    begin, until = seconds(start), seconds(end)
    assert begin is not None and until is not None
    read = EntryReader()
    rows = conn.execute(_FINISHED, (until, begin - _WEEK, begin)).fetchall()
    rows += conn.execute(_RUNNING, (until,)).fetchall()
    return sorted((read(row) for row in rows), key=lambda e: e.started_at)


def failed_ops(conn: sqlite3.Connection) -> list[Op]:
    """The changes a server refused, oldest first (waiting for the person's retry or discard)."""
    return [op_of(row) for row in conn.execute(
        f"SELECT {OP_COLUMNS} FROM outbox AS o WHERE o.state = ? ORDER BY o.seq", (outbox.OpState.FAILED,))]


_ACCOUNT_SYNC = "SELECT id, name, state, last_error, last_sync_at, next_sync_at, credential FROM account ORDER BY name"


def account_syncs(conn: sqlite3.Connection) -> "tuple[AccountSync, ...]":
    """Each account's sync facts, by name: what domain/sync_state words the same way
    for the tray, the status line and `stint status`."""
    from ..domain.sync_state import AccountSync  # here: only `stint status` with accounts needs it
    from .rows import utc

    return tuple(
        AccountSync(name, state, error, utc(last), utc(next_try), credential, pending=per["pending"],
                    failed=per["failed"])
        for aid, name, state, error, last, next_try, credential in conn.execute(_ACCOUNT_SYNC).fetchall()
        for per in [outbox.counts(conn, aid)])


class Overview(NamedTuple):
    running: Entry | None
    pending_ops: int
    failed_ops: int
    accounts: list[dict[str, object]]


def overview(conn: sqlite3.Connection) -> Overview:
    counts = outbox.counts(conn)
    accounts = []
    for account in lookup.accounts(conn):
        per = outbox.counts(conn, account.id)
        accounts.append(
            {
                "name": account.name,
                "kind": account.kind,
                "url": account.base_url,
                "state": account.state,
                "last_sync": account.last_sync_at.isoformat() if account.last_sync_at else None,
                "last_error": account.last_error,
                "pending_ops": per["pending"],
                "failed_ops": per["failed"],
            }
        )
    return Overview(lookup.running_entry(conn), counts["pending"], counts["failed"], accounts)
