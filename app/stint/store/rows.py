"""What readers get from the store: plain immutable values, shaped like the ORM
models (`task.status.label`, `task.account.name`, `entry.task.title`) so consumers
do not care which layer read them.

Each type has the SQL columns it is read from and a builder; instants are stored
as whole Unix seconds and come back as aware UTC datetimes. NamedTuples rather than
frozen dataclasses: a hot command makes these classes at import and a week's
listing makes thousands of instances, and NamedTuples cost a fraction of either.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import date, datetime, timezone
from typing import Any, NamedTuple

_UTC = timezone.utc


def utc(seconds: int | None) -> datetime | None:
    return None if seconds is None else datetime.fromtimestamp(seconds, _UTC)


def seconds(moment: datetime | None) -> int | None:
    """An aware datetime as the integer Unix seconds the columns hold."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        raise ValueError("naive datetime given to a UTC column")
    return int(moment.timestamp())


class Account(NamedTuple):
    id: int
    name: str
    kind: str
    base_url: str
    state: str                   # ok | needs_signin | error
    last_error: str | None
    last_sync_at: datetime | None


class Status(NamedTuple):
    id: int
    account_id: int | None
    remote_id: str | None
    name: str
    label: str
    color: str | None
    position: int
    is_done: bool


class Task(NamedTuple):
    id: int
    account_id: int | None
    remote_id: str | None
    title: str
    description: str | None
    project: str | None
    category: str | None
    due_date: date | None
    estimated_hours: float | None
    last_started_at: datetime | None
    status: Status
    account: Account | None

    @property
    def status_id(self) -> int:
        return self.status.id


class Entry(NamedTuple):
    id: str
    task: Task
    started_at: datetime
    ended_at: datetime | None  # None: the running timer
    note: str
    remote_id: str | None
    origin: str                # local | remote
    sync: str                  # see domain.model SYNC_*
    deleted: bool

    @property
    def task_id(self) -> int:
        return self.task.id


class StartResult(NamedTuple):
    """What the Tracker's start gives back (here, beside the rows it holds)."""

    entry: Entry
    task: Task
    stopped: Entry | None  # the timer this start stopped (deleted: it lasted under a second)
    already_running: bool = False


class StatusChange(NamedTuple):
    """What the Tracker's set_status gives back."""

    task: Task
    stopped: Entry | None  # the task's timer, stopped because the status is done or cancelled


class Op(NamedTuple):
    seq: int
    uuid: str
    account_id: int
    kind: str
    task_id: int | None
    entry_id: str | None
    payload: dict[str, Any]
    attempts: int
    next_attempt_at: datetime | None
    last_error: str | None
    state: str
    created_at: datetime
    sent_at: datetime | None


# -- reading them ---------------------------------------------------------------

ACCOUNT_COLUMNS = "a.id, a.name, a.kind, a.base_url, a.state, a.last_error, a.last_sync_at"
STATUS_COLUMNS = "s.id, s.account_id, s.remote_id, s.name, s.label, s.color, s.position, s.is_done"
TASK_COLUMNS = (
    "t.id, t.account_id, t.remote_id, t.title, t.description, t.project, t.category, t.due_date, "
    f"t.estimated_hours, t.last_started_at, {STATUS_COLUMNS}, {ACCOUNT_COLUMNS}"
)
# `FROM task AS t` with its status and account.
TASK_JOINS = "JOIN status AS s ON s.id = t.status_id LEFT JOIN account AS a ON a.id = t.account_id"
ENTRY_COLUMNS = f"e.id, e.started_at, e.ended_at, e.note, e.remote_id, e.origin, e.sync, e.deleted, {TASK_COLUMNS}"
# `FROM entry AS e` with its task.
ENTRY_JOINS = f"JOIN task AS t ON t.id = e.task_id {TASK_JOINS}"
OP_COLUMNS = ("o.seq, o.uuid, o.account_id, o.kind, o.task_id, o.entry_id, o.payload, o.attempts, "
              "o.next_attempt_at, o.last_error, o.state, o.created_at, o.sent_at")

_N_ACCOUNT = 7
_N_STATUS = 8
_N_TASK = 10 + _N_STATUS + _N_ACCOUNT


def account_of(row: Sequence[Any], at: int = 0) -> Account:
    id_, name, kind, base_url, state, last_error, last_sync = row[at:at + _N_ACCOUNT]
    return Account(id_, name, kind, base_url, state, last_error, utc(last_sync))


def status_of(row: Sequence[Any], at: int = 0) -> Status:
    id_, account_id, remote_id, name, label, color, position, is_done = row[at:at + _N_STATUS]
    return Status(id_, account_id, remote_id, name, label, color, position, bool(is_done))


def task_of(row: Sequence[Any], at: int = 0) -> Task:
    (id_, account_id, remote_id, title, description, project, category, due, hours,
     last_started) = row[at:at + 10]
    account = account_of(row, at + 10 + _N_STATUS) if row[at + 10 + _N_STATUS] is not None else None
    return Task(id_, account_id, remote_id, title, description, project, category,
                date.fromisoformat(due) if due else None, hours, utc(last_started),
                status_of(row, at + 10), account)


class EntryReader:
    """Builds entries from ENTRY_COLUMNS rows, each task once (a week's listing has
    thousands of entries on a few dozen tasks)."""

    def __init__(self) -> None:
        self._tasks: dict[int, Task] = {}

    def __call__(self, row: Sequence[Any]) -> Entry:
        task = self._tasks.get(row[8])
        if task is None:
            task = self._tasks[row[8]] = task_of(row, 8)
        id_, started, ended, note, remote_id, origin, sync, deleted = row[:8]
        return Entry(id_, task, utc(started), utc(ended), note, remote_id, origin, sync,  # type: ignore[arg-type]
                     bool(deleted))


def entry_of(row: Sequence[Any]) -> Entry:
    return EntryReader()(row)


def op_of(row: Sequence[Any]) -> Op:
    import json

    (seq, uuid, account_id, kind, task_id, entry_id, payload, attempts, next_at, error, state,
     created, sent) = row
    return Op(seq, uuid, account_id, kind, task_id, entry_id, json.loads(payload) if payload else {},
              attempts, utc(next_at), error, state, utc(created), utc(sent))  # type: ignore[arg-type]


def one(conn: sqlite3.Connection, sql: str, params: Sequence[Any] = ()) -> tuple[Any, ...] | None:
    row: tuple[Any, ...] | None = conn.execute(sql, params).fetchone()
    return row
