"""The store's SQLite file through the standard library's sqlite3: what every user
action and every non-sync read goes through (the CLI, the app's hand-off, the GUI).

    db = open_database(path)        # migrates first when the schema is not at HEAD
    with db.write() as conn: ...    # BEGIN IMMEDIATE … COMMIT (ROLLBACK on error)
    with db.read() as conn: ...     # BEGIN … COMMIT: one consistent snapshot

A write takes the write lock at BEGIN, so two processes writing at once queue on the
busy timeout instead of failing with "database is locked" when a reader tries to
become a writer. A read begins deferred: in WAL mode it never waits for a writer, so
a window refresh never queues behind a sync or a CLI command.

Each thread gets its own connection (the app's GUI thread and its workers never
share one). A read or write opened inside another on the same thread joins it.

Opening goes through store.integrity (a file that is not a database is refused, a
new one is created private) and a storage error in a transaction comes out as
store.faults' one-line StorageFault, as on the SQLAlchemy side (store.db).
SQLAlchemy and Alembic stay out of this module: they are imported only to migrate an
old schema (store.migrations) and by the sync engine and account set-up (store.db).
"""

from __future__ import annotations

import os
import sqlite3
import threading
from pathlib import Path
from types import TracebackType

from . import integrity
from .faults import BUSY_TIMEOUT_MS, translate, translating

__all__ = ["BUSY_TIMEOUT_MS", "Database", "connect", "current_revision", "open_database", "pragmas"]


def pragmas(busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> tuple[str, ...]:
    """Set on every connection, whoever opens it (store.db applies them to SQLAlchemy's)."""
    return (
        "PRAGMA journal_mode=WAL",
        "PRAGMA foreign_keys=ON",
        f"PRAGMA busy_timeout={busy_timeout_ms}",
        "PRAGMA synchronous=NORMAL",
    )


class _Connection(sqlite3.Connection):
    """A connection that knows which of our transactions it is in (weak-referable, too)."""

    mode: str | None = None  # "read" | "write" while one of ours is open


class Transaction:
    """`with`-block for one transaction on this thread's connection."""

    __slots__ = ("_db", "_conn", "_mode", "_outer")

    def __init__(self, db: Database, conn: _Connection, mode: str) -> None:
        self._db, self._conn, self._mode, self._outer = db, conn, mode, False

    def __enter__(self) -> sqlite3.Connection:
        conn = self._conn
        if conn.mode is not None:
            if self._mode == "write" and conn.mode == "read":
                raise RuntimeError("a write cannot join a read transaction")
            return conn  # joins the transaction already open on this thread
        try:
            conn.execute("BEGIN IMMEDIATE" if self._mode == "write" else "BEGIN")
        except sqlite3.Error as exc:
            raise self._db.fault(exc) from None
        conn.mode, self._outer = self._mode, True
        return conn

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 tb: TracebackType | None) -> None:
        if not self._outer:
            return
        conn = self._conn
        try:
            if kind is None:
                try:
                    conn.execute("COMMIT")
                except sqlite3.Error as exc:
                    if conn.in_transaction:
                        conn.execute("ROLLBACK")
                    raise self._db.fault(exc) from None
            elif conn.in_transaction:
                conn.execute("ROLLBACK")
        finally:
            conn.mode = None
        if isinstance(value, sqlite3.Error):
            raise self._db.fault(value) from None  # the disk, the file: one line (store.faults)


class Database:
    """The SQLite file at `path` (which must hold the current schema: see
    `open_database`), one connection per thread."""

    def __init__(self, path: Path | str, *, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> None:
        self.path = Path(path)
        self.busy_timeout_ms = busy_timeout_ms
        self._local = threading.local()
        self._lock = threading.Lock()
        self._open: list[_Connection] = []

    def connection(self) -> sqlite3.Connection:
        """This thread's connection, opened on first use."""
        return self._connection()

    def _connection(self) -> _Connection:
        conn: _Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            try:
                conn = connect(self.path, self.busy_timeout_ms)
            except sqlite3.Error as exc:
                raise self.fault(exc) from None
            self._local.conn = conn
            with self._lock:
                self._open.append(conn)
        return conn

    def write(self) -> Transaction:
        """BEGIN IMMEDIATE … COMMIT: holds the write lock from the start, so what
        the transaction reads (the clock included) is still true when it commits."""
        return Transaction(self, self._connection(), "write")

    def read(self) -> Transaction:
        """BEGIN … COMMIT: a consistent snapshot that never waits for the write lock."""
        return Transaction(self, self._connection(), "read")

    def fault(self, exc: BaseException) -> BaseException:
        """`exc` as the StorageFault it means (a full disk, a locked or damaged file),
        or itself when it is not one (a constraint the code relies on, a bug)."""
        return translate(exc, self.path, busy_timeout_ms=self.busy_timeout_ms) or exc

    def close(self) -> None:
        """Close every connection this Database opened (the app at exit, tests)."""
        with self._lock:
            conns, self._open = self._open, []
        for conn in conns:
            conn.close()
        self._local = threading.local()

    def __repr__(self) -> str:
        return f"Database({str(self.path)!r})"


def connect(path: Path | str, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> _Connection:
    """A connection with the store's pragmas, in autocommit mode: we issue BEGIN."""
    conn = sqlite3.connect(
        os.fspath(path), timeout=busy_timeout_ms / 1000, isolation_level=None,
        check_same_thread=False,  # Database.close() may run on another thread than the owner
        factory=_Connection,
    )
    try:
        for pragma in pragmas(busy_timeout_ms):
            conn.execute(pragma)
    except BaseException:
        conn.close()  # a read-only or full disk refuses WAL: the file must not stay open
        raise
    return conn  # type: ignore[return-value]


def open_database(path: Path | str, *, migrate: bool = True, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> Database:
    """The store at `path`: refused if the file is not a database, created private if
    missing (store.integrity), and upgraded to the current schema — after a backup —
    when it is not at HEAD (only then are Alembic and SQLAlchemy imported)."""
    path = Path(path)
    integrity.prepare(path)
    db = Database(path, busy_timeout_ms=busy_timeout_ms)
    if migrate:
        from .migrations import HEAD

        with translating(path):
            revision = _revision(db.connection())
            if revision != HEAD:
                db.close()
                from .backup import before_migration
                from .migrations import upgrade

                if revision is not None:
                    before_migration(path, revision)
                upgrade(path)
    return db


def current_revision(path: Path | str) -> str | None:
    """The schema revision of the file at `path` (None: no file, or no schema yet),
    read without loading Alembic."""
    path = Path(path)
    if not path.exists():
        return None
    conn = sqlite3.connect(os.fspath(path), timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        return _revision(conn)
    finally:
        conn.close()


def _revision(conn: sqlite3.Connection) -> str | None:
    try:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.OperationalError as exc:
        if "no such table" in str(exc):
            return None
        raise
    return row[0] if row else None
