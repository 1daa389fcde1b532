"""`stint doctor`: integrity, the outbox, backups, permissions, the app's socket, the
keyring and versions — one line each, exit 1 when something is a problem."""

from __future__ import annotations

import os
import socket
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from stint import ipc
from stint.store.migrations import HEAD

from ..store.test_integrity import damage, fill
from .store_rows import add_account


def lines(out: str) -> dict[str, tuple[str, str]]:
    """{check name: (status, detail)} from doctor's text output."""
    found = {}
    for line in out.splitlines()[:-1]:
        status, name, detail = line.split(maxsplit=2)
        found[name] = (status, detail)
    return found


def test_a_healthy_install(cli, home: Path) -> None:
    cli.ok("new", "Write report", "--local", "--start")
    result = cli("doctor")
    assert result.code == 0, result.out
    checks = lines(result.out)
    assert result.out.endswith("No problems found.\n")
    size = f"{(home / 'stint.sqlite3').stat().st_size / 1000:.0f} kB"
    assert checks["database"] == ("ok", f"{home / 'stint.sqlite3'} ({size}): passes SQLite's integrity_check")
    assert checks["outbox"] == ("ok", "0 waiting to sync, 0 refused by a server, 0 done")
    assert checks["backups"][0] == "ok" and "newest stint-20261123-090000.sqlite3 (0 min ago)" in checks["backups"][1]
    assert checks["permissions"] == ("ok", "folders and files are readable by you only")
    assert checks["app"][1].startswith("not running")
    assert f"schema {HEAD} (current)" in checks["versions"][1] and f"SQLite {sqlite3.sqlite_version}" in checks["versions"][1]
    assert set(checks) >= {"versions", "database", "outbox", "backups", "permissions", "app", "keyring"}


def test_doctor_on_a_fresh_machine_creates_nothing(cli, home: Path) -> None:
    result = cli("doctor")
    assert result.code == 0 and lines(result.out)["database"][1].startswith("none yet")
    assert not (home / "stint.sqlite3").exists()


def test_a_damaged_database_is_a_problem(cli, home: Path) -> None:
    db = home / "stint.sqlite3"
    fill(db)
    damage(db)
    result = cli("doctor")
    assert result.code == 1 and result.out.endswith("1 problem(s) found.\n")
    status, detail = lines(result.out)["database"]
    assert status == "problem" and detail.startswith(f"{db} is damaged: ") and "`stint restore`" in detail


def test_the_outbox_and_accounts_are_summed_up(cli, home: Path) -> None:
    db = home / "stint.sqlite3"
    cli.ok("new", "Local", "--local")
    add_account(db, "work")
    add_account(db, "home", state="needs_signin")
    cli.ok("new", "One", "--account", "work")
    cli.ok("new", "Two", "--account", "work")
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("UPDATE outbox SET state = 'failed', last_error = 'title taken' WHERE seq = 1")
    conn.close()
    result = cli("doctor", "--json")
    checks = {c["name"]: c for c in result.json()["checks"]}  # type: ignore[index]
    assert checks["outbox"]["status"] == "warning"
    assert checks["outbox"]["detail"] == ("1 waiting to sync (oldest 0 min ago), 1 refused by a server, 0 done; "
                                          "see `stint status`; account home: needs signin")
    assert checks["credentials"]["detail"] == ("account work reads its token from $STINT_TEST_TOKEN, "
                                               "which is not set here")


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_loose_permissions_are_tightened_and_said(cli, home: Path) -> None:
    cli.ok("new", "Write report", "--local")
    home.chmod(0o755)
    (home / "stint.sqlite3").chmod(0o644)
    (home / "backups" / "stint-20261123-090000.sqlite3").chmod(0o644)
    result = cli("doctor")
    status, detail = lines(result.out)["permissions"]
    assert status == "ok" and detail.startswith("made private: ")
    assert f"{home} (755)" in detail and f"{home / 'stint.sqlite3'} (644)" in detail
    assert "stint-20261123-090000.sqlite3 (644)" in detail
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    assert stat.S_IMODE((home / "backups" / "stint-20261123-090000.sqlite3").stat().st_mode) == 0o600


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to give a file away")
def test_a_socket_that_is_not_ours_is_a_problem(cli, home: Path) -> None:
    where = ipc.address(str(home), cli.env)
    ipc.private_dir(where)
    squatter = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    squatter.bind(where)
    os.chown(where, 65534, 65534)  # another local user bound the app's socket first
    try:
        result = cli("doctor")
    finally:
        squatter.close()
        Path(where).unlink()
    assert result.code == 1
    assert lines(result.out)["app"] == ("problem", f"the socket {where} belongs to another user (uid 65534)")


def test_an_unreachable_keyring_is_a_problem_when_an_account_keeps_its_token_there(cli, home: Path) -> None:
    cli.ok("new", "Write report", "--local")
    env = {**os.environ, "STINT_HOME": str(home), "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    code = "import sys; from stint.cli.main import main; sys.exit(main(sys.argv[1:]))"

    def doctor() -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-c", code, "doctor"], env=env, capture_output=True, text=True,
                              timeout=60)

    unused = doctor()
    assert unused.returncode == 0, unused.stdout + unused.stderr
    assert lines(unused.stdout)["keyring"][0] == "ok"
    assert "no account needs it" in lines(unused.stdout)["keyring"][1]

    add_account(home / "stint.sqlite3", "work", credential="keyring")
    needed = doctor()
    assert needed.returncode == 1 and needed.stderr == ""
    status, detail = lines(needed.stdout)["keyring"]
    assert status == "problem" and detail.startswith("not reachable: ") and detail.endswith(
        "accounts that keep their token there: work")
