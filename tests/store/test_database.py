"""The stdlib sqlite3 layer: pragmas, writes that take the lock at BEGIN, reads that
never wait for it, one connection per thread, and migration on open."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from stint.store.database import BUSY_TIMEOUT_MS, Database, current_revision, open_database
from stint.store.migrations import HEAD


def test_pragmas_are_set(db) -> None:
    conn = db.connection()
    assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    assert conn.execute("PRAGMA foreign_keys").fetchone() == (1,)
    assert conn.execute("PRAGMA busy_timeout").fetchone() == (BUSY_TIMEOUT_MS,)
    assert conn.execute("PRAGMA synchronous").fetchone() == (1,)  # NORMAL


def test_a_write_commits_or_rolls_back_as_a_whole(db) -> None:
    with db.write() as conn:
        conn.execute("INSERT INTO task (title, status_id, created_at, updated_at) VALUES ('kept', 1, 0, 0)")
    with pytest.raises(ZeroDivisionError):
        with db.write() as conn:
            conn.execute("INSERT INTO task (title, status_id, created_at, updated_at) VALUES ('gone', 1, 0, 0)")
            1 / 0  # noqa: B018
    with db.read() as conn:
        assert conn.execute("SELECT title FROM task").fetchall() == [("kept",)]


def test_a_write_holds_the_lock_from_begin(db, home: Path) -> None:
    """Another connection cannot even start a write while ours is open (BEGIN
    IMMEDIATE), so whatever our transaction read is still true at its commit."""
    other = sqlite3.connect(home / "stint.sqlite3", timeout=0, isolation_level=None)
    with db.write():
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("BEGIN IMMEDIATE")
    other.execute("BEGIN IMMEDIATE")
    other.execute("ROLLBACK")
    other.close()


def test_a_read_never_waits_for_a_writer(db, home: Path) -> None:
    writer = sqlite3.connect(home / "stint.sqlite3", timeout=0, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("INSERT INTO task (title, status_id, created_at, updated_at) VALUES ('uncommitted', 1, 0, 0)")
    try:
        with db.read() as conn:  # would raise "database is locked" if it waited (timeout 0 above)
            assert conn.execute("SELECT count(*) FROM task").fetchone() == (0,)
    finally:
        writer.execute("ROLLBACK")
        writer.close()


def test_a_read_is_one_snapshot(db, home: Path) -> None:
    writer = sqlite3.connect(home / "stint.sqlite3", isolation_level=None)
    with db.read() as conn:
        assert conn.execute("SELECT count(*) FROM task").fetchone() == (0,)
        writer.execute("INSERT INTO task (title, status_id, created_at, updated_at) VALUES ('later', 1, 0, 0)")
        assert conn.execute("SELECT count(*) FROM task").fetchone() == (0,)
    with db.read() as conn:
        assert conn.execute("SELECT count(*) FROM task").fetchone() == (1,)
    writer.close()


def test_nested_transactions_join_the_outer_one(db) -> None:
    with pytest.raises(KeyError):
        with db.write() as outer:
            with db.read() as inner:
                assert inner is outer
            with db.write() as inner:
                inner.execute("INSERT INTO task (title, status_id, created_at, updated_at) VALUES ('x', 1, 0, 0)")
            raise KeyError("the outer one fails")
    with db.read() as conn:
        assert conn.execute("SELECT count(*) FROM task").fetchone() == (0,)
    with pytest.raises(RuntimeError, match="read transaction"):
        with db.read():
            with db.write():
                pass


def test_each_thread_has_its_own_connection(db) -> None:
    seen: list[sqlite3.Connection] = []
    thread = threading.Thread(target=lambda: seen.append(db.connection()))
    thread.start()
    thread.join()
    assert seen and seen[0] is not db.connection()
    assert db.connection() is db.connection()


def test_open_database_migrates_a_new_file(tmp_path: Path) -> None:
    path = tmp_path / "new" / "stint.sqlite3"
    db = open_database(path)
    try:
        assert current_revision(path) == HEAD
        with db.read() as conn:
            assert conn.execute("SELECT count(*) FROM status WHERE account_id IS NULL").fetchone() == (5,)
    finally:
        db.close()


def test_close_closes_every_connection(db) -> None:
    conn = db.connection()
    db.close()
    with pytest.raises(sqlite3.ProgrammingError):
        conn.execute("SELECT 1")
    with db.read() as fresh:  # usable again: a new connection
        assert fresh.execute("SELECT 1").fetchone() == (1,)


def test_repr_names_the_file(tmp_path: Path) -> None:
    assert "x.sqlite3" in repr(Database(tmp_path / "x.sqlite3"))
