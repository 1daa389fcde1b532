"""kill -9 of `stint sync` at random moments, many times: after a clean sync the server
and the store are exactly as after a run that was never interrupted."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from stint.domain.clock import FixedClock
from tests.conftest import CLI
from tests.fakes.httpfake import FakeRequest, FakeResponse
from tests.fakes.wapify import FakeWapify
from tests.sync.conftest import T0

ROOT = Path(__file__).resolve().parents[2]


class WatchedFake(FakeWapify):
    """Signals when the sync's request number `target` arrives, so the test kills the
    process at a chosen point of the cycle (mid-request: the server has it, the
    reply may or may not get back) by waiting on a condition, not a sleep."""

    def __init__(self, clock: FixedClock) -> None:
        super().__init__(clock=clock)
        self.seen = threading.Event()
        self.target = 1_000_000
        self._count = 0
        self._lock = threading.Lock()

    def watch(self, target: int) -> None:
        with self._lock:
            self._count, self.target = 0, target
            self.seen.clear()

    def handle(self, request: FakeRequest) -> FakeResponse:
        with self._lock:
            self._count += 1
            if self._count >= self.target:
                self.seen.set()
        return super().handle(request)


def _setup(home: Path, fake: FakeWapify, url: str) -> CLI:
    cli = CLI(home, FixedClock(T0), tz="UTC")
    cli.env["T"] = fake.token
    cli.ok("account", "add", "w", "--kind", "wapify", "--url", url, "--token-env", "T")
    for i in range(3):
        cli.ok("new", f"Task {i}", "--start")
        cli.clock.advance(minutes=5)
    cli.ok("set-status", "Website", "REVIEW")
    cli.ok("start", "Website")
    return cli


def _state(cli: CLI, fake: FakeWapify) -> tuple:
    titles = {t.id: t.title for t in fake.tasks.values()}
    server = (sorted((t.title, t.status_id) for t in fake.tasks.values()),
              sorted((titles[t.task_id], t.ended_at is None) for t in fake.times.values()))
    status = cli.ok("status", "--json").json()
    entries = cli.ok("entries", "--json").json() if "entries" in cli.ok("--help").out else None
    return server, status["pending_ops"], status["failed_ops"], entries and sorted(
        (e.get("task"), e.get("sync")) for e in entries)


def _sync_process(home: Path, env: dict[str, str]) -> subprocess.Popen[bytes]:
    code = "import sys; from stint.cli import main; sys.exit(main(['sync']))"
    return subprocess.Popen([sys.executable, "-c", code], env=env, cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _asked_not_duplicated(cli: CLI, fake: FakeWapify, run: int) -> None:
    """The one way a killed run may end unlike the reference: a create killed in
    flight whose task the server made. Wapify shows neither who made a task nor
    when, so it cannot be shown to be ours: the create is asked of the person (and
    the ops on its task wait), and still nothing is sent twice or lost."""
    failed = cli.ok("status", "--json").json()["failed"]
    assert failed and all(op["kind"] == "create_task" and "cannot be shown" in op["error"] for op in failed), \
        f"run {run} differs: {failed}"
    titles = [t.title for t in fake.tasks.values()]
    assert len(titles) == len(set(titles)), f"run {run} duplicated a task: {titles}"
    starts = [t.task_id for t in fake.times.values()]
    assert len(starts) == len(set(starts)), f"run {run} duplicated a timer"


@pytest.mark.slow
def test_kill9_during_sync_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    rng = random.Random(20261123)
    reference = None
    cycle_requests = 0
    killed_after: list[int] = []
    for run in range(16):
        fake = WatchedFake(FixedClock(T0))
        fake.web_create_task("Website")
        home = tmp_path / f"run{run}"
        home.mkdir()
        with fake.serve() as url:
            cli = _setup(home, fake, url)
            before = len(fake.requests)
            if run > 0:  # run 0 is the reference: never interrupted
                # Killed while the server handles a random request of the cycle
                # (`account add` made requests too: only the sync's own count).
                fake.watch(rng.randint(1, cycle_requests))
                env = {**os.environ, **cli.env, "PYTHONPATH": str(ROOT / "app") + os.pathsep + str(ROOT)}
                proc = _sync_process(home, env)
                assert fake.seen.wait(30), "stint sync never reached the server"
                proc.send_signal(signal.SIGKILL)
                proc.wait(10)
                killed_after.append(len(fake.requests) - before)
            result = cli("sync")
            assert result.code == 0, result.out + result.err
            if run == 0:
                cycle_requests = len(fake.requests) - before
            state = _state(cli, fake)
        if reference is None:
            reference = state
        if state != reference:
            _asked_not_duplicated(cli, fake, run)
    # The kills landed at different points of the cycle, not all before or after it.
    assert len(set(killed_after)) >= 3, killed_after
