"""kill -9 in the middle of user actions: nothing acknowledged is lost, nothing is
half-written (an entry without its outbox op, or the reverse), and a running timer
survives."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from stint.store.db import open_engine

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs SIGKILL")

WORKER = textwrap.dedent(
    """
    import sys
    from stint.domain.clock import SystemClock
    from stint.store.actions import Tracker
    from stint.store.database import open_database
    tracker = Tracker(open_database(sys.argv[1]), SystemClock())
    i = 0
    while True:
        i += 1
        result = tracker.create_task(f"task {sys.argv[2]}-{i}", account="work", start=True)
        print(f"started {result.entry.id}", flush=True)
        if i % 3 == 0:
            entry = tracker.stop()
            print(f"stopped {entry.id}", flush=True)
    """
)


def make_db(path: Path) -> None:
    open_engine(path).dispose()
    conn = sqlite3.connect(path)
    with conn:
        conn.execute(
            "INSERT INTO account (name, kind, base_url, options, credential, state, cursors, created_at)"
            " VALUES ('work', 'wapify', 'https://x.example/api/tasks', '{}', 'env:T', 'ok', '{}', 0)"
        )
        conn.execute(
            "INSERT INTO status (account_id, remote_id, name, label, position, is_done)"
            " VALUES (1, '1', 'TO_DO', 'Por hacer', 1, 0), (1, '2', 'IN_PROGRESS', 'En progreso', 2, 0)"
        )
    conn.close()


def run_and_kill(path: Path, run: int, acks_before_kill: int) -> list[str]:
    proc = subprocess.Popen([sys.executable, "-c", WORKER, str(path), str(run)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    acks = []
    assert proc.stdout is not None
    for line in proc.stdout:  # waits on the worker's own acknowledgements, not on time
        acks.append(line.split())
        if len(acks) >= acks_before_kill:
            break
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    errors = proc.stderr.read()  # type: ignore[union-attr]
    proc.stdout.close()
    proc.stderr.close()  # type: ignore[union-attr]
    assert acks, f"the worker acknowledged nothing: {errors}"
    return acks


def test_kill_9_during_actions_loses_and_duplicates_nothing(home: Path) -> None:
    path = home / "crash.sqlite3"
    make_db(path)
    rng = random.Random(20261123)
    acked_started, acked_stopped = set(), set()
    for run in range(8):
        for verb, entry_id in run_and_kill(path, run, rng.randint(1, 25)):
            (acked_started if verb == "started" else acked_stopped).add(entry_id)

    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    entries = dict(conn.execute("SELECT id, ended_at FROM entry"))
    ops = conn.execute("SELECT kind, entry_id, task_id FROM outbox ORDER BY seq").fetchall()
    tasks = {r[0] for r in conn.execute("SELECT id FROM task")}
    conn.close()

    # Everything acknowledged is there.
    assert acked_started <= entries.keys()
    assert all(entries[e] is not None for e in acked_stopped)
    # Exactly one create op per task, one start op per entry, one stop op per ended entry.
    creates = [t for kind, _, t in ops if kind == "create_task"]
    assert sorted(creates) == sorted(tasks)
    starts = [e for kind, e, _ in ops if kind == "start"]
    stops = [e for kind, e, _ in ops if kind == "stop"]
    assert sorted(starts) == sorted(entries)
    assert sorted(stops) == sorted(e for e, ended in entries.items() if ended is not None)
    # At most one timer runs, and it survived the kills.
    running = [e for e, ended in entries.items() if ended is None]
    assert len(running) <= 1
