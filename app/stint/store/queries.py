"""Read-side queries shared by the CLI, the app and the timesheet."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import false, select
from sqlalchemy.orm import Session

from . import lookup, outbox
from .actions import MAX_ENTRY, running_entry
from .models import Entry, Status, Task


def tasks(
    s: Session,
    *,
    status: str | None = None,
    pending: bool = False,
    search: str | None = None,
    limit: int | None = None,
) -> list[Task]:
    query = select(Task).join(Task.status)
    if pending:
        query = query.where(Status.is_done.is_(False))
    if status:
        wanted = {st.id for st in _statuses_matching(s, status)}
        query = query.where(Task.status_id.in_(wanted))
    query = query.order_by(Task.last_started_at.desc().nulls_last(), Task.id.desc())
    if not search:
        return list(s.scalars(query.limit(limit) if limit else query).unique())
    # Matched in Python: SQLite's lower() and LIKE fold ASCII only ("Revisión").
    needle = search.casefold()
    found = [t for t in s.scalars(query).unique()
             if needle in t.title.casefold() or needle in (t.project or "").casefold()]
    return found[:limit] if limit else found


def _statuses_matching(s: Session, ref: str) -> list[Status]:
    """Statuses called `ref` in any account (the local set included)."""
    matched = []
    account_ids = [None] + [a.id for a in lookup.accounts(s)]
    for account_id in account_ids:
        try:
            matched.append(lookup.find_status(s, account_id, ref))
        except Exception:  # noqa: BLE001 - a status missing from one account is fine
            continue
    if not matched:
        lookup.find_status(s, None, ref)  # raises NotFound naming the choices
    return matched


def entries_between(s: Session, start: datetime, end: datetime) -> list[Entry]:
    """Live entries that overlap [start, end), oldest first. Uses the started_at index:
    a finished entry is shorter than a week, so it cannot start more than 7 days before
    `start`; the running one (which may be older) is fetched on its own."""

    found = {}
    running = running_entry(s)
    if running is not None and running.started_at < end:
        found[running.id] = running
    query = (
        select(Entry)
        .where(
            Entry.deleted == false(),
            Entry.started_at < end,
            Entry.started_at >= start - MAX_ENTRY,
        )
        .order_by(Entry.started_at)
    )
    for e in s.scalars(query):
        if e.ended_at is None or e.ended_at > start:
            found[e.id] = e
    return sorted(found.values(), key=lambda e: e.started_at)


@dataclass(frozen=True)
class Overview:
    running: Entry | None
    pending_ops: int
    failed_ops: int
    accounts: list[dict[str, object]]


def overview(s: Session) -> Overview:
    counts = outbox.counts(s)
    accounts = []
    for account in lookup.accounts(s):
        per = outbox.counts(s, account.id)
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
    return Overview(running_entry(s), counts["pending"], counts["failed"], accounts)
