"""Backups with SQLite's online backup API: consistent while others write, daily,
before each migration, rotated 7 daily + 4 weekly; and putting one back."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from stint.store import backup
from stint.store.db import open_engine
from stint.store.faults import DatabaseDamaged
from stint.store.migrations import HEAD, upgrade
from stint.store.database import current_revision

from .test_integrity import damage, fill

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)


def titles(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [r[0] for r in conn.execute("SELECT title FROM task ORDER BY id")]
    finally:
        conn.close()


def add_task(path: Path, title: str) -> None:
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("INSERT INTO task (title, status_id, created_at, updated_at) VALUES (?, 1, 1, 1)", (title,))
    conn.close()


def test_a_copy_is_consistent_while_another_connection_writes(home: Path) -> None:
    db = home / "stint.sqlite3"
    open_engine(db).dispose()
    add_task(db, "committed")
    writer = sqlite3.connect(db, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("INSERT INTO task (title, status_id, created_at, updated_at) VALUES ('not yet', 1, 1, 1)")
    try:
        dest = home / "copy.sqlite3"
        backup.copy_database(db, dest)
    finally:
        writer.execute("COMMIT")
        writer.close()
    assert titles(dest) == ["committed"]
    assert stat.S_IMODE(dest.stat().st_mode) == 0o600
    assert not dest.with_name("copy.sqlite3-wal").exists()  # one self-contained file
    conn = sqlite3.connect(dest)
    assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    assert conn.execute("PRAGMA quick_check").fetchone() == ("ok",)
    conn.close()


def test_the_daily_backup_is_taken_once_a_day(home: Path) -> None:
    db = home / "stint.sqlite3"
    open_engine(db).dispose()
    first = backup.ensure_daily(db, T0)
    assert first is not None and first.path.name == "stint-20261123-090000.sqlite3"
    assert stat.S_IMODE(first.path.parent.stat().st_mode) == 0o700
    assert backup.ensure_daily(db, T0 + timedelta(hours=23, minutes=59)) is None
    second = backup.ensure_daily(db, T0 + timedelta(days=1))
    assert second is not None and second.taken_at == T0 + timedelta(days=1)
    assert [b.path for b in backup.list_backups(db)] == [second.path, first.path]


def test_rotation_keeps_seven_daily_and_four_weekly(home: Path) -> None:
    db = home / "stint.sqlite3"
    open_engine(db).dispose()
    made = backup.ensure_daily(db, T0)
    assert made is not None
    folder = made.path.parent
    # Two backups a day for 60 days (named as backups are), newest last.
    start = T0 - timedelta(days=60)
    for day in range(61):
        for hour in (8, 17):
            moment = start + timedelta(days=day, hours=hour - 9)
            name = f"stint-{moment:%Y%m%d-%H%M%S}.sqlite3"
            if not (folder / name).exists():
                shutil.copyfile(made.path, folder / name)
    (folder / "stint-20260101-000000-before-0001.sqlite3").write_bytes(made.path.read_bytes())
    (folder / "stint-20260102-000000-replaced.sqlite3").write_bytes(b"kept whatever it is")
    (folder / "notes.txt").write_text("not ours")

    backup.rotate(db)

    kept = sorted((b.taken_at, b.kind) for b in backup.list_backups(db))
    daily = [t for t, kind in kept if kind == backup.DAILY]
    newest_days = sorted({(T0 - timedelta(days=d)).date() for d in range(7)})
    assert [t.date() for t in daily[-7:]] == newest_days
    for moment in daily[-7:]:  # the newest of its day
        assert moment.hour == 17 or moment == T0
    older = daily[:-7]
    assert len(older) == 4
    weeks = [t.isocalendar()[:2] for t in older]
    assert len(set(weeks)) == 4 and all(t.date() < newest_days[0] for t in older)
    assert (backup.BEFORE_MIGRATION in {k for _, k in kept}) and (backup.REPLACED in {k for _, k in kept})
    assert (folder / "notes.txt").exists()


def test_a_backup_is_taken_before_a_migration(home: Path) -> None:
    db = home / "stint.sqlite3"
    upgrade(db, "0001")
    add_task(db, "made by the old version")
    assert current_revision(db) == "0001" != HEAD
    open_engine(db).dispose()
    taken = [b for b in backup.list_backups(db) if b.kind == backup.BEFORE_MIGRATION]
    assert len(taken) == 1 and taken[0].path.name.endswith("-before-0001.sqlite3")
    assert current_revision(taken[0].path) == "0001"
    assert titles(taken[0].path) == ["made by the old version"]
    assert current_revision(db) == HEAD


def test_a_damaged_database_is_not_backed_up_and_good_backups_stay(home: Path) -> None:
    db = home / "stint.sqlite3"
    fill(db)
    good = backup.ensure_daily(db, T0)
    assert good is not None
    damage(db)
    with pytest.raises(DatabaseDamaged):
        backup.ensure_daily(db, T0 + timedelta(days=1))
    assert [b.path for b in backup.list_backups(db)] == [good.path]
    assert not [p for p in good.path.parent.iterdir() if p.suffix == ".tmp"]
    assert backup.last_good(db) == good


def test_last_good_skips_a_damaged_backup(home: Path) -> None:
    db = home / "stint.sqlite3"
    fill(db)
    older = backup.ensure_daily(db, T0)
    newer = backup.ensure_daily(db, T0 + timedelta(days=1))
    assert older is not None and newer is not None
    damage(newer.path)
    assert backup.last_good(db) == older


def test_restore_keeps_the_current_database_aside_with_its_wal(home: Path) -> None:
    db = home / "stint.sqlite3"
    open_engine(db).dispose()
    add_task(db, "in the backup")
    saved = backup.ensure_daily(db, T0)
    assert saved is not None
    # A later change still in the -wal of a connection that is open.
    other = sqlite3.connect(db)
    other.execute("PRAGMA journal_mode=WAL")
    other.execute("INSERT INTO task (title, status_id, created_at, updated_at) VALUES ('after it', 1, 1, 1)")
    other.commit()
    assert os.path.getsize(db.with_name("stint.sqlite3-wal")) > 0
    restored = backup.restore(db, saved.path, T0 + timedelta(hours=1))
    other.close()
    assert titles(db) == ["in the backup"]
    assert restored.aside is not None and restored.aside.name == "stint-20261123-100000-replaced.sqlite3"
    assert titles(restored.aside) == ["in the backup", "after it"]  # nothing was lost
    assert restored.revision == HEAD
