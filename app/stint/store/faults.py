"""Storage faults — the disk, the file system or the database file refusing — told
in one line that says what is wrong and where. Never SQL text, never a traceback:
these are the person's environment, not bugs.

    StorageFault (StintError)   exit 1 in the CLI, a visible message in the app
    └── DatabaseDamaged         the file is not, or no longer, a sound SQLite database

`translate(exc, database)` maps an sqlite3 error (bare, or wrapped by SQLAlchemy as
`exc.orig`) or an OSError about storage to a StorageFault, and anything else — a
constraint the code relies on, a bug — to None, so it is left as it was.
`install(engine, database)` does that at the engine's border (SQLAlchemy's
handle_error event), so the CLI, the app's actions and the sync engine all get a
StorageFault. `translating(database)` is the same for stdlib sqlite3 code.

A write that fails this way is rolled back by SQLite, so "nothing was saved" is true
of every message here that says it.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..domain.errors import StintError

# The store's busy timeout: every connection waits this long for another writer's lock
# (store.database and store.db set it; a lock held longer is a StorageFault here).
BUSY_TIMEOUT_MS = 15_000
# SQLite's primary result codes (the low byte of an extended code).
SQLITE_PERM, SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY = 3, 5, 6, 8
SQLITE_IOERR, SQLITE_CORRUPT, SQLITE_FULL, SQLITE_CANTOPEN = 10, 11, 13, 14
SQLITE_NOLFS, SQLITE_NOTADB = 22, 26
_FULL_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}
_DENIED_ERRNOS = {errno.EACCES, errno.EPERM}
RECOVER_HINT = "run `stint doctor`, and `stint restore` a backup"


class StorageFault(StintError):
    """The storage refused: a full disk, a read-only folder, a busy or damaged file."""


class DatabaseDamaged(StorageFault):
    def __init__(self, database: Path | str, problem: str) -> None:
        self.database = Path(database)
        self.problem = problem
        super().__init__(f"the database {database} is damaged ({problem}); {RECOVER_HINT}")


def translate(exc: BaseException, database: Path | str | None, *,
              busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> StorageFault | None:
    """`exc` as a StorageFault about `database` (or the file an OSError names), or
    None when it is not a storage fault."""
    if isinstance(exc, StorageFault):
        return exc
    orig = getattr(exc, "orig", None)  # SQLAlchemy's DBAPIError wraps the driver's error
    if isinstance(orig, sqlite3.Error):
        exc = orig
    if isinstance(exc, sqlite3.Error) and database is not None:
        return _from_sqlite(exc, Path(database), busy_timeout_ms)
    if isinstance(exc, OSError) and not isinstance(exc, (ConnectionError, TimeoutError)):
        return _from_oserror(exc)
    return None


@contextmanager
def translating(database: Path | str) -> Iterator[None]:
    """Raise a StorageFault for a storage error in the block (from stdlib sqlite3, or
    from code that goes through SQLAlchemy without an engine of ours, like Alembic)."""
    try:
        yield
    except Exception as exc:
        fault = translate(exc, database)
        if fault is None:
            raise
        raise fault from None


def install(engine: Any, database: Path | str, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> None:
    """Make `engine` raise StorageFault instead of the driver's storage errors."""
    from sqlalchemy import event

    @event.listens_for(engine, "handle_error")
    def _on_error(context: Any) -> None:
        fault = translate(context.original_exception, database, busy_timeout_ms=busy_timeout_ms)
        if fault is not None:
            raise fault from None


def _from_sqlite(exc: sqlite3.Error, database: Path, busy_timeout_ms: int) -> StorageFault | None:
    code = getattr(exc, "sqlite_errorcode", None)
    if code is None:  # Python < 3.11, or an error SQLite did not raise
        return None
    code &= 0xFF
    if code == SQLITE_FULL or (code == SQLITE_IOERR and _disk_full(database)):
        return _full(database)
    if code in (SQLITE_CORRUPT, SQLITE_NOTADB):
        return DatabaseDamaged(database, str(exc))
    if code in (SQLITE_BUSY, SQLITE_LOCKED):
        return StorageFault(f"the database {database} is busy: another program has kept it locked for over "
                            f"{busy_timeout_ms / 1000:g} s (nothing was saved; try again)")
    if code in (SQLITE_READONLY, SQLITE_PERM):
        return StorageFault(f"cannot write {database}: {_why_not_writable(database)} (nothing was saved)")
    if code == SQLITE_CANTOPEN:
        return StorageFault(f"cannot open the database {database}: {_why_not_writable(database)}")
    if code == SQLITE_IOERR:
        why = _why_not_writable(database, default="")
        if why:
            return StorageFault(f"cannot write {database}: {why} (nothing was saved)")
        return StorageFault(f"input/output error on {database}: the disk may be failing "
                            f"(nothing was saved; {RECOVER_HINT} if it persists)")
    if code == SQLITE_NOLFS:
        return StorageFault(f"cannot write {database}: the file system cannot hold a file this large")
    return None


def _from_oserror(exc: OSError) -> StorageFault | None:
    where = exc.filename
    if where is None:
        return None
    if exc.errno in _FULL_ERRNOS:
        return _full(Path(where))
    if exc.errno == errno.EROFS:
        return StorageFault(f"cannot write {where}: the file system is read-only")
    if exc.errno in _DENIED_ERRNOS:
        return StorageFault(f"cannot write {where}: permission denied")
    if exc.errno == errno.EIO:
        return StorageFault(f"input/output error on {where}: the disk may be failing")
    return None


def _full(path: Path) -> StorageFault:
    return StorageFault(f"the disk is full: cannot write {path} (nothing was saved; free some space and try again)")


def _disk_full(path: Path) -> bool:
    """SQLite reports ENOSPC while creating its -shm file as a plain I/O error."""
    try:
        return os.statvfs(_existing(path)).f_bavail == 0
    except (OSError, AttributeError):  # statvfs: POSIX only
        return False


def _why_not_writable(path: Path, default: str = "it is read-only") -> str:
    folder = _existing(path.parent)
    try:
        if os.statvfs(folder).f_flag & os.ST_RDONLY:
            return "the file system is read-only"
    except (OSError, AttributeError):
        pass
    if not folder.is_dir():
        return f"{folder} is not a folder"
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        return "permission denied"
    return default


def _existing(path: Path) -> Path:
    """`path`, or its nearest existing parent."""
    while not path.exists() and path.parent != path:
        path = path.parent
    return path
