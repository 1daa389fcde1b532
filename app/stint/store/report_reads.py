"""What reports read from the store, in plain SQL on a DB-API sqlite3 connection.

Kept in one place and free of the ORM: a month's report over a large database is
thousands of rows, and these functions move unchanged to any sqlite3 connection.
Instants are stored as Unix seconds (see models.UTCSeconds).
"""

from __future__ import annotations

import sqlite3
from datetime import datetime, timezone

from ..domain.model import SYNC_FAILED, SYNC_LOCAL_ONLY
from ..domain.timesheet import Span
from ..domain.tracking import MAX_ENTRY

_COLUMNS = """
    SELECT e.id, e.task_id, t.title, t.project, e.started_at, e.ended_at, e.sync, e.note, a.name
    FROM entry e JOIN task t ON t.id = e.task_id LEFT JOIN account a ON a.id = t.account_id
"""
# A finished entry is shorter than MAX_ENTRY, which keeps the first half an index range
# on ix_entry_started; the running entry (which may be older) comes from the partial index.
# The unary + keeps SQLite from reading it through ix_entry_started instead: `started_at
# < :end` alone would be a range over every entry before the period's end.
_SPANS = f"""
    {_COLUMNS} WHERE e.deleted = 0 AND e.started_at < :end AND e.started_at >= :earliest AND e.ended_at > :start
    UNION ALL
    {_COLUMNS} WHERE e.ended_at IS NULL AND e.deleted = 0 AND +e.started_at < :end
"""
_FLAGGED = (SYNC_LOCAL_ONLY, SYNC_FAILED)


def report_spans(conn: sqlite3.Connection, start: datetime, end: datetime) -> list[Span]:
    """Live entries overlapping [start, end), with what the detailed report shows."""
    params = {"start": _seconds(start), "end": _seconds(end), "earliest": _seconds(start - MAX_ENTRY)}
    return [
        Span(task_key=task_id, task=title, project=project, start=_utc(started), end=_utc(ended) if ended else None,
             flag=sync if sync in _FLAGGED else None, entry_id=entry_id, note=note or "", account=account,
             sync=sync)
        for entry_id, task_id, title, project, started, ended, sync, note, account in conn.execute(_SPANS, params)
    ]


def project_names(conn: sqlite3.Connection) -> list[str]:
    """Every project a task names, for checking a report's --project."""
    rows = conn.execute("SELECT DISTINCT project FROM task WHERE project IS NOT NULL AND project != ''")
    return sorted((name for (name,) in rows), key=str.casefold)


def account_names(conn: sqlite3.Connection) -> list[str]:
    return [name for (name,) in conn.execute("SELECT name FROM account ORDER BY name")]


def _seconds(moment: datetime) -> int:
    return int(moment.timestamp())


def _utc(seconds: int) -> datetime:
    return datetime.fromtimestamp(seconds, timezone.utc)
