"""Importing time into the store: read what an import plan depends on, and write the
plan — the whole import is one transaction (its tasks, entries, import keys and,
for an account, the outbox ops that push them), or nothing.

    plan = run_import(engine, parsed.entries, tz=..., now=..., account="work")
    plan = run_import(..., dry_run=True)      # the same plan; nothing written

The plan is made inside the write transaction, so what it checked (keys already
imported, overlaps) cannot change before it is written. Values go in and out as
plain records (stint.domain.imports); the ORM stays in this module.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime, tzinfo

from sqlalchemy import Engine, false, insert, select
from sqlalchemy.orm import Session

from ..domain.errors import NotFound
from ..domain.imports import MAX_ENTRY, Busy, ImportPlan, SourceEntry, StoreView, plan
from ..domain.model import INITIAL_STATUS, SYNC_LOCAL, SYNC_PENDING
from . import lookup, outbox
from .db import sqlite_connection, transaction
from .models import Entry, ImportKey, Task, running_entry
from .rows import Account, Status

CHUNK = 500
Progress = Callable[[int, int], None]


def run_import(
    engine: Engine,
    entries: Sequence[SourceEntry],
    *,
    tz: tzinfo,
    now: datetime,
    account: str | None = None,
    keep_overlaps: bool = False,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportPlan:
    """Import `entries` onto local tasks, or onto `account`'s tasks (pushed like any
    logged entry). Returns the plan that was (or, with `dry_run`, would be) carried out."""
    with transaction(engine) as s:
        target = lookup.find_account(sqlite_connection(s), account) if account else None
        made = plan(entries, store_view(s, entries, target), tz, keep_overlaps=keep_overlaps)
        if not dry_run:
            write(s, made, target, now, progress)
    return made


def store_view(s: Session, entries: Sequence[SourceEntry], account: Account | None) -> StoreView:
    if not entries:
        return StoreView()
    keys = _present(s, ImportKey.key, {e.key for e in entries})
    ids = _present(s, Entry.id, {e.entry_id for e in entries if e.entry_id})
    owner = Task.account_id.is_(None) if account is None else Task.account_id == account.id
    tasks: dict[tuple[str, str | None], int] = {}
    for task_id, title, project in s.execute(select(Task.id, Task.title, Task.project).where(owner).order_by(Task.id)):
        tasks.setdefault((title, project if account is None else None), task_id)
    lo = min(e.start for e in entries) - MAX_ENTRY
    hi = max(e.end for e in entries)
    rows = s.execute(
        select(Entry.started_at, Entry.ended_at, Entry.id, Task.title)
        .join(Task, Entry.task_id == Task.id)
        .where(Entry.deleted == false(), Entry.ended_at.is_not(None), Entry.started_at >= lo, Entry.started_at < hi)
        .order_by(Entry.started_at)
    )
    busy = [Busy(start, end, entry_id, title) for start, end, entry_id, title in rows]
    current = running_entry(s)
    running = Busy(current.started_at, None, current.id, current.task.title) if current is not None else None
    return StoreView(frozenset(keys), frozenset(ids), tasks, busy, running, match_project=account is None)


def write(s: Session, made: ImportPlan, account: Account | None, now: datetime,
          progress: Progress | None = None) -> None:
    account_id = account.id if account is not None else None
    task_ids: dict[object, int] = {}
    if made.new_tasks:
        status = _initial_status(s, account_id)
        for target in made.new_tasks:
            task = Task(account_id=account_id, title=target.title, project=target.project,
                        category=target.category, status_id=status.id, created_at=now, updated_at=now)
            s.add(task)
            s.flush()
            task_ids[target] = task.id
            if account_id is not None:
                outbox.append(s, account_id=account_id, kind="create_task", now=now, task_id=task.id,
                              payload={"title": target.title, "description": ""})
    latest: dict[int, datetime] = {}
    total, done = len(made.create), 0
    for chunk in _chunks(made.create, CHUNK):
        rows, keys = [], []
        for planned in chunk:
            entry = planned.entry
            task_id = planned.task.task_id if planned.task.task_id is not None else task_ids[planned.task]
            entry_id = entry.entry_id or str(uuid.uuid4())
            rows.append({
                "id": entry_id, "task_id": task_id, "started_at": entry.start, "ended_at": entry.end,
                "note": entry.note, "remote_id": None, "origin": "local",
                "sync": SYNC_LOCAL if account_id is None else SYNC_PENDING, "deleted": False,
                "created_at": now, "updated_at": now,
            })
            keys.append({"key": entry.key, "entry_id": entry_id, "imported_at": now})
            latest[task_id] = max(latest.get(task_id, entry.start), entry.start)
        # Core inserts (not the ORM's bulk path): plain rows, a fraction of the cost.
        s.execute(insert(Entry.__table__), rows)
        s.execute(insert(ImportKey.__table__), keys)
        if account_id is not None:
            for row in rows:
                outbox.append(s, account_id=account_id, kind="create_entry", now=now,
                              task_id=row["task_id"], entry_id=row["id"])
            s.flush()
        done += len(chunk)
        if progress is not None:
            progress(done, total)
    for task_id, started in latest.items():
        task = s.get(Task, task_id)
        if task is not None and (task.last_started_at is None or task.last_started_at < started):
            task.last_started_at = started


def _initial_status(s: Session, account_id: int | None) -> Status:
    conn = sqlite_connection(s)
    status = lookup.status_named(conn, account_id, INITIAL_STATUS)
    if status is not None:
        return status
    open_ones = [st for st in lookup.list_statuses(conn, account_id) if not st.is_done]
    if not open_ones:
        raise NotFound("this account has no statuses yet; run `stint sync` first")
    return open_ones[0]


def _present(s: Session, column, values: set[str]) -> set[str]:  # type: ignore[no-untyped-def]
    found: set[str] = set()
    ordered = sorted(values)
    for chunk in _chunks(ordered, CHUNK):
        found.update(s.scalars(select(column).where(column.in_(chunk))))
    return found


def _chunks(items: Sequence, size: int) -> Iterable[Sequence]:  # type: ignore[type-arg]
    for i in range(0, len(items), size):
        yield items[i:i + size]
