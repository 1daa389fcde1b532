"""Is the database file sound? Checked at three costs.

- Every open (`prepare`, microseconds): the folder is private, a missing database is
  created private and never empty, and an existing file must start with SQLite's
  header — a 0-byte file or another kind of file is refused (DatabaseDamaged) instead
  of being taken for a new, empty store. Its -wal/-shm/-journal are made 0600.
- At app start and for each backup (`quick_check`, about 0.5 s per million entries:
  it reads the whole file): SQLite's PRAGMA quick_check.
- `stint doctor` and `stint restore` (`integrity_check`, ~15 times slower): the full
  PRAGMA integrity_check, which also checks every index against its table.

Between these, any statement that meets damage fails with SQLITE_CORRUPT or
SQLITE_NOTADB, which `faults` turns into DatabaseDamaged: one line pointing at
`stint doctor` and `stint restore`.

Standard library only: the CLI's every command runs `prepare`.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from .. import private
from ..domain.errors import Refused
from .faults import BUSY_TIMEOUT_MS, DatabaseDamaged, translating

SQLITE_HEADER = b"SQLite format 3\x00"
# PRAGMA application_id of a database Stint made ("STNT"); older ones have 0.
APPLICATION_ID = 0x53544E54
COMPANIONS = ("-wal", "-shm", "-journal", ".migrate-lock")
# The tables every Stint schema revision has.
STINT_TABLES = frozenset({"account", "status", "task", "entry", "outbox", "alembic_version"})


def prepare(database: Path) -> None:
    """Get `database` ready to open: raise DatabaseDamaged if it is not a database,
    create it (0600) if it does not exist, and tighten what an older Stint left."""
    private.private_dir(database.parent)
    check_header(database)
    if not database.exists():
        create(database)
    for path in (database, *(database.with_name(database.name + s) for s in COMPANIONS)):
        private.tighten(path)


def check_header(database: Path) -> None:
    """Raise DatabaseDamaged unless `database` is missing or starts like a database."""
    try:
        with open(database, "rb") as handle:
            head = handle.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        return
    except IsADirectoryError:
        raise DatabaseDamaged(database, "it is a folder, not a file") from None
    if head == SQLITE_HEADER:
        return
    if not head and _wal_size(database) == 0:
        # SQLite would take an empty file for a new database: Stint never leaves one
        # (see `create`), so something emptied it.
        raise DatabaseDamaged(database, "the file is empty: 0 bytes")
    if head:
        raise DatabaseDamaged(database, "it is not an SQLite database")


def create(database: Path) -> None:
    """A new database at `database`, made 0600 beside it and linked into place, so
    that no one — another Stint starting at the same moment, a crash half-way — ever
    sees an empty file there. If another process got there first, theirs is kept."""
    tmp = database.with_name(f".{database.name}.{os.getpid()}.{os.urandom(4).hex()}.new")
    try:
        private.create_file(tmp)
    except OSError as exc:  # a read-only or full folder: name the database, not tmp
        raise OSError(exc.errno, exc.strerror, str(database)) from exc
    try:
        conn = sqlite3.connect(tmp)
        try:
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")  # writes page 1
            conn.commit()
        finally:
            conn.close()
        _link_no_clobber(tmp, database)
    finally:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass


def _link_no_clobber(src: Path, dst: Path) -> None:
    try:
        os.link(src, dst)
    except FileExistsError:
        pass  # another process created it first: use theirs
    except OSError:  # no hard links here (some Windows and network file systems)
        if os.name == "nt":
            try:
                os.rename(src, dst)  # which on Windows never replaces a file
            except FileExistsError:
                pass
        elif not dst.exists():
            os.rename(src, dst)


def _wal_size(database: Path) -> int:
    try:
        return database.with_name(database.name + "-wal").stat().st_size
    except OSError:
        return 0


def quick_check(database: Path) -> list[str]:
    """SQLite's quick_check of `database`: [] when sound, else its findings. Raises
    DatabaseDamaged when the file cannot even be read as a database."""
    return _check(database, "quick_check")


def integrity_check(database: Path) -> list[str]:
    """The full integrity_check (indexes too): [] when sound, else its findings."""
    return _check(database, "integrity_check")


def _check(database: Path, pragma: str) -> list[str]:
    """[] for a missing file too (nothing is created to check it)."""
    check_header(database)
    if not database.exists():
        return []
    with translating(database):
        conn = sqlite3.connect(f"{database.resolve().as_uri()}?mode=rw", uri=True,
                               timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        try:
            rows = [str(r[0]) for r in conn.execute(f"PRAGMA {pragma}")]
        finally:
            conn.close()
    return [] if rows == ["ok"] else rows


def assert_sound(database: Path, *, full: bool = False) -> None:
    """Raise DatabaseDamaged unless `database` passes quick_check (or with `full`,
    integrity_check)."""
    problems = integrity_check(database) if full else quick_check(database)
    if problems:
        more = f" and {len(problems) - 1} more problems" if len(problems) > 1 else ""
        raise DatabaseDamaged(database, f"{problems[0]}{more}")


def schema_revision(database: Path) -> str:
    """The schema revision of a file that must be a Stint database; Refused (naming
    what is missing) when it is some other database."""
    with translating(database):
        conn = sqlite3.connect(f"{database.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            missing = STINT_TABLES - tables
            row = None if missing else conn.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            conn.close()
    if missing:
        raise Refused(f"{database} is not a Stint database (it has no {', '.join(sorted(missing))} table)")
    if row is None:
        raise Refused(f"{database} is not a Stint database (it has no schema revision)")
    return str(row[0])
