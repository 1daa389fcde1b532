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

from ..domain.sync_state import AccountSync, Health

if TYPE_CHECKING:
    from .database import Database
    from .rows import Task

RECENT_TASKS = 8


@dataclass(frozen=True)
class TaskLine:
    id: int
    title: str
    project: str | None


AccountLine = AccountSync  # an account's sync facts (domain/sync_state.py)


@dataclass(frozen=True)
class StoreSnapshot:
    running: TaskLine | None = None          # the running entry's task
    running_entry: str | None = None         # its entry id
    running_since: datetime | None = None    # its start, aware UTC
    recent: tuple[TaskLine, ...] = ()        # queries.recent_tasks: by latest entry, open tasks only
    accounts: tuple[AccountLine, ...] = ()   # by name
    pending_ops: int = 0
    failed_ops: int = 0
    day_start: datetime | None = None        # the local day `today_seconds` counts
    today_seconds: int = 0                   # finished time in that day (the running entry apart)

    def today_total(self, now: datetime) -> int:
        """Seconds tracked today up to `now`, the running entry's part included."""
        total = self.today_seconds
        if self.running_since is not None:
            since = self.running_since if self.day_start is None else max(self.running_since, self.day_start)
            total += max(0, int((now - since).total_seconds()))
        return total

    @property
    def last_sync(self) -> datetime | None:
        times = [a.last_sync for a in self.accounts if a.last_sync is not None]
        return max(times) if times else None

    @property
    def problems(self) -> tuple[AccountLine, ...]:
        """The accounts that do not sync: offline, server trouble, sign-in, errors."""
        fine = (Health.UP_TO_DATE, Health.WAITING, Health.NEVER)
        return tuple(a for a in self.accounts if a.health not in fine)


# Finished entries' time inside [day start, day end): an index range on ix_entry_started
# (no entry is longer than a week).
_TODAY = """
SELECT COALESCE(SUM(MIN(ended_at, :end) - MAX(started_at, :start)), 0)
FROM entry
WHERE deleted = 0 AND ended_at IS NOT NULL AND started_at < :end AND started_at >= :start - 604800
  AND ended_at > :start
"""


def read(db: "Database", *, recent: int = RECENT_TASKS,
         day: tuple[datetime, datetime] | None = None) -> StoreSnapshot:
    """Everything the tray needs, in one read transaction (one consistent view).
    `day`: today's local start and end, for today's total."""
    from . import lookup, outbox, queries
    with db.read() as conn:
        running = lookup.running_entry(conn)
        tasks = queries.recent_tasks(conn, recent)
        accounts = queries.account_syncs(conn)
        counts = outbox.counts(conn)
        today = 0
        if day is not None:
            start, end = int(day[0].timestamp()), int(day[1].timestamp())
            today = conn.execute(_TODAY, {"start": start, "end": end}).fetchone()[0]
    return StoreSnapshot(
        running=_line(running.task) if running else None,
        running_entry=running.id if running else None,
        running_since=running.started_at if running else None,
        recent=tuple(_line(t) for t in tasks),
        accounts=accounts,
        pending_ops=counts["pending"],
        failed_ops=counts["failed"],
        day_start=day[0] if day is not None else None,
        today_seconds=int(today),
    )


def _line(task: "Task") -> TaskLine:
    return TaskLine(task.id, task.title, task.project)
