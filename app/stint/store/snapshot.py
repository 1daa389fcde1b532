"""What the idle app shows: the tray icon, its tooltip and menu, the notifier and
the idle watcher need a few rows — the running entry, the outbox counts, the
accounts' sync state and the recent tasks — read in one transaction through the
same store queries as everything else (stdlib sqlite3: the idle app never loads
SQLAlchemy).

This module imports nothing at load time but the standard library's dataclasses:
the tray imports it before its icon shows, and opens the store only on first read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .database import Database
    from .rows import Task

RECENT_TASKS = 8


@dataclass(frozen=True)
class TaskLine:
    id: int
    title: str
    project: str | None


@dataclass(frozen=True)
class AccountLine:
    name: str
    state: str               # ok | needs_signin | error
    last_error: str | None
    last_sync: datetime | None


@dataclass(frozen=True)
class StoreSnapshot:
    running: TaskLine | None = None          # the running entry's task
    running_entry: str | None = None         # its entry id
    running_since: datetime | None = None    # its start, aware UTC
    recent: tuple[TaskLine, ...] = ()        # by last start, newest first
    accounts: tuple[AccountLine, ...] = ()   # by name
    pending_ops: int = 0
    failed_ops: int = 0

    @property
    def last_sync(self) -> datetime | None:
        times = [a.last_sync for a in self.accounts if a.last_sync is not None]
        return max(times) if times else None

    @property
    def problems(self) -> tuple[AccountLine, ...]:
        return tuple(a for a in self.accounts if a.state != "ok")


def read(db: "Database", *, recent: int = RECENT_TASKS) -> StoreSnapshot:
    """Everything the tray needs, in one read transaction (one consistent view)."""
    from . import lookup, outbox, queries

    with db.read() as conn:
        running = lookup.running_entry(conn)
        tasks = queries.tasks(conn, limit=recent)
        accounts = lookup.accounts(conn)
        counts = outbox.counts(conn)
    return StoreSnapshot(
        running=_line(running.task) if running else None,
        running_entry=running.id if running else None,
        running_since=running.started_at if running else None,
        recent=tuple(_line(t) for t in tasks),
        accounts=tuple(AccountLine(a.name, a.state, a.last_error, a.last_sync_at) for a in accounts),
        pending_ops=counts["pending"],
        failed_ops=counts["failed"],
    )


def _line(task: "Task") -> TaskLine:
    return TaskLine(task.id, task.title, task.project)
