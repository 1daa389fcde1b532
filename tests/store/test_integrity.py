"""A damaged database is noticed at open instead of written into; an empty file is
not taken for a new database; a new one never appears empty."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from stint.store import integrity
from stint.store.db import open_engine
from stint.store.faults import DatabaseDamaged
from stint.store.migrations import HEAD
from stint.store.database import current_revision


def damage(path: Path) -> None:
    """Overwrite the middle of the file (table and index pages), keeping the header:
    what a failing disk or a bad copy leaves."""
    size = path.stat().st_size
    with open(path, "r+b") as handle:
        handle.seek(4096)
        handle.write(b"\xde\xad\xbe\xef" * ((size - 8192) // 4))


def fill(path: Path, tasks: int = 300) -> None:
    """A store with enough tasks for their table to span many pages."""
    open_engine(path).dispose()
    conn = sqlite3.connect(path)
    with conn:
        conn.executemany("INSERT INTO task (title, status_id, created_at, updated_at) VALUES (?, 1, 1, 1)",
                         [(f"Task number {i} with a longer title to fill pages",) for i in range(tasks)])
    conn.close()
    settle(path)


def settle(path: Path) -> None:
    """Fold the -wal into the main file, as the last connection to close does."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def test_an_empty_file_is_refused_not_taken_for_a_new_database(home: Path, cli) -> None:
    path = home / "stint.sqlite3"
    path.write_bytes(b"")
    result = cli("tasks")
    assert result.code == 1
    assert result.err == (f"stint: the database {path} is damaged (the file is empty: 0 bytes); "
                          "run `stint doctor`, and `stint restore` a backup\n")
    assert path.stat().st_size == 0  # nothing was written into it
    with pytest.raises(DatabaseDamaged):
        open_engine(path)


def test_a_file_that_is_not_a_database_is_refused(home: Path, cli) -> None:
    path = home / "stint.sqlite3"
    path.write_text("week,hours\nW47,38\n")
    result = cli("new", "Anything", "--local")
    assert result.code == 1 and result.out == ""
    assert result.err.count("\n") == 1 and "it is not an SQLite database" in result.err
    assert path.read_text() == "week,hours\nW47,38\n"


def test_damage_met_by_a_command_is_one_line_pointing_at_doctor_and_restore(home: Path, cli) -> None:
    path = home / "stint.sqlite3"
    fill(path)
    damage(path)
    result = cli("tasks")
    assert result.code == 1 and result.out == ""
    assert result.err.startswith(f"stint: the database {path} is damaged (")
    assert result.err.endswith("run `stint doctor`, and `stint restore` a backup\n")
    assert result.err.count("\n") == 1 and "SELECT" not in result.err


def test_quick_check_finds_damage_that_the_header_check_does_not(home: Path) -> None:
    path = home / "stint.sqlite3"
    fill(path)
    assert integrity.quick_check(path) == []
    damage(path)
    integrity.check_header(path)  # still looks like a database
    with pytest.raises(DatabaseDamaged) as raised:
        integrity.assert_sound(path)
    assert raised.value.database == path


def test_a_new_database_is_created_private_and_never_empty(home: Path) -> None:
    path = home / "stint.sqlite3"
    integrity.prepare(path)
    assert path.stat().st_size > 0
    integrity.check_header(path)
    assert current_revision(path) is None  # created, not yet migrated: the next open migrates it
    open_engine(path).dispose()
    assert current_revision(path) == HEAD
    assert not [p for p in home.iterdir() if p.name.endswith(".new")]  # no temporary file left


def test_processes_creating_the_database_at_once_share_one(home: Path) -> None:
    path = home / "race.sqlite3"
    code = ("import sys; from stint.store.db import open_engine, transaction; from sqlalchemy import text\n"
            "e = open_engine(sys.argv[1])\n"
            "with transaction(e) as s: s.execute(text(\"INSERT INTO task (title, status_id, created_at, updated_at)"
            " VALUES (:t, 1, 1, 1)\"), {'t': sys.argv[2]})\n"
            "e.dispose()")
    procs = [subprocess.Popen([sys.executable, "-c", code, str(path), f"from {i}"], stderr=subprocess.PIPE, text=True)
             for i in range(2)]
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
    conn = sqlite3.connect(path)
    titles = sorted(r[0] for r in conn.execute("SELECT title FROM task"))
    conn.close()
    assert titles == [f"from {i}" for i in range(2)]  # no process's database replaced another's
