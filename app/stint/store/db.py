"""Opening the database: SQLite pragmas, write locking, and migrations on start.

Every transaction begins with BEGIN IMMEDIATE, so two processes (the app and the CLI)
that write at once queue on the busy timeout instead of failing with "database is
locked" when a reader tries to become a writer. WAL keeps readers unblocked.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session

from . import backup, faults, integrity
from .migrations import HEAD, upgrade
from .snapshot import BUSY_TIMEOUT_MS, current_revision

__all__ = ["BUSY_TIMEOUT_MS", "current_revision", "open_engine", "transaction"]


def open_engine(path: Path | str, *, migrate: bool = True, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> Engine:
    """An engine on the SQLite file at `path`, upgraded to the current schema (after a
    backup: store.backup). A file that is not a database is refused
    (store.integrity), and the storage's errors come out as one-line StorageFaults
    (store.faults)."""
    path = Path(path)
    integrity.prepare(path)
    with faults.translating(path):
        revision = current_revision(path)
        if migrate and revision != HEAD:
            if revision is not None:
                backup.before_migration(path, revision)
            upgrade(path)
    engine = create_engine(
        f"sqlite:///{path}",
        connect_args={"timeout": busy_timeout_ms / 1000, "check_same_thread": False},
    )
    _configure(engine, busy_timeout_ms)
    faults.install(engine, path, busy_timeout_ms)
    return engine


def _configure(engine: Engine, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: object) -> None:
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={busy_timeout_ms}")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: object) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")  # type: ignore[attr-defined]


@contextmanager
def transaction(engine: Engine) -> Iterator[Session]:
    """One unit of work: committed on success, rolled back on any exception."""
    with Session(engine, expire_on_commit=False) as session, session.begin():
        yield session
