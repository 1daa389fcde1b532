"""Writing an import: one transaction (tasks, entries, import keys and, for an
account, the outbox ops that push them), checked against what is stored — and
pushed to a server like any logged entry."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import func, select

from stint.backends.kinds import SignIn
from stint.domain.clock import FixedClock
from stint.domain.imports import SourceEntry
from stint.domain.model import SYNC_PENDING, SYNC_SYNCED
from stint.store.db import transaction
from stint.store.imports import run_import
from stint.store.models import Entry, ImportKey, Op, Task
from tests.conftest import MADRID, db_snapshot
from tests.fakes.gipo import FakeGipo, parse
from tests.sync.kinds import T0, KindWorld, make

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)


def source(key: str, hours: float, length: float = 1, title: str = "Write", project: str | None = "Acme",
           note: str = "") -> SourceEntry:
    start = datetime(2026, 3, 2, 8, 0, tzinfo=timezone.utc) + timedelta(hours=hours)
    return SourceEntry(key, f"line {key}", title, project, start, start + timedelta(hours=length), note)


def test_entries_tasks_and_keys_are_written_together(engine, tracker) -> None:
    existing = tracker.create_task("Write", project="Acme")
    made = run_import(engine, [source("a", 0, note="first"), source("b", 2), source("c", 4, title="Review")],
                      tz=MADRID, now=NOW)
    assert [t.title for t in made.new_tasks] == ["Review"]
    with transaction(engine) as s:
        rows = s.execute(select(Task.title, Entry.note, Entry.sync, Entry.origin).join(Entry.task)
                         .order_by(Entry.started_at)).all()
        keys = dict(s.execute(select(ImportKey.key, ImportKey.entry_id)).all())
        write = s.get(Task, existing.id)
        assert s.scalar(select(func.count()).select_from(Op)) == 0
        assert set(keys.values()) == set(s.scalars(select(Entry.id)))
    assert rows == [("Write", "first", "local", "local"), ("Write", "", "local", "local"),
                    ("Review", "", "local", "local")]
    assert sorted(keys) == ["a", "b", "c"]
    assert write.last_started_at == source("b", 2).start   # the task's latest time, for "recent tasks"


def test_a_second_run_adds_nothing_even_after_an_entry_was_deleted(engine, tracker) -> None:
    entries = [source("a", 0), source("b", 2)]
    run_import(engine, entries, tz=MADRID, now=NOW)
    with transaction(engine) as s:
        first = s.scalars(select(Entry.id).order_by(Entry.started_at)).first()
    tracker.delete_entry(first)
    again = run_import(engine, entries, tz=MADRID, now=NOW)
    assert not again.create and again.count("imported") == 2


def test_a_dry_run_writes_nothing(engine, home: Path) -> None:
    before = db_snapshot(home / "stint.sqlite3")
    made = run_import(engine, [source("a", 0)], tz=MADRID, now=NOW, dry_run=True)
    assert len(made.create) == 1
    assert db_snapshot(home / "stint.sqlite3") == before


def test_an_interrupted_import_leaves_nothing_behind(engine, home: Path) -> None:
    before = db_snapshot(home / "stint.sqlite3")
    many = [source(str(i), i * 2) for i in range(1200)]

    def interrupt(done: int, total: int) -> None:
        if done >= 500:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_import(engine, many, tz=MADRID, now=NOW, progress=interrupt)
    assert db_snapshot(home / "stint.sqlite3") == before


def test_overlaps_with_existing_entries_are_kept_only_when_asked(engine, tracker) -> None:
    tracker.create_task("Existing")
    tracker.log("Existing", source("x", 0).start, source("x", 0).end)
    skipped = run_import(engine, [source("a", 0.5)], tz=MADRID, now=NOW)
    assert skipped.count("overlap") == 1 and not skipped.create
    kept = run_import(engine, [source("a", 0.5)], tz=MADRID, now=NOW, keep_overlaps=True)
    assert len(kept.create) == 1


@pytest.fixture
def gipo(tmp_path: Path) -> Iterator[tuple[KindWorld, FakeGipo]]:
    clock = FixedClock(T0)
    fake = FakeGipo(clock=clock)
    board = fake.add_board("Web")
    fake.add_task(board, "Landing page")
    world = make(tmp_path, clock, fake.transport())
    world.accounts.add("gp", "gipo", fake.base_url, SignIn(token=fake.key))
    yield world, fake
    world.accounts.close()


def test_an_accounts_import_is_pushed_like_logged_entries(gipo: tuple[KindWorld, FakeGipo]) -> None:
    world, fake = gipo
    entries = [source("a", 0, title="Landing page", note="copy"), source("b", 2, title="Landing page"),
               source("c", 4, title="Pricing table", project=None)]
    made = run_import(world.engine, entries, tz=MADRID, now=T0, account="gp")
    assert [(t.title, t.task_id is None) for t in made.new_tasks] == [("Pricing table", True)]
    assert [(op.kind, op.state) for op in world.ops()] == [("create_task", "pending")] + [
        ("create_entry", "pending")] * 3
    assert {e.sync for e in world.entries()} == {SYNC_PENDING}

    report = world.run()
    assert report.ok and not report.failed, report.lines()
    titles = {t.id: t.fields["title"] for t in fake.things["task"].values()}
    pushed = sorted((titles[e.fields["taskId"]], parse(e.fields["startedAt"]), parse(e.fields["endedAt"]))
                    for e in fake.things["entry"].values())
    assert pushed == [(e.title, e.start, e.end) for e in entries]
    assert {e.sync for e in world.entries()} == {SYNC_SYNCED}
    again = run_import(world.engine, entries, tz=MADRID, now=T0, account="gp")
    assert not again.create and len(world.ops()) == 4


WORKER = textwrap.dedent(
    """
    import sys
    from datetime import datetime, timedelta, timezone
    from zoneinfo import ZoneInfo
    from stint.domain.imports import SourceEntry
    from stint.store.db import open_engine
    from stint.store.imports import run_import
    engine = open_engine(sys.argv[1])
    base = datetime(2026, 1, 1, tzinfo=timezone.utc)
    i = 0
    while True:
        batch = []
        for j in range(3):
            start = base + timedelta(hours=1000 * int(sys.argv[2]) + 3 * i + j)
            batch.append(SourceEntry(f"{sys.argv[2]}-{i}-{j}", "x", f"Task {i % 5}", None, start,
                                     start + timedelta(minutes=50)))
        run_import(engine, batch, tz=ZoneInfo("UTC"), now=base, account="work")
        print(f"imported {i}", flush=True)
        i += 1
    """
)


@pytest.mark.skipif(sys.platform == "win32", reason="needs SIGKILL")
def test_kill_9_during_imports_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    from tests.store.test_crash import make_db

    path = tmp_path / "stint.sqlite3"
    make_db(path)
    acked = 0
    for run in range(3):
        proc = subprocess.Popen([sys.executable, "-c", WORKER, str(path), str(run)],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert proc.stdout is not None
        for _ in range(4 + run):
            line = proc.stdout.readline()
            assert line.startswith("imported"), proc.stderr.read() if proc.stderr else line
            acked += 1
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    conn = sqlite3.connect(path)
    try:
        entries = conn.execute("SELECT COUNT(*) FROM entry").fetchone()[0]
        keys = conn.execute("SELECT COUNT(*) FROM import_key WHERE entry_id IN (SELECT id FROM entry)").fetchone()[0]
        creates = conn.execute("SELECT COUNT(DISTINCT entry_id), COUNT(*) FROM outbox WHERE kind = 'create_entry'"
                               ).fetchone()
        orphans = conn.execute("SELECT COUNT(*) FROM entry WHERE id NOT IN "
                               "(SELECT entry_id FROM outbox WHERE kind = 'create_entry')").fetchone()[0]
        tasks = conn.execute("SELECT COUNT(*), COUNT(DISTINCT title) FROM task").fetchone()
        task_ops = conn.execute("SELECT COUNT(*) FROM outbox WHERE kind = 'create_task'").fetchone()[0]
    finally:
        conn.close()
    assert entries % 3 == 0 and entries >= 3 * acked       # whole imports only, none acknowledged lost
    assert keys == entries and creates == (entries, entries) and orphans == 0
    assert tasks[0] == tasks[1] == task_ops <= 5            # each task made once, with its op
