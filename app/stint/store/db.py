"""The store through SQLAlchemy, for the sync engine, account set-up and migrations
(user actions and the app's reads use stdlib sqlite3: store.database).

The same rule as store.database: a write transaction begins IMMEDIATE, so two
processes (the app's sync and a CLI command) that write at once queue on the busy
timeout instead of failing with "database is locked" when a reader tries to become
a writer; a read transaction begins deferred and, in WAL mode, never waits for a
writer. Every sync step writes, so `transaction` is the default; `read_transaction`
is for code that only looks.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session

from . import backup, faults, integrity
from .database import BUSY_TIMEOUT_MS, current_revision, pragmas
from .migrations import HEAD, upgrade

__all__ = ["BUSY_TIMEOUT_MS", "current_revision", "open_engine", "read_transaction", "transaction"]

_READ = "stint_read"  # execution option: this connection's transaction only reads


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
        for pragma in pragmas(busy_timeout_ms):
            cur.execute(pragma)
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: object) -> None:
        reads = conn.get_execution_options().get(_READ, False)  # type: ignore[attr-defined]
        conn.exec_driver_sql("BEGIN" if reads else "BEGIN IMMEDIATE")  # type: ignore[attr-defined]


@contextmanager
def transaction(engine: Engine) -> Iterator[Session]:
    """One unit of work that writes: BEGIN IMMEDIATE, committed on success, rolled
    back on any exception."""
    with Session(engine, expire_on_commit=False) as session, session.begin():
        yield session


def sqlite_connection(session: Session) -> sqlite3.Connection:
    """The DB-API connection under `session`: the same transaction, for the plain
    sqlite3 helpers (store.lookup) in code that writes through the ORM."""
    return session.connection().connection.driver_connection  # type: ignore[return-value]


@contextmanager
def read_transaction(engine: Engine) -> Iterator[Session]:
    """A consistent snapshot for reading (BEGIN deferred): never waits for a writer.
    Writing through it fails at the first write if another writer holds the lock."""
    with Session(engine.execution_options(**{_READ: True}), expire_on_commit=False) as session, session.begin():
        yield session
