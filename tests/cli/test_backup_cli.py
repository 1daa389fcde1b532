"""`stint backup [-o FILE]`, `stint restore FILE`, and the daily backup any command
takes when the last one is a day old."""

from __future__ import annotations

import socket
import sqlite3
import stat
from pathlib import Path

import pytest

from stint import ipc
from stint.store.migrations import HEAD, upgrade
from stint.store.database import current_revision

from ..conftest import db_snapshot
from ..store.test_integrity import damage, fill
from .store_rows import add_account, op_states


def backups(home: Path) -> list[str]:
    folder = home / "backups"
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("stint-")) if folder.exists() else []


def test_any_command_takes_the_daily_backup_when_one_is_due(cli, home: Path, clock) -> None:
    cli.ok("new", "Write report", "--local")
    assert backups(home) == ["stint-20261123-090000.sqlite3"]
    clock.advance(hours=23)
    cli.ok("tasks")
    assert backups(home) == ["stint-20261123-090000.sqlite3"]  # not due yet: nothing copied
    clock.advance(hours=1)
    result = cli.ok("tasks")
    assert result.err == ""
    assert backups(home) == ["stint-20261123-090000.sqlite3", "stint-20261124-090000.sqlite3"]


def test_a_failed_daily_backup_is_a_warning_not_a_failure(cli, home: Path) -> None:
    (home / "backups").write_text("a file where the folder should be")
    result = cli("new", "Write report", "--local")
    assert result.code == 0 and result.out.startswith("Created task 1")
    assert result.err.startswith("stint: warning: the daily backup failed: ")
    assert result.err.count("\n") == 1


def test_backup_now_and_to_a_file(cli, home: Path, tmp_path: Path) -> None:
    cli.ok("new", "Write report", "--local")
    result = cli.ok("backup")
    made = home / "backups" / "stint-20261123-090000-2.sqlite3"
    assert result.out == f"Backed up {home / 'stint.sqlite3'} to {made} ({result.out.split('(')[-1]}"
    out = tmp_path / "copy.sqlite3"
    result = cli.ok("backup", "-o", str(out))
    assert result.out.startswith(f"Backed up {home / 'stint.sqlite3'} to {out} (")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    conn = sqlite3.connect(out)
    assert conn.execute("SELECT title FROM task").fetchall() == [("Write report",)]
    conn.close()


@pytest.mark.parametrize("where, message", [
    ("{tmp}", "is not a regular file; give a file name"),
    ("{tmp}/missing/copy.sqlite3", "there is no folder"),
    ("{home}/stint.sqlite3", "is the database itself"),
])
def test_backup_output_that_is_refused(cli, home: Path, tmp_path: Path, where: str, message: str) -> None:
    cli.ok("new", "Write report", "--local")
    before = db_snapshot(home / "stint.sqlite3")
    result = cli("backup", "-o", where.format(tmp=tmp_path, home=home))
    assert result.code == 2 and message in result.err and result.err.count("\n") == 1
    assert db_snapshot(home / "stint.sqlite3") == before
    assert not (tmp_path / "missing").exists()


def test_backup_with_no_database_yet(cli, home: Path) -> None:
    result = cli("backup")
    assert result.code == 1 and "there is no database" in result.err
    assert not (home / "stint.sqlite3").exists()


def test_restore_brings_the_backup_back_and_keeps_the_current_one(cli, home: Path, tmp_path: Path,
                                                                 clock) -> None:
    db = home / "stint.sqlite3"
    cli.ok("new", "Before", "--local")
    add_account(db)
    cli.ok("new", "Queued for the server", "--account", "work")
    cli.ok("backup", "-o", str(tmp_path / "saved.sqlite3"))
    cli.ok("new", "After the backup", "--local")
    clock.advance(hours=1)

    result = cli.ok("restore", str(tmp_path / "saved.sqlite3"))

    assert result.out.splitlines() == [
        f"Restored {db} from {tmp_path / 'saved.sqlite3'} (schema {HEAD})",
        f"The database it replaced is kept as {home / 'backups' / 'stint-20261123-100000-replaced.sqlite3'}",
        "1 change(s) were waiting to sync in the backup: sync will check the server before sending each, "
        "as they may have reached it since",
    ]
    titles = sorted(t["title"] for t in cli.ok("tasks", "--json").json())  # type: ignore[union-attr]
    assert titles == ["Before", "Queued for the server"]
    # The create may have reached the server after the backup: sync probes before sending it.
    assert op_states(db) == [("create_task", "in_flight")]
    aside = sqlite3.connect(home / "backups" / "stint-20261123-100000-replaced.sqlite3")
    assert [r[0] for r in aside.execute("SELECT title FROM task ORDER BY id")] == [
        "Before", "Queued for the server", "After the backup"]
    aside.close()
    assert stat.S_IMODE(db.stat().st_mode) == 0o600


def _not_stint(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE songs (title TEXT)")
    conn.close()


def _newer(path: Path) -> None:
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.close()


@pytest.mark.parametrize("spoil, message", [
    (lambda p: p.write_text("not a database"), "it is not an SQLite database"),
    (lambda p: p.write_bytes(b""), "the file is empty"),
    (_not_stint, "is not a Stint database (it has no account, alembic_version, entry, outbox, status, task table)"),
    (_newer, "was made by a newer Stint (schema 9999"),
    (damage, "is damaged"),
])
def test_restore_refuses_a_file_that_is_not_a_sound_stint_database(cli, home: Path, tmp_path: Path,
                                                                   spoil, message: str) -> None:
    cli.ok("new", "Mine", "--local")
    candidate = tmp_path / "candidate.sqlite3"
    if spoil in (_newer, damage):
        fill(candidate)
    spoil(candidate)
    before = db_snapshot(home / "stint.sqlite3")
    result = cli("restore", str(candidate))
    assert result.code == 1 and message in result.err and result.err.count("\n") == 1, result.err
    assert db_snapshot(home / "stint.sqlite3") == before
    assert not [p for p in home.iterdir() if p.name.endswith(".tmp")]
    assert not [p for p in (home / "backups").iterdir() if "replaced" in p.name]


def test_restore_refuses_while_the_app_runs(cli, home: Path, tmp_path: Path) -> None:
    cli.ok("new", "Mine", "--local")
    cli.ok("backup", "-o", str(tmp_path / "saved.sqlite3"))
    where = ipc.address(str(home), cli.env)
    ipc.private_dir(where)
    app = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)  # the app's hand-off socket, listening
    app.bind(where)
    app.listen(1)
    try:
        before = db_snapshot(home / "stint.sqlite3")
        result = cli("restore", str(tmp_path / "saved.sqlite3"))
    finally:
        app.close()
        Path(where).unlink()
    assert result.code == 1 and "the Stint app is running" in result.err
    assert db_snapshot(home / "stint.sqlite3") == before


def test_a_backup_from_an_older_stint_is_restored_and_upgraded(cli, home: Path, tmp_path: Path) -> None:
    old = tmp_path / "old.sqlite3"
    upgrade(old, "0001")
    conn = sqlite3.connect(old)
    with conn:
        conn.execute("INSERT INTO task (title, status_id, created_at, updated_at) VALUES ('From 0001', 1, 1, 1)")
    conn.close()
    cli.ok("new", "Current", "--local")
    result = cli.ok("restore", str(old))
    assert result.out.startswith(f"Restored {home / 'stint.sqlite3'} from {old} (schema 0001)\n")
    assert current_revision(home / "stint.sqlite3") == HEAD
    assert [t["title"] for t in cli.ok("tasks", "--json").json()] == ["From 0001"]  # type: ignore[union-attr]
    assert any(name.endswith("-before-0001.sqlite3") for name in backups(home))
