"""The database file: pragmas, migrations, and two processes writing at once."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import text

from stint.store.db import current_revision, open_engine
from stint.store.migrations import HEAD, alembic_config, upgrade


def test_pragmas_are_set(engine) -> None:
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() >= 5000


def test_head_constant_matches_the_migration_scripts(tmp_path: Path) -> None:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config(tmp_path / "x.sqlite3"))
    assert script.get_current_head() == HEAD


@pytest.mark.filterwarnings("ignore:Skipped unsupported reflection of expression-based index")
@pytest.mark.filterwarnings("ignore:autogenerate skipping metadata-specified expression-based index")
def test_models_match_the_migrations(engine) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from stint.store.models import Base

    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def test_new_database_is_at_head_with_local_statuses(home: Path) -> None:
    path = home / "new.sqlite3"
    open_engine(path).dispose()
    assert current_revision(path) == HEAD
    conn = sqlite3.connect(path)
    names = [r[0] for r in conn.execute("SELECT name FROM status WHERE account_id IS NULL ORDER BY position")]
    conn.close()
    assert names == ["TO_DO", "IN_PROGRESS", "REVIEW", "DONE", "CANCELLED"]


def test_database_from_the_first_migration_upgrades_without_loss(home: Path) -> None:
    path = home / "old.sqlite3"
    upgrade(path, "0001")
    conn = sqlite3.connect(path)
    with conn:
        status_id = conn.execute("SELECT id FROM status WHERE name='TO_DO'").fetchone()[0]
        conn.execute(
            "INSERT INTO task (id, title, status_id, created_at, updated_at) VALUES (7, 'Old task', ?, 1, 1)",
            (status_id,),
        )
        conn.execute(
            "INSERT INTO entry (id, task_id, started_at, ended_at, note, origin, sync, deleted, created_at, updated_at)"
            " VALUES ('0b5e0000-0000-4000-8000-000000000001', 7, 1700000000, 1700003600, 'kept', 'local', 'local', 0, 1, 1)"
        )
        conn.execute(
            "INSERT INTO entry (id, task_id, started_at, ended_at, note, origin, sync, deleted, created_at, updated_at)"
            " VALUES ('0b5e0000-0000-4000-8000-000000000002', 7, 1700007200, NULL, '', 'local', 'local', 0, 1, 1)"
        )
    conn.close()

    engine = open_engine(path)  # upgrades to head
    engine.dispose()
    assert current_revision(path) == HEAD
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT title FROM task WHERE id=7").fetchone() == ("Old task",)
    assert conn.execute("SELECT note, ended_at FROM entry ORDER BY started_at").fetchall() == [
        ("kept", 1700003600),
        ("", None),
    ]
    conn.close()


def test_at_most_one_running_entry_is_enforced_by_the_database(engine, tracker) -> None:
    tracker.create_task("A", start=True)
    with engine.connect() as conn:
        task_id = conn.execute(text("SELECT id FROM task")).scalar()
        try:
            conn.execute(text(
                "INSERT INTO entry (id, task_id, started_at, note, origin, sync, deleted, created_at, updated_at)"
                " VALUES ('x', :t, 1, '', 'local', 'local', 0, 1, 1)"
            ), {"t": task_id})
            conn.commit()
            raised = False
        except Exception as exc:  # noqa: BLE001
            raised = "UNIQUE" in str(exc)
    assert raised


WRITER = textwrap.dedent(
    """
    import sys
    from stint.domain.clock import SystemClock
    from stint.store.actions import Tracker
    from stint.store.database import open_database
    tracker = Tracker(open_database(sys.argv[1]), SystemClock())
    for i in range(int(sys.argv[3])):
        tracker.create_task(f"{sys.argv[2]} {i}", local=True)
    print("done", flush=True)
    """
)


def test_two_processes_writing_at_once_lose_nothing(home: Path) -> None:
    path = home / "shared.sqlite3"
    open_engine(path).dispose()
    procs = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(path), name, "150"],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for name in ("cli", "app")
    ]
    results = [p.communicate(timeout=120) for p in procs]
    for proc, (out, err) in zip(procs, results):
        assert proc.returncode == 0, err
        assert out.strip() == "done"
    conn = sqlite3.connect(path)
    titles = {r[0] for r in conn.execute("SELECT title FROM task")}
    conn.close()
    assert titles == {f"{n} {i}" for n in ("cli", "app") for i in range(150)}


def test_two_processes_migrating_a_new_file_at_once(home: Path) -> None:
    path = home / "race.sqlite3"
    code = "import sys; from stint.store.db import open_engine; open_engine(sys.argv[1]).dispose(); print('ok')"
    procs = [subprocess.Popen([sys.executable, "-c", code, str(path)], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for _ in range(3)]
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
    assert current_revision(path) == HEAD


def test_orm_writes_take_the_lock_at_begin_and_reads_never_do(engine, home: Path) -> None:
    from stint.store.db import read_transaction, transaction

    other = sqlite3.connect(home / "stint.sqlite3", timeout=0, isolation_level=None)
    try:
        with transaction(engine) as s:
            s.execute(text("SELECT 1"))
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
        with read_transaction(engine) as s:
            assert s.execute(text("SELECT count(*) FROM task")).scalar() == 0
            other.execute("BEGIN IMMEDIATE")  # the reader holds no write lock
            other.execute("INSERT INTO task (title, status_id, created_at, updated_at) VALUES ('w', 1, 0, 0)")
            assert s.execute(text("SELECT count(*) FROM task")).scalar() == 0  # its own snapshot
            other.execute("COMMIT")
    finally:
        other.close()
