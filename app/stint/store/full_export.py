"""Everything the person has in the store, out and back in: `snapshot` reads it as a
FullExport (stint.importers.stint_export), `restore` writes one into an empty
database exactly as it was — the same task and entry ids, statuses, accounts
(never a secret: only where each one's secret lives), import keys, and the changes
still waiting for their server.

What is not the person's data stays out: sync cursors and last errors (the next
sync finds them again), changes already sent or discarded, window geometry.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from ..domain.errors import Refused
from ..importers.stint_export import (
    AccountRecord, EntryRecord, FullExport, ImportKeyRecord, OpRecord, StatusRecord, TaskRecord,
)
from .models import Account, Entry, ImportKey, Op, Status, Task
from .outbox import OPEN_STATES, OpState

EXPORTED_OPS = (*OPEN_STATES, OpState.FAILED)  # still waiting: for the server, or for the person
Progress = Callable[[int, int], None]


def snapshot(s: Session, *, settings: dict[str, Any], now: datetime, app: str) -> FullExport:
    accounts = {a.id: a for a in s.scalars(select(Account).order_by(Account.name))}
    names = {account_id: a.name for account_id, a in accounts.items()}
    statuses = list(s.scalars(select(Status)))
    status_names = {st.id: st.name for st in statuses}
    export = FullExport(now, app, settings)
    export.accounts = [AccountRecord(a.name, a.kind, a.base_url, dict(a.options or {}), a.credential, a.created_at)
                       for a in accounts.values()]
    export.statuses = sorted(
        (StatusRecord(names.get(st.account_id) if st.account_id else None, st.name, st.label, st.color,
                      st.position, bool(st.is_done), st.remote_id) for st in statuses),
        key=lambda r: (r.account is not None, r.account or "", r.position, r.name))
    tasks = s.execute(select(Task.__table__).order_by(Task.id)).mappings()
    export.tasks = [TaskRecord(
        t["id"], names.get(t["account_id"]), t["remote_id"], t["title"], t["description"],
        status_names[t["status_id"]], t["project"], t["category"], t["due_date"], t["estimated_hours"],
        t["remote_updated_at"], t["created_at"], t["updated_at"], t["last_started_at"]) for t in tasks]
    entries = s.execute(select(Entry.__table__).order_by(Entry.started_at, Entry.id)).mappings()
    export.entries = [EntryRecord(
        e["id"], e["task_id"], e["started_at"], e["ended_at"], e["note"], e["remote_id"], e["remote_started_at"],
        e["remote_ended_at"], e["origin"], e["sync"], bool(e["deleted"]), e["created_at"], e["updated_at"])
        for e in entries]
    ops = s.execute(select(Op.__table__).where(Op.state.in_(EXPORTED_OPS)).order_by(Op.seq)).mappings()
    export.outbox = [OpRecord(
        o["seq"], o["uuid"], names[o["account_id"]], o["kind"], o["task_id"], o["entry_id"], dict(o["payload"] or {}),
        o["attempts"], o["next_attempt_at"], o["last_error"], o["state"], o["created_at"], o["sent_at"])
        for o in ops]
    export.import_keys = [ImportKeyRecord(k.key, k.entry_id, k.imported_at)
                          for k in s.scalars(select(ImportKey).order_by(ImportKey.key))]
    return export


def is_empty(s: Session) -> bool:
    """True when the store holds nothing of the person's yet (a new database)."""
    return not any(s.scalar(select(func.count()).select_from(model)) for model in (Account, Task, Entry, Op, ImportKey))


def restore(s: Session, export: FullExport, progress: Progress | None = None) -> None:
    """Write `export` into the empty store `s` as it was exported."""
    if not is_empty(s):
        raise Refused("the database is not empty: a full restore needs a new one")
    account_ids: dict[str, int] = {}
    for a in export.accounts:
        row = Account(name=a.name, kind=a.kind, base_url=a.url, options=a.options, credential=a.credential,
                      state="ok", cursors={}, created_at=a.created_at)
        s.add(row)
        s.flush()
        account_ids[a.name] = row.id
    # The local statuses the new database was made with are updated in place (their
    # ids stay), others are added; those the export does not have are dropped.
    local = {st.name: st for st in s.scalars(select(Status).where(Status.account_id.is_(None)))}
    status_ids: dict[tuple[str | None, str], int] = {}
    for st in export.statuses:
        row = local.pop(st.name, None) if st.account is None else None
        if row is None:
            row = Status(account_id=account_ids[st.account] if st.account else None, name=st.name)
            s.add(row)
        row.remote_id, row.label, row.color, row.position, row.is_done = (
            st.remote_id, st.label, st.color, st.position, st.done)
        s.flush()
        status_ids[(st.account, st.name)] = row.id
    for unused in local.values():
        s.delete(unused)
    _insert(s, Task, [{
        "id": t.id, "account_id": account_ids[t.account] if t.account else None, "remote_id": t.remote_id,
        "title": t.title, "description": t.description, "status_id": status_ids[(t.account, t.status)],
        "project": t.project, "category": t.category, "due_date": t.due_date, "estimated_hours": t.estimated_hours,
        "remote_updated_at": t.remote_updated_at, "created_at": t.created_at, "updated_at": t.updated_at,
        "last_started_at": t.last_started_at} for t in export.tasks])
    total = len(export.entries)
    for start in range(0, total, 1000):
        _insert(s, Entry, [{
            "id": e.id, "task_id": e.task, "started_at": e.start, "ended_at": e.end, "note": e.note,
            "remote_id": e.remote_id, "remote_started_at": e.remote_start, "remote_ended_at": e.remote_end,
            "origin": e.origin, "sync": e.sync, "deleted": e.deleted, "created_at": e.created_at,
            "updated_at": e.updated_at} for e in export.entries[start:start + 1000]])
        if progress is not None:
            progress(min(start + 1000, total), total)
    _insert(s, Op, [{
        "seq": o.seq, "uuid": o.uuid, "account_id": account_ids[o.account], "kind": o.kind, "task_id": o.task,
        "entry_id": o.entry, "payload": o.payload, "attempts": o.attempts, "next_attempt_at": o.next_attempt_at,
        "last_error": o.last_error, "state": o.state, "created_at": o.created_at, "sent_at": o.sent_at}
        for o in export.outbox])
    _insert(s, ImportKey, [{"key": k.key, "entry_id": k.entry, "imported_at": k.imported_at}
                           for k in export.import_keys])


def _insert(s: Session, model: type, rows: list[dict[str, Any]]) -> None:
    if rows:
        s.execute(insert(model), rows)
