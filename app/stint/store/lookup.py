"""Finding tasks, entries, statuses and accounts from what a person types.

Each function takes an open sqlite3 connection (inside `Database.read()` or
`write()`) and returns the plain values of `store.rows`."""

from __future__ import annotations

import sqlite3

from ..domain.errors import Ambiguous, NotFound, Refused, UsageError
from .rows import (
    ACCOUNT_COLUMNS, ENTRY_COLUMNS, ENTRY_JOINS, STATUS_COLUMNS, TASK_COLUMNS, TASK_JOINS, Account, Entry, Status,
    Task, account_of, entry_of, status_of, task_of,
)

MAX_LISTED = 8

_TASK = f"SELECT {TASK_COLUMNS} FROM task AS t {TASK_JOINS}"


def task_by_id(conn: sqlite3.Connection, task_id: int) -> Task | None:
    row = conn.execute(f"{_TASK} WHERE t.id = ?", (task_id,)).fetchone()
    return task_of(row) if row else None


def find_task(conn: sqlite3.Connection, ref: str) -> Task:
    """A task by local id, `ACCOUNT:REMOTE_ID`, or a title fragment that matches one task
    (case-insensitive; an exact title wins over fragments)."""
    ref = ref.strip()
    if not ref:
        raise UsageError("a task reference cannot be empty")
    if ref.isdigit():
        task = task_by_id(conn, int(ref))
        if task is None:
            raise NotFound(f"no task with id {ref}")
        return task
    if ":" in ref:
        name, _, remote = ref.partition(":")
        account = conn.execute("SELECT id FROM account WHERE name = ?", (name,)).fetchone()
        if account is not None:
            row = conn.execute(f"{_TASK} WHERE t.account_id = ? AND t.remote_id = ?", (account[0], remote)).fetchone()
            if row is None:
                raise NotFound(f"no task {remote} in account {name} (run `stint sync` to fetch new tasks)")
            return task_of(row)
    # Matched in Python: SQLite's lower() and LIKE fold ASCII only ("Revisión").
    needle = ref.casefold()
    rows = conn.execute("SELECT id, title FROM task").fetchall()
    exact = [tid for tid, title in rows if title.casefold() == needle]
    matches = exact or [tid for tid, title in rows if needle in title.casefold()]
    if not matches:
        raise NotFound(f"no task matches {ref!r}")
    if len(matches) > 1:
        titles = dict(rows)
        shown = "; ".join(f"{tid}: {titles[tid]}" for tid in sorted(matches)[:MAX_LISTED])
        more = f" and {len(matches) - MAX_LISTED} more" if len(matches) > MAX_LISTED else ""
        raise Ambiguous(f"{len(matches)} tasks match {ref!r}: {shown}{more} — use the id")
    return task_by_id(conn, matches[0])  # type: ignore[return-value]


def find_entry(conn: sqlite3.Connection, ref: str) -> Entry:
    """A live entry by its id or an unambiguous prefix of it (at least 4 characters)."""
    ref = ref.strip().lower()
    if len(ref) < 4:
        raise UsageError(f"an entry id needs at least 4 characters, got {ref!r}")
    found = conn.execute(
        f"SELECT {ENTRY_COLUMNS} FROM entry AS e {ENTRY_JOINS}"
        " WHERE e.id >= ? AND e.id < ? AND e.deleted = 0 LIMIT 2", (ref, ref + "\uffff"),
    ).fetchall()
    if not found:
        raise NotFound(f"no entry {ref!r}")
    if len(found) > 1:
        raise Ambiguous(f"several entries start with {ref!r}; give more of the id")
    return entry_of(found[0])


def _squash(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def find_status(conn: sqlite3.Connection, account_id: int | None, ref: str) -> Status:
    """A status of the given account (None: local statuses) by name or label,
    ignoring case, spaces, dashes and underscores."""
    wanted = _squash(ref)
    if not wanted:
        raise UsageError("a status name cannot be empty")
    statuses = list_statuses(conn, account_id)
    for status in statuses:
        if wanted in (_squash(status.name), _squash(status.label)):
            return status
    labels = ", ".join(s.label for s in statuses)  # as the person sees them, not the internal names
    raise NotFound(f"no status {ref!r} (choose from {labels})")


def list_statuses(conn: sqlite3.Connection, account_id: int | None) -> list[Status]:
    rows = conn.execute(
        f"SELECT {STATUS_COLUMNS} FROM status AS s WHERE s.account_id IS ? ORDER BY s.position, s.id", (account_id,)
    )
    return [status_of(row) for row in rows]


def status_named(conn: sqlite3.Connection, account_id: int | None, name: str) -> Status | None:
    row = conn.execute(
        f"SELECT {STATUS_COLUMNS} FROM status AS s WHERE s.account_id IS ? AND upper(s.name) = ?",
        (account_id, name.upper()),
    ).fetchone()
    return status_of(row) if row else None


def find_account(conn: sqlite3.Connection, name: str) -> Account:
    row = conn.execute(f"SELECT {ACCOUNT_COLUMNS} FROM account AS a WHERE a.name = ?", (name,)).fetchone()
    if row is None:
        raise NotFound(f"no account named {name!r}")
    return account_of(row)


def accounts(conn: sqlite3.Connection) -> list[Account]:
    return [account_of(row) for row in conn.execute(f"SELECT {ACCOUNT_COLUMNS} FROM account AS a ORDER BY a.name")]


# Worded exactly as the partial index uq_entry_running (`deleted = 0`, not
# `deleted IS 0`), or SQLite scans every entry instead of using it.
_RUNNING = f"SELECT {ENTRY_COLUMNS} FROM entry AS e {ENTRY_JOINS} WHERE e.ended_at IS NULL AND e.deleted = 0"


def running_entry(conn: sqlite3.Connection) -> Entry | None:
    """The running timer, if any (at most one: the database enforces it)."""
    row = conn.execute(_RUNNING).fetchone()
    return entry_of(row) if row else None


def last_task(conn: sqlite3.Connection, *, besides: int | None) -> Task:
    """The task tracked most recently, other than task `besides` (the running one's)."""
    row = conn.execute(f"{_TASK} WHERE t.last_started_at IS NOT NULL AND t.id IS NOT ?"
                       " ORDER BY t.last_started_at DESC, t.id DESC LIMIT 1", (besides,)).fetchone()
    if row is None:
        raise Refused("no earlier task to start again; start one with `stint start TASK`")
    return task_of(row)
