"""stint.store.snapshot (stdlib sqlite3, through store.lookup/queries/outbox) reads
what the ORM models say is there."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from sqlalchemy import false, func, select, update

from stint.domain.clock import FixedClock
from stint.store import snapshot
from stint.store.db import transaction
from stint.store.models import Account, Entry, Op, Task


def _orm_view(engine: Any) -> snapshot.StoreSnapshot:
    """The same figures through the ORM models."""
    with transaction(engine) as s:
        running = s.scalar(select(Entry).where(Entry.ended_at.is_(None), Entry.deleted == false()))
        recent = s.scalars(select(Task).order_by(Task.last_started_at.desc().nulls_last(), Task.id.desc())
                           .limit(snapshot.RECENT_TASKS))
        by_state = dict(s.execute(select(Op.state, func.count()).group_by(Op.state)).all())
        return snapshot.StoreSnapshot(
            running=snapshot.TaskLine(running.task.id, running.task.title, running.task.project) if running else None,
            running_entry=running.id if running else None,
            running_since=running.started_at if running else None,
            recent=tuple(snapshot.TaskLine(t.id, t.title, t.project) for t in recent),
            accounts=tuple(
                snapshot.AccountLine(a.name, a.state, a.last_error,
                                     a.last_sync_at.astimezone(timezone.utc) if a.last_sync_at else None)
                for a in s.scalars(select(Account).order_by(Account.name))),
            pending_ops=by_state.get("pending", 0) + by_state.get("in_flight", 0),
            failed_ops=by_state.get("failed", 0),
        )


def _add_account(engine: Any, name: str, state: str = "ok", error: str | None = None,
                 last_sync: datetime | None = None) -> None:
    from tests.ui.app_fixtures import add_account

    account_id = add_account(engine, name, state, error)
    if last_sync is not None:
        with transaction(engine) as s:
            s.execute(update(Account).where(Account.id == account_id).values(last_sync_at=last_sync))


def test_empty_store(engine: Any, db: Any) -> None:
    got = snapshot.read(db)
    assert got == snapshot.StoreSnapshot()
    assert got == _orm_view(engine)


def test_matches_the_orm_models(engine: Any, db: Any, tracker: Any, clock: FixedClock) -> None:
    _add_account(engine, "zeta", "error", "HTTP 500", last_sync=datetime(2026, 11, 20, 8, 0, tzinfo=timezone.utc))
    _add_account(engine, "alpha", "needs_signin")
    _add_account(engine, "Beta", last_sync=datetime(2026, 11, 22, 17, 30, tzinfo=timezone.utc))
    # 12 tasks: more than the menu shows; some never started (NULL last start, sorted
    # last, by id descending), some started in an order that is not their id's.
    ids = []
    for i in range(12):
        task = tracker.create_task(f"Task {i} & more", project="Gamma" if i % 3 == 0 else None,
                                   account="alpha" if i % 4 == 0 else None, local=i % 4 != 0)
        ids.append(task.id)
    for tid in (ids[5], ids[2], ids[9], ids[0], ids[5]):
        clock.advance(minutes=7)
        tracker.start(str(tid))
    clock.advance(minutes=3)
    tracker.stop()
    assert snapshot.read(db) == _orm_view(engine)

    clock.advance(minutes=1)
    tracker.start(str(ids[4]))  # running, on an account task: a pending op more
    with transaction(engine) as s:
        s.execute(update(Op).where(Op.seq.in_([1, 2])).values(state="failed", last_error="no"))
        s.execute(update(Op).where(Op.seq == 3).values(state="in_flight"))
        s.execute(update(Op).where(Op.seq == 4).values(state="done"))
    got = snapshot.read(db)
    assert got == _orm_view(engine)
    assert got.running is not None and got.running.id == ids[4]
    assert got.running_since == clock.now()
    assert got.failed_ops == 2 and got.pending_ops > 0
    assert [a.name for a in got.accounts] == ["Beta", "alpha", "zeta"]  # SQLite's BINARY collation
    assert len(got.recent) == snapshot.RECENT_TASKS and got.recent[0].id == ids[4]


def test_reads_while_a_writer_holds_the_database(engine: Any, db: Any, tracker: Any) -> None:
    tracker.create_task("Writing", local=True)
    with transaction(engine) as s:  # BEGIN IMMEDIATE: a write lock, uncommitted
        s.execute(update(Account).values(state="ok"))
        got = snapshot.read(db)  # WAL: the reader is not blocked
    assert [t.title for t in got.recent] == ["Writing"]


def test_imports_neither_sqlalchemy_nor_qt(engine: Any, home: Path) -> None:
    code = ("import sys; from stint.store import snapshot; from stint.store.database import open_database; "
            f"snapshot.read(open_database({str(home / 'stint.sqlite3')!r})); "
            "bad = [m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'alembic', 'PySide6')]; "
            "print(bad); sys.exit(1 if bad else 0)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
