"""Many CLI writers at once, with sync running against a fake server: no time is
counted twice and no entry of zero length appears (issue "No double-counted time
under concurrency").

Twenty writer processes each run a burst of real CLI commands (start, stop, new
--start, log, status — each with its own Services, as separate `stint` runs would)
on the system clock, released together; a sync loop pushes and pulls against a
fake Wapify meanwhile. Commands may be refused (an overlap, nothing running): that
is a one-line error. What must never happen is an overlap, a zero-length entry, a
traceback or "database is locked".
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

from stint.accounts import Accounts
from stint.backends.kinds import SignIn
from stint.domain.clock import SystemClock
from stint.store.db import open_engine
from stint.sync.engine import SyncEngine
from tests.fakes.wapify import FakeWapify
from tests.sync.conftest import NoSecrets

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX processes")

WRITERS = 20
COMMANDS = 10
SYNC_PAUSE_S = 0.05

WRITER = textwrap.dedent(
    """
    import io, random, sys
    from datetime import datetime, timedelta, timezone
    from stint.cli.main import run
    from stint.services import Services

    home, seed, count, tasks = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4].split(",")
    rng = random.Random(seed)
    env = {"STINT_HOME": home, "TZ": "UTC"}
    sys.stdin.readline()  # released together with the other writers
    for i in range(count):
        roll = rng.random()
        if roll < 0.4:
            argv = ["start", rng.choice(tasks)]
        elif roll < 0.65:
            argv = ["stop"]
        elif roll < 0.75:
            argv = ["new", f"writer {seed} task {i}", "--local", "--start"]
        elif roll < 0.9:
            # A finished interval in the last hour: races with the timers of others.
            end = datetime.now(timezone.utc) - timedelta(seconds=rng.randint(0, 3600))
            start = end - timedelta(seconds=rng.randint(1, 600))
            argv = ["log", rng.choice(tasks), "--start", start.strftime("%Y-%m-%dT%H:%M:%S+00:00"),
                    "--end", end.strftime("%Y-%m-%dT%H:%M:%S+00:00")]
        else:
            argv = ["status"]
        out, err = io.StringIO(), io.StringIO()
        services = Services(out=out, err=err, env=env)  # as one `stint` process has
        try:
            code = run(argv, services)
        finally:
            services.close()
        print(code, " ".join(argv), "|", err.getvalue().strip().replace("\\n", " / "), flush=True)
    """
)


def _overlaps_and_zero_lengths(path: Path) -> tuple[list[tuple], list[tuple]]:
    """Live entries that overlap another (a running one reaches forever) or last no time."""
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute("SELECT id, started_at, ended_at FROM entry WHERE deleted = 0 ORDER BY started_at").fetchall()
    finally:
        conn.close()
    forever = 2**62
    overlaps, latest = [], None
    for row in rows:
        if latest is not None and row[1] < (latest[2] if latest[2] is not None else forever):
            overlaps.append((latest, row))
        if latest is None or (row[2] or forever) > (latest[2] or forever):
            latest = row
    zero = [row for row in rows if row[2] is not None and row[2] <= row[1]]
    return overlaps, zero


def test_concurrent_cli_writers_and_sync_never_double_count(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    path = home / "stint.sqlite3"
    clock = SystemClock()
    fake = FakeWapify(clock=clock)
    for title in ("Website", "Backend API", "Support"):
        fake.web_create_task(title)
    engine = open_engine(path)
    accounts = Accounts(engine, clock, secrets=NoSecrets(), env={"WAPIFY_TOKEN": fake.token},
                        transport=fake.transport())
    accounts.add("work", "wapify", fake.base_url, SignIn(token=fake.token, credential="env:WAPIFY_TOKEN"))
    sync = SyncEngine(engine, accounts.backend_for, clock)
    sync.run_once(force=True)  # the account's tasks and statuses
    conn = sqlite3.connect(path)
    local = [conn.execute("INSERT INTO task (title, status_id, created_at, updated_at) VALUES (?, 1, 0, 0)",
                          (f"Local {i}",)).lastrowid for i in range(3)]
    conn.commit()
    conn.close()
    tasks = ",".join(["work:1", "work:2", "work:3"] + [str(t) for t in local])

    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(home), str(seed), str(COMMANDS), tasks],
                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for seed in range(WRITERS)
    ]
    done = threading.Event()
    sync_errors: list[BaseException] = []
    cycles = 0

    def sync_loop() -> None:
        nonlocal cycles
        while not done.is_set():
            try:
                sync.run_once(force=True)
                cycles += 1
            except BaseException as exc:  # noqa: BLE001 - reported by the test
                sync_errors.append(exc)
                return
            done.wait(SYNC_PAUSE_S)  # pacing, as the app's debounced sync: leave the writers a core

    syncing = threading.Thread(target=sync_loop)
    syncing.start()
    try:
        for proc in writers:
            proc.stdin.write("go\n")  # type: ignore[union-attr]
            proc.stdin.flush()  # type: ignore[union-attr]
        results = [proc.communicate(timeout=180) for proc in writers]
    finally:
        done.set()
        syncing.join(timeout=60)
        accounts.close()
        engine.dispose()

    logs = "".join(out for out, _ in results)
    for proc, (out, err) in zip(writers, results):
        assert proc.returncode == 0, err
        assert err == "", err
    assert "internal error" not in logs and "Traceback" not in logs and "locked" not in logs, logs
    assert logs.count("\n") == WRITERS * COMMANDS
    assert logs.count("0 start ") + logs.count("0 new ") >= WRITERS, logs  # timers did start
    assert not sync_errors, sync_errors
    assert cycles > 0
    overlaps, zero = _overlaps_and_zero_lengths(path)
    assert overlaps == [], f"{len(overlaps)} overlapping pairs, e.g. {overlaps[:3]}"
    assert zero == [], f"{len(zero)} zero-length entries, e.g. {zero[:3]}"
