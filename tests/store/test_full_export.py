"""The full export's content, and a restore into an empty database reproducing the
store exactly: ids, statuses, accounts (without their sync state), entries in every
sync state, the changes waiting for a server, and the import keys."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from stint.domain.clock import FixedClock
from stint.domain.errors import Refused
from stint.domain.imports import SourceEntry
from stint.store.actions import Tracker
from stint.store.database import open_database
from stint.store.db import open_engine, transaction
from stint.store.full_export import is_empty, restore, snapshot
from stint.store.imports import run_import
from stint.store.models import Account, Entry, Op, Status, Task
from tests.conftest import MADRID, db_snapshot

T = datetime(2026, 11, 16, 8, 0, tzinfo=timezone.utc)


def populate(engine: Engine, clock: FixedClock) -> None:
    """A store with something of everything (through the Tracker where it can be)."""
    with transaction(engine) as s:
        account = Account(name="work", kind="gipo", base_url="https://gipo.example", options={"board": "Web"},
                          credential="keyring", state="needs_signin", cursors={"tasks": "c-17"},
                          last_sync_at=T, last_error="offline", created_at=T - timedelta(days=30))
        s.add(account)
        s.flush()
        statuses = [Status(account_id=account.id, remote_id=f"st-{i}", name=name, label=label, color=None,
                           position=i, is_done=done)
                    for i, (name, label, done) in enumerate([("TO_DO", "Backlog", False),
                                                             ("IN_PROGRESS", "Doing", False),
                                                             ("DONE", "Shipped", True)])]
        s.add_all(statuses)
        s.flush()
        s.add(Task(account_id=account.id, remote_id="T-1", title="Landing page", description="The new one",
                   status_id=statuses[0].id, project="Web", category="Kestrel", due_date=date(2026, 12, 1),
                   estimated_hours=2.5, remote_updated_at=T - timedelta(days=1), created_at=T, updated_at=T))
        custom = s.scalars(select(Status).where(Status.account_id.is_(None), Status.name == "REVIEW")).one()
        custom.label, custom.color = "Waiting for review", "#123456"
    tracker = Tracker(open_database(engine.url.database), clock, MADRID)
    tracker.create_task("Local one", description="notes, with \"quotes\"", project="Ops", local=True)
    tracker.log("Local one", T, T + timedelta(hours=1), note="día uno; ✓")
    tracker.log("Landing page", T + timedelta(hours=2), T + timedelta(hours=3), note="pending push")
    synced = tracker.log("Landing page", T + timedelta(hours=4), T + timedelta(hours=5))
    gone = tracker.log("Landing page", T + timedelta(hours=6), T + timedelta(hours=7))
    with transaction(engine) as s:
        entry = s.get(Entry, synced.id)
        entry.remote_id, entry.sync = "E-9", "synced"
        entry.remote_started_at, entry.remote_ended_at = entry.started_at, entry.ended_at
        ops = list(s.scalars(select(Op).order_by(Op.seq)))
        ops[1].state = "done"
        ops[0].state, ops[0].attempts, ops[0].last_error = "failed", 2, "400: no such board"
    tracker.delete_entry(gone.id)           # kept, marked deleted, until the server confirms
    run_import(engine, [SourceEntry("watson:abc", "frame 1", "Imported", "acme", T + timedelta(days=1),
                                    T + timedelta(days=1, hours=1), "[x]")], tz=MADRID, now=T)
    clock.advance(hours=30)
    tracker.start("Local one")              # a running timer


@pytest.fixture
def full(engine: Engine, clock: FixedClock) -> Engine:
    populate(engine, clock)
    return engine


def test_the_snapshot_holds_everything_but_sync_state_and_sent_changes(full: Engine, clock: FixedClock) -> None:
    with transaction(full) as s:
        export = snapshot(s, settings={"week_start": 6}, now=clock.now(), app="stint test")
    assert [a.name for a in export.accounts] == ["work"] and export.accounts[0].credential == "keyring"
    assert [t.title for t in export.tasks] == ["Landing page", "Local one", "Imported"]
    assert [(e.note, e.sync, e.deleted, e.end is None) for e in export.entries] == [
        ("día uno; ✓", "local", False, False), ("pending push", "pending", False, False),
        ("", "synced", False, False), ("", "pending", True, False), ("[x]", "local", False, False),
        ("", "local", False, True),
    ]
    assert sorted(op.state for op in export.outbox) == ["failed", "pending", "pending"]
    assert [k.key for k in export.import_keys] == ["watson:abc"]
    assert ("work", "TO_DO", "Backlog") in [(st.account, st.name, st.label) for st in export.statuses]


def test_a_restore_reproduces_the_store(full: Engine, clock: FixedClock, home: Path, tmp_path: Path) -> None:
    with transaction(full) as s:
        export = snapshot(s, settings={}, now=clock.now(), app="stint test")
    other = open_engine(tmp_path / "other.sqlite3")
    try:
        with transaction(other) as s:
            assert is_empty(s)
            restore(s, export)
        with transaction(other) as s:
            again = snapshot(s, settings={}, now=clock.now(), app="stint test")
            account = s.scalars(select(Account)).one()
            assert (account.state, account.cursors, account.last_error) == ("ok", {}, None)
        assert again == export
        mine, theirs = db_snapshot(home / "stint.sqlite3"), db_snapshot(tmp_path / "other.sqlite3")
        for table in ("task", "entry", "status", "import_key"):
            assert theirs[table] == mine[table], table
        assert theirs["outbox"] == [op for op in mine["outbox"] if op[-3] != "done"]
    finally:
        other.dispose()


def test_a_restore_needs_an_empty_database(full: Engine, clock: FixedClock) -> None:
    with transaction(full) as s:
        export = snapshot(s, settings={}, now=clock.now(), app="stint test")
    with pytest.raises(Refused, match="not empty"), transaction(full) as s:
        assert not is_empty(s)
        restore(s, export)
