"""The person's files are theirs alone: private folders (0700) and files (0600) for a
new install and, tightened at open, for one made before; exports keep sane modes."""

from __future__ import annotations

import logging
import os
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from stint import logs
from stint.config import Settings, load_settings, save_settings
from stint.fileio import atomic_write_text
from stint.store.db import open_engine

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def umask_022() -> Iterator[None]:
    """The usual desktop umask, whatever the test runner's is."""
    old = os.umask(0o022)
    yield
    os.umask(old)


@pytest.fixture
def log_handlers() -> Iterator[None]:
    """Remove the handlers a test adds to the "stint" logger."""
    root = logging.getLogger("stint")
    before = list(root.handlers)
    yield
    for handler in root.handlers[:]:
        if handler not in before:
            root.removeHandler(handler)
            handler.close()


def test_a_new_install_is_private(umask_022: None, log_handlers: None, tmp_path: Path, cli) -> None:
    cli.ok("new", "Write report", "--local", "--start")
    home = cli.home
    engine = open_engine(home / "stint.sqlite3")  # held open: the -wal and -shm exist
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql("UPDATE task SET title = 'Write the report'")
        for name in ("stint.sqlite3", "stint.sqlite3-wal", "stint.sqlite3-shm"):
            assert mode(home / name) == 0o600, name
    finally:
        engine.dispose()
    assert mode(home) == 0o700

    save_settings(home / "settings.json", Settings(week_start=6))
    assert mode(home / "settings.json") == 0o600

    logs.setup(home / "logs")
    logging.getLogger("stint.test").info("a line")
    assert mode(home / "logs") == 0o700
    assert mode(home / "logs" / "stint.log") == 0o600


def test_platform_folders_are_private(umask_022: None, tmp_path: Path) -> None:
    # Without STINT_HOME, data and settings live in separate per-user folders.
    data, config = tmp_path / "share" / "stint", tmp_path / "config" / "stint"
    open_engine(data / "stint.sqlite3").dispose()
    save_settings(config / "settings.json", Settings())
    assert mode(data) == mode(config) == 0o700
    assert mode(tmp_path / "share") == 0o755  # the person's own folder is left as it is


def test_an_existing_install_is_tightened_at_open(umask_022: None, log_handlers: None, cli) -> None:
    home = cli.home
    cli.ok("new", "Old task", "--local")
    save_settings(home / "settings.json", Settings())
    (home / "logs").mkdir()
    for name in ("stint.log", "stint.log.1", "crash.log"):
        (home / "logs" / name).write_text("old lines\n")
    # Another process (the app) has the database open: its -wal and -shm exist.
    other = sqlite3.connect(home / "stint.sqlite3")
    try:
        other.execute("UPDATE task SET title = 'Old task, renamed'")
        other.commit()
        # As an older Stint left them: everything readable by every local user.
        for path in home.rglob("*"):
            path.chmod(0o755 if path.is_dir() else 0o644)
        home.chmod(0o755)

        assert load_settings(home / "settings.json") == Settings()
        cli.ok("tasks")
        logs.setup(home / "logs")

        assert mode(home) == 0o700
        for name in ("stint.sqlite3", "stint.sqlite3-wal", "stint.sqlite3-shm", "settings.json"):
            assert mode(home / name) == 0o600, name
    finally:
        other.close()
    assert mode(home / "logs") == 0o700
    for name in ("stint.log", "stint.log.1", "crash.log"):
        assert mode(home / "logs" / name) == 0o600, name


def test_rotated_and_crash_logs_are_private(umask_022: None, log_handlers: None, tmp_path: Path) -> None:
    folder = tmp_path / "logs"
    logs.setup(folder)
    handler = next(h for h in logging.getLogger("stint").handlers
                   if getattr(h, "baseFilename", "") == str(folder / "stint.log"))
    handler.maxBytes = 200
    for i in range(20):
        logging.getLogger("stint.test").info("line %d of a log that rolls over", i)
    assert (folder / "stint.log.1").exists()
    where = logs.log_crash(folder, RuntimeError("boom"))
    assert where == folder / "crash.log"
    for path in folder.iterdir():
        assert mode(path) == 0o600, path.name


def test_exports_keep_sane_modes(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        atomic_write_text(tmp_path / "new.csv", "a,b\r\n")
        assert os.umask(0o027) == 0o027  # the process umask was never changed
    finally:
        os.umask(old)
    assert mode(tmp_path / "new.csv") == 0o640  # the person's umask, as any program would

    kept = tmp_path / "kept.csv"
    kept.write_text("old")
    kept.chmod(0o600)
    atomic_write_text(kept, "new")
    assert mode(kept) == 0o600 and kept.read_text() == "new"  # the file's own mode is kept

    shared = tmp_path / "shared.csv"
    shared.write_text("old")
    shared.chmod(0o664)
    atomic_write_text(shared, "new")
    assert mode(shared) == 0o664
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kept.csv", "new.csv", "shared.csv"]


def test_private_writes_drop_group_and_other_bits(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text("{}")
    path.chmod(0o644)
    atomic_write_text(path, "{}\n", private=True)
    assert mode(path) == 0o600
