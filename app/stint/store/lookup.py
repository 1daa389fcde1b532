"""Finding tasks, entries, statuses and accounts from what a person types."""

from __future__ import annotations

from sqlalchemy import false, func, select
from sqlalchemy.orm import Session

from ..domain.errors import Ambiguous, NotFound, UsageError
from .models import Account, Entry, Status, Task

MAX_LISTED = 8


def find_task(session: Session, ref: str) -> Task:
    """A task by local id, `ACCOUNT:REMOTE_ID`, or a title fragment that matches one task
    (case-insensitive; an exact title wins over fragments)."""
    ref = ref.strip()
    if not ref:
        raise UsageError("a task reference cannot be empty")
    if ref.isdigit():
        task = session.get(Task, int(ref))
        if task is None:
            raise NotFound(f"no task with id {ref}")
        return task
    if ":" in ref:
        name, _, remote = ref.partition(":")
        account = session.scalar(select(Account).where(Account.name == name))
        if account is not None:
            task = session.scalar(select(Task).where(Task.account_id == account.id, Task.remote_id == remote))
            if task is None:
                raise NotFound(f"no task {remote} in account {name} (run `stint sync` to fetch new tasks)")
            return task
    needle = ref.casefold()
    rows = session.execute(select(Task.id, Task.title)).all()
    exact = [tid for tid, title in rows if title.casefold() == needle]
    matches = exact or [tid for tid, title in rows if needle in title.casefold()]
    if not matches:
        raise NotFound(f"no task matches {ref!r}")
    if len(matches) > 1:
        titles = {tid: title for tid, title in rows}
        shown = "; ".join(f"{tid}: {titles[tid]}" for tid in sorted(matches)[:MAX_LISTED])
        more = f" and {len(matches) - MAX_LISTED} more" if len(matches) > MAX_LISTED else ""
        raise Ambiguous(f"{len(matches)} tasks match {ref!r}: {shown}{more} — use the id")
    return session.get(Task, matches[0])  # type: ignore[return-value]


def find_entry(session: Session, ref: str) -> Entry:
    """An entry by its id or an unambiguous prefix of it (at least 4 characters)."""
    ref = ref.strip().lower()
    if len(ref) < 4:
        raise UsageError(f"an entry id needs at least 4 characters, got {ref!r}")
    found = session.scalars(
        select(Entry).where(Entry.id >= ref, Entry.id < ref + "\uffff", Entry.deleted == false()).limit(2)
    ).all()
    if not found:
        raise NotFound(f"no entry {ref!r}")
    if len(found) > 1:
        raise Ambiguous(f"several entries start with {ref!r}; give more of the id")
    return found[0]


def _squash(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def find_status(session: Session, account_id: int | None, ref: str) -> Status:
    """A status of the given account (None: local statuses) by name or label,
    ignoring case, spaces, dashes and underscores."""
    wanted = _squash(ref)
    if not wanted:
        raise UsageError("a status name cannot be empty")
    statuses = list_statuses(session, account_id)
    for status in statuses:
        if wanted in (_squash(status.name), _squash(status.label)):
            return status
    labels = ", ".join(s.label for s in statuses)  # as the person sees them, not the internal names
    raise NotFound(f"no status {ref!r} (choose from {labels})")


def list_statuses(session: Session, account_id: int | None) -> list[Status]:
    where = Status.account_id.is_(None) if account_id is None else Status.account_id == account_id
    return list(session.scalars(select(Status).where(where).order_by(Status.position, Status.id)))


def status_named(session: Session, account_id: int | None, name: str) -> Status | None:
    where = Status.account_id.is_(None) if account_id is None else Status.account_id == account_id
    return session.scalar(select(Status).where(where, func.upper(Status.name) == name.upper()))


def find_account(session: Session, name: str) -> Account:
    account = session.scalar(select(Account).where(Account.name == name))
    if account is None:
        raise NotFound(f"no account named {name!r}")
    return account


def accounts(session: Session) -> list[Account]:
    return list(session.scalars(select(Account).order_by(Account.name)))
