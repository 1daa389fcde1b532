"""A full disk, a read-only home, a database locked past the busy timeout: one line
that says what is wrong and where — no SQL, no traceback — exit 1, and nothing
reported done that was not committed.

The full disk and the read-only home are real: each scenario runs in a child process
in its own mount namespace (`unshare --mount`, as root: CI runs as root) on a small
tmpfs that the child fills, or bind-mounts read-only. Where that is not allowed they
are skipped and say why. The lock is real too: another connection holds the write
lock while a command with a short busy timeout waits for it.
"""

from __future__ import annotations

import io
import json
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from functools import cache
from pathlib import Path

import pytest

from stint.cli.main import run
from stint.services import Services
from stint.store.database import open_database
from stint.store.db import open_engine

SCENARIO_PRELUDE = textwrap.dedent(
    """
    import io, json, os, subprocess, sys
    from pathlib import Path
    from datetime import datetime, timezone
    from stint.services import Services
    from stint.cli.main import run
    from stint.domain.clock import FixedClock

    root = Path(sys.argv[1])
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(root)], check=True)
    home = root / "home"
    clock = FixedClock(datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc))
    results = {}

    def stint(*argv):
        out, err = io.StringIO(), io.StringIO()
        ctx = Services(out=out, err=err, env={"STINT_HOME": str(home), "TZ": "Europe/Madrid"}, clock=clock)
        try:
            code = run(list(argv), ctx)
        finally:
            ctx.close()
        return {"code": code, "out": out.getvalue(), "err": err.getvalue()}

    def fill(folder):
        # Every last byte: big blocks, then single bytes.
        for n, size in enumerate((65536, 1)):
            with open(folder / f"filler{n}", "wb", buffering=0) as handle:
                try:
                    while True:
                        handle.write(b"\\0" * size)
                except OSError:
                    pass
    """
)


@cache
def namespaces_unavailable() -> str | None:
    """Why a mount namespace with a tmpfs cannot be made here, or None."""
    if shutil.which("unshare") is None:
        return "no unshare(1)"
    probe = subprocess.run(
        ["unshare", "--mount", "--propagation", "private", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt"],
        capture_output=True, text=True,
    )
    if probe.returncode != 0:
        return f"cannot mount a tmpfs in a mount namespace here: {probe.stderr.strip()}"
    return None


def run_scenario(tmp_path: Path, body: str) -> dict[str, dict[str, object]]:
    why = namespaces_unavailable()
    if why:
        pytest.skip(why)
    root = tmp_path / "mnt"
    root.mkdir()
    script = SCENARIO_PRELUDE + textwrap.dedent(body) + "\nprint(json.dumps(results))\n"
    proc = subprocess.run(["unshare", "--mount", "--propagation", "private", sys.executable, "-c", script, str(root)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""  # nothing printed past the commands' own streams: no traceback
    return json.loads(proc.stdout.splitlines()[-1])


def one_line(result: dict[str, object]) -> str:
    assert result["code"] == 1, result
    assert result["out"] == "", result
    err = str(result["err"])
    assert err.startswith("stint: ") and err.count("\n") == 1, err
    for leak in ("Traceback", "SELECT", "INSERT", "UPDATE", "sqlalche.me", "internal error"):
        assert leak not in err, err
    return err


def test_a_full_disk(tmp_path: Path) -> None:
    results = run_scenario(tmp_path, """
        results["setup"] = [stint("new", "Task A", "--local", "--start"), stint("stop")]
        out = root / "out"  # exports go to a disk of their own, filled first
        out.mkdir()
        subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(out)], check=True)
        fill(out)
        results["xlsx"] = stint("timesheet", "-o", str(out / "week.xlsx"))
        results["pdf"] = stint("timesheet", "-o", str(out / "week.pdf"))
        results["out"] = sorted(p.name for p in out.iterdir())
        fill(root)
        results["start"] = stint("start", "Task A")
        results["new"] = stint("new", "Task B", "--local")
        for n in (0, 1):
            (root / f"filler{n}").unlink()
        results["status"] = stint("status")
        results["tasks"] = stint("tasks", "--json")
    """)
    assert all(r["code"] == 0 for r in results["setup"])
    for name in ("start", "new"):
        err = one_line(results[name])
        assert "the disk is full" in err and "home" in err and "nothing was saved" in err
        assert "Started" not in str(results[name]["out"])
    for name, file in (("xlsx", "week.xlsx"), ("pdf", "week.pdf")):
        err = one_line(results[name])
        assert err.startswith(f"stint: the disk is full: cannot write ") and file in err
    assert results["out"] == ["filler0", "filler1"]  # no half-written export, no temporary file
    # Nothing that was refused was stored, and the store is whole.
    assert results["status"]["out"].startswith("Not tracking")
    assert [t["title"] for t in json.loads(results["tasks"]["out"])] == ["Task A"]


def test_a_read_only_home(tmp_path: Path) -> None:
    results = run_scenario(tmp_path, """
        def read_only(folder):
            subprocess.run(["mount", "--bind", str(folder), str(folder)], check=True)
            subprocess.run(["mount", "-o", "remount,bind,ro", str(folder)], check=True)

        results["setup"] = [stint("new", "Task A", "--local")]
        out = root / "out"
        out.mkdir()
        read_only(out)
        results["csv"] = stint("timesheet", "-o", str(out / "week.csv"))
        read_only(home)
        results["start"] = stint("start", "Task A")
        results["tasks"] = stint("tasks")
        subprocess.run(["umount", str(home)], check=True)
        results["status"] = stint("status")
    """)
    assert results["setup"][0]["code"] == 0
    err = one_line(results["csv"])
    assert err.startswith("stint: cannot write ") and "out/week.csv: the file system is read-only" in err
    for name in ("start", "tasks"):
        err = one_line(results[name])
        assert "home/stint.sqlite3: the file system is read-only" in err
    assert results["status"]["out"].startswith("Not tracking")


def test_a_database_locked_past_the_busy_timeout(home: Path, clock) -> None:
    path = home / "stint.sqlite3"
    engine = open_engine(path, busy_timeout_ms=200)
    db = open_database(path, busy_timeout_ms=200)
    out, err = io.StringIO(), io.StringIO()
    ctx = Services(out=out, err=err, env={"STINT_HOME": str(home), "TZ": "Europe/Madrid"}, clock=clock,
                   engine=engine, db=db)
    assert run(["new", "Task A", "--local"], ctx) == 0
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    try:
        out.truncate(0), out.seek(0)
        code = run(["start", "Task A"], ctx)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert code == 1 and out.getvalue() == ""
    assert err.getvalue() == (f"stint: the database {path} is busy: another program has kept it locked for "
                              "over 0.2 s (nothing was saved; try again)\n")
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT count(*) FROM entry").fetchone() == (0,)
    conn.close()
    db.close()
    engine.dispose()
