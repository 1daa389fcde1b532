"""Backups of the database, made with SQLite's online backup API (a consistent copy
while the app and the CLI go on writing), and putting one back.

Backups live in `backups/` beside the database, 0600 in a 0700 folder, named by the
UTC time they were taken:

    stint-20261123-090000.sqlite3                  daily (or `stint backup`)
    stint-20261123-090000-before-0003.sqlite3      taken before a schema migration
    stint-20261123-090000-replaced.sqlite3         the database `restore` put aside

Daily ones are rotated: the newest of each of the last 7 days that have one, then the
newest of each of the 4 weeks before those. The 3 newest before-migration backups
are kept; a database put aside by a restore is never removed by Stint.

Each copy is made to a temporary name, switched to a single file (journal_mode
DELETE), passed through PRAGMA quick_check and only then given its name: a
backup that exists is complete and was sound when taken. A database that fails the
check is reported (DatabaseDamaged), and the older good backups are kept.
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import NamedTuple

from .. import private
from ..domain.errors import Refused
from . import integrity
from .faults import BUSY_TIMEOUT_MS, DatabaseDamaged, translating

DAILY_KEEP, WEEKLY_KEEP, MIGRATION_KEEP = 7, 4, 3
DAY = timedelta(days=1)
JOURNALS = ("-wal", "-journal")
DAILY, BEFORE_MIGRATION, REPLACED = "daily", "before-migration", "replaced"
_NAME = re.compile(r"^stint-(\d{8}-\d{6})(?:-(before-[0-9A-Za-z_]+|replaced))?(?:-(\d+))?\.sqlite3$")


# NamedTuples, and shutil imported where a file is copied: every command looks at
# whether the daily backup is due (cli/backup.daily_backup), so this module is on its
# path — dataclasses (inspect) and shutil (bz2, lzma) would cost each one ~5 ms.
class Backup(NamedTuple):
    path: Path
    taken_at: datetime  # UTC
    kind: str           # DAILY | BEFORE_MIGRATION | REPLACED


class Restored(NamedTuple):
    aside: Path | None  # where the database that was replaced now is
    revision: str       # the restored file's schema revision
    reopened_ops: int   # changes waiting to sync in the backup, now checked with the server first


def backup_dir(database: Path) -> Path:
    return database.parent / "backups"


def list_backups(database: Path) -> list[Backup]:
    """The backups of `database`, newest first."""
    found: list[tuple[datetime, int, Backup]] = []
    try:
        paths = list(backup_dir(database).iterdir())
    except (FileNotFoundError, NotADirectoryError):
        return []
    for path in paths:
        match = _NAME.match(path.name)
        if match is None or not path.is_file():
            continue
        taken = _parse_stamp(match[1])
        if taken is None:
            continue
        suffix = match[2] or ""
        kind = REPLACED if suffix == "replaced" else BEFORE_MIGRATION if suffix else DAILY
        found.append((taken, int(match[3] or 1), Backup(path, taken, kind)))
    # Newest first; of two taken in the same second, the one with the higher number.
    return [b for *_, b in sorted(found, key=lambda f: (f[0], f[1]), reverse=True)]


def _parse_stamp(stamp: str) -> datetime | None:
    # By hand: datetime.strptime imports _strptime, ~2 ms on every command's path.
    try:
        return datetime(int(stamp[0:4]), int(stamp[4:6]), int(stamp[6:8]),
                        int(stamp[9:11]), int(stamp[11:13]), int(stamp[13:15]), tzinfo=timezone.utc)
    except ValueError:
        return None


def restorable(database: Path) -> list[Backup]:
    """Backups that can be offered to restore, newest first (not the files that a
    restore put aside: those are what was replaced)."""
    return [b for b in list_backups(database) if b.kind != REPLACED]


def last_good(database: Path) -> Backup | None:
    """The newest backup that can be offered and passes quick_check."""
    from ..domain.errors import StintError

    for candidate in restorable(database):
        try:
            if not integrity.quick_check(candidate.path):
                return candidate
        except StintError:
            continue
    return None


def is_due(database: Path, now: datetime) -> bool:
    """True when the newest backup is a day old or more (or from the future: the
    clock was wrong then, or is now). Costs one listing of the backups folder."""
    backups = restorable(database)
    if not backups:
        return database.exists()
    age = now - backups[0].taken_at
    return age >= DAY or age < -DAY


def ensure_daily(database: Path, now: datetime) -> Backup | None:
    """Take the daily backup if one is due and no other process is taking one."""
    if not is_due(database, now):
        return None
    with _backup_lock(database, wait=False) as locked:
        if not locked or not is_due(database, now):
            return None
        made = _take(database, now, "")
        rotate(database)
        return made


def take(database: Path, now: datetime) -> Backup:
    """A backup now, into the rotated set (`stint backup`)."""
    with _backup_lock(database, wait=True):
        made = _take(database, now, "")
        rotate(database)
        return made


def before_migration(database: Path, revision: str) -> Backup:
    """A backup of `database` at schema `revision`, before it is migrated."""
    now = datetime.now(timezone.utc)
    with _backup_lock(database, wait=True):
        made = _take(database, now, f"-before-{revision}")
        rotate(database)
        return made


def _take(database: Path, now: datetime, suffix: str) -> Backup:
    dest = _new_name(database, now, suffix)
    copy_database(database, dest)
    return next(b for b in list_backups(database) if b.path == dest)


def _new_name(database: Path, now: datetime, suffix: str) -> Path:
    """A free name in the (private) backups folder for a file taken at `now`."""
    folder = private.private_dir(backup_dir(database))
    stamp = now.astimezone(timezone.utc).strftime("%Y%m%d-%H%M%S")
    dest = folder / f"stint-{stamp}{suffix}.sqlite3"
    n = 2
    while dest.exists():
        dest = folder / f"stint-{stamp}{suffix}-{n}.sqlite3"
        n += 1
    return dest


def copy_database(source: Path, dest: Path) -> None:
    """Copy the database at `source` to `dest` (0600), consistently even while
    others write to it; `dest` appears only once the copy passed quick_check.
    Raises DatabaseDamaged (and writes nothing) when `source` is damaged."""
    integrity.check_header(source)
    tmp = dest.with_name(f".{dest.name}.{os.urandom(4).hex()}.tmp")
    private.create_file(tmp)
    try:
        with translating(source):
            src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=rw", uri=True,
                                  timeout=BUSY_TIMEOUT_MS / 1000)
            try:
                dst = sqlite3.connect(tmp)
                try:
                    src.backup(dst)
                    dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
                    rows = [str(r[0]) for r in dst.execute("PRAGMA quick_check")]
                finally:
                    dst.close()
            finally:
                src.close()
        if rows != ["ok"]:
            raise DatabaseDamaged(source, rows[0])
        with open(tmp, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, dest)
    finally:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass


def rotate(database: Path) -> list[Path]:
    """Remove the backups the rotation no longer keeps; returns them."""
    backups = list_backups(database)
    keep: set[Path] = set()
    days: set[object] = set()
    weeks: set[object] = set()
    for b in (b for b in backups if b.kind == DAILY):  # newest first
        day = b.taken_at.date()
        if len(days) < DAILY_KEEP or day in days:
            if day not in days:  # the newest of its day
                days.add(day)
                keep.add(b.path)
            continue
        week = b.taken_at.isocalendar()[:2]
        if week not in weeks and len(weeks) < WEEKLY_KEEP:  # the newest of its week
            weeks.add(week)
            keep.add(b.path)
    keep.update(b.path for b in [b for b in backups if b.kind == BEFORE_MIGRATION][:MIGRATION_KEEP])
    keep.update(b.path for b in backups if b.kind == REPLACED)
    removed = [b.path for b in backups if b.path not in keep]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def restore(database: Path, source: Path, now: datetime) -> Restored:
    """Put the Stint database at `source` in place of `database`.

    The file is copied first and the copy must pass integrity_check and be a Stint
    schema this version knows; only then is the current database (with its -wal)
    copied into the backups folder and the copy put in its place. Changes that were
    waiting to sync in the backup may have reached the server since: they are claimed
    (store.outbox, in flight), so that sync looks at the server before sending any
    of them again.
    The caller makes sure the app is not using `database`."""
    from .migrations import HEAD

    source = source.expanduser()
    if not source.is_file():
        raise Refused(f"{source} is not a file")
    if database.exists() and os.path.samefile(source, database):
        raise Refused(f"{source} is the database in use: give a backup")
    private.private_dir(database.parent)
    tmp = database.with_name(f".{database.name}.restore-{os.urandom(4).hex()}.tmp")
    try:
        copy_database(source, tmp)
        problems = integrity.integrity_check(tmp)
        if problems:
            raise Refused(f"{source} fails SQLite's integrity check ({problems[0]}); nothing was changed")
        revision = integrity.schema_revision(tmp)
        if not re.fullmatch(r"\d{4}", revision) or revision > HEAD:
            raise Refused(f"{source} was made by a newer Stint (schema {revision}, this one knows up to "
                          f"{HEAD}); update Stint first")
        reopened = _reopen_unsent(tmp, now)
        aside = _put_aside(database, now)
        # A journal left beside the restored file would be replayed into it.
        for suffix in (*JOURNALS, "-shm"):
            database.with_name(database.name + suffix).unlink(missing_ok=True)
        os.replace(tmp, database)
        return Restored(aside, revision, reopened)
    finally:
        tmp.unlink(missing_ok=True)


def _reopen_unsent(path: Path, now: datetime) -> int:
    """Claim the ops still pending in a restored copy: each may have reached the
    server after the backup was taken, so the engine probes before it sends any
    (an in_flight op, as after a crash mid-request)."""
    from . import outbox

    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        seqs = [row[0] for row in conn.execute("SELECT seq FROM outbox WHERE state = ?", (outbox.OpState.PENDING,))]
        outbox.claim_all(conn, seqs, now)
        conn.execute("COMMIT")
        return len(seqs)
    finally:
        conn.close()


def _put_aside(database: Path, now: datetime) -> Path | None:
    """Copy `database` into the backups folder; where the copy is. Copies, not moves:
    until the restored file is in place the current database stays whole where it
    is. The -wal goes with it: it holds committed changes not yet in the main file."""
    if not database.exists():
        return None
    aside = _new_name(database, now, "-replaced")
    for suffix in JOURNALS:
        companion = database.with_name(database.name + suffix)
        if companion.exists():
            _copy_private(companion, aside.with_name(aside.name + suffix))
    _copy_private(database, aside)
    return aside


def _copy_private(source: Path, dest: Path) -> None:
    import shutil

    with open(source, "rb") as src, open(dest, "xb", opener=private.opener) as dst:
        shutil.copyfileobj(src, dst, 1 << 20)
        dst.flush()
        os.fsync(dst.fileno())


@contextmanager
def _backup_lock(database: Path, *, wait: bool) -> Iterator[bool]:
    folder = private.private_dir(backup_dir(database))
    with open(folder / ".lock", "a+b", opener=private.opener) as handle:
        try:
            _lock(handle.fileno(), wait)
        except OSError:
            yield False
            return
        for stray in folder.glob(".stint-*.tmp"):  # left by a backup that was killed
            stray.unlink(missing_ok=True)
        yield True


def _lock(fd: int, wait: bool) -> None:
    """An OS lock on `fd`, released when the file is closed (or the process dies)."""
    if os.name == "nt":
        import msvcrt

        msvcrt.locking(fd, msvcrt.LK_LOCK if wait else msvcrt.LK_NBLCK, 1)
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
