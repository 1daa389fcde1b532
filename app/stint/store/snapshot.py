"""What the idle app shows, read with the standard library's sqlite3 only.

The tray icon, its tooltip and menu, the notifier and the idle watcher need a few
rows: the running entry, the outbox counts, the accounts' sync state and the recent
tasks. Reading them through SQLAlchemy would keep its ~45 MB in the process of an
app that mostly sits in the tray, so they are read here with plain SQL, on a
read-only connection with the store's busy timeout. The results are those of the ORM
queries (`queries.overview`, `queries.tasks(limit=...)`, `lookup.accounts`); a test
compares them.

No SQLAlchemy, Alembic or Qt here: `stint.store.db` re-exports `current_revision`
and `BUSY_TIMEOUT_MS` from this module.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite3

BUSY_TIMEOUT_MS = 15_000
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


def _utc(seconds: int | None) -> datetime | None:
    return None if seconds is None else datetime.fromtimestamp(seconds, timezone.utc)


def connect_readonly(path: Path | str) -> sqlite3.Connection:
    """A read-only connection to the store at `path` (which must exist)."""
    import sqlite3  # here: the tray imports this module before its icon shows

    uri = Path(path).resolve().as_uri() + "?mode=ro"
    conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    return conn


# Worded as the partial index uq_entry_running (`deleted = 0`), as actions.running_query.
_RUNNING = """
SELECT e.id, e.started_at, t.id, t.title, t.project
FROM entry AS e JOIN task AS t ON t.id = e.task_id JOIN status AS s ON s.id = t.status_id
WHERE e.ended_at IS NULL AND e.deleted = 0
LIMIT 1
"""
_RECENT = """
SELECT t.id, t.title, t.project
FROM task AS t JOIN status AS s ON s.id = t.status_id
ORDER BY t.last_started_at DESC NULLS LAST, t.id DESC
LIMIT ?
"""
_ACCOUNTS = "SELECT name, state, last_error, last_sync_at FROM account ORDER BY name"


def read(path: Path | str, *, recent: int = RECENT_TASKS) -> StoreSnapshot:
    """Everything the tray needs, in one read transaction (one consistent view)."""
    from . import outbox  # stdlib only, but not needed before the tray's icon shows

    conn = connect_readonly(path)
    try:
        conn.execute("BEGIN")
        running = conn.execute(_RUNNING).fetchone()
        tasks = tuple(TaskLine(*row) for row in conn.execute(_RECENT, (recent,)))
        accounts = tuple(AccountLine(name, state, error, _utc(last))
                         for name, state, error, last in conn.execute(_ACCOUNTS))
        ops = outbox.counts(conn)
        conn.execute("COMMIT")
    finally:
        conn.close()
    return StoreSnapshot(
        running=TaskLine(running[2], running[3], running[4]) if running else None,
        running_entry=running[0] if running else None,
        running_since=_utc(running[1]) if running else None,
        recent=tasks,
        accounts=accounts,
        pending_ops=ops["pending"],
        failed_ops=ops["failed"],
    )


def current_revision(path: Path) -> str | None:
    """The schema revision of the file at `path`, read without loading Alembic."""
    import sqlite3

    path = Path(path)
    if not path.exists():
        return None
    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.OperationalError as exc:
        if "no such table" in str(exc):
            return None
        raise  # unreadable (read-only folder, busy, ...): not a reason to migrate
    finally:
        conn.close()
    return row[0] if row else None
