"""Drain 1,000 queued ops against the fake Wapify over real loopback HTTP, and compare
with a bare httpx loop making the same requests. Prints figures; never fails.

Each side runs ROUNDS times, interleaved (a fresh database and queue per sync
round), and the best of each is compared: on a shared machine the spread between
rounds is larger than the difference being measured.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "app"), str(ROOT)]

import httpx  # noqa: E402

from stint.accounts import Accounts  # noqa: E402
from stint.domain.clock import FixedClock  # noqa: E402
from stint.store.actions import Tracker  # noqa: E402
from stint.store.database import open_database  # noqa: E402
from stint.store.db import open_engine  # noqa: E402
from stint.sync.engine import SyncEngine  # noqa: E402
from tests.fakes.wapify import FakeWapify  # noqa: E402

N = 1000
ROUNDS = 3


def drain(fake: FakeWapify, url: str, clock: FixedClock, tmp: Path) -> tuple[float, int, int, bool]:
    """One sync cycle over N queued status changes: (seconds, PUTs sent, requests, ok)."""
    engine = open_engine(tmp / "bench.sqlite3")
    accounts = Accounts(engine, clock, env={"T": fake.token})
    try:
        accounts.add("w", "wapify", url, token=fake.token, credential="env:T")
        tracker = Tracker(open_database(engine.url.database), clock)
        for i in range(N):  # one status change per task: every op is one PUT
            tracker.set_status(f"w:{i + 1}", "REVIEW")
        sync = SyncEngine(engine, accounts.backend_for, clock)
        before = fake.count("PUT")
        start = time.perf_counter()
        report = sync.run_once(force=True)
        took = time.perf_counter() - start
        return took, fake.count("PUT") - before, report.accounts[0].requests, report.ok
    finally:
        accounts.close()
        engine.dispose()


def bare(fake: FakeWapify, url: str, n: int) -> float:
    headers = {"Authorization": f"Bearer {fake.token}"}
    with httpx.Client() as client:
        start = time.perf_counter()
        for i in range(n):
            client.put(f"{url}/{i + 1}/status", json={"status_id": 3}, headers=headers)
        return time.perf_counter() - start


def main() -> None:
    clock = FixedClock(datetime(2026, 2, 2, 8, tzinfo=timezone.utc))
    syncs: list[float] = []
    loops: list[float] = []
    for r in range(ROUNDS):
        fake = FakeWapify(clock=clock)  # a fresh server per round: every task still to change
        for i in range(N):
            fake.web_create_task(f"Task {i}")
        with fake.serve() as url, tempfile.TemporaryDirectory() as tmp:
            took, sent, requests, ok = drain(fake, url, clock, Path(tmp))
            syncs.append(took)
            loops.append(bare(fake, url, sent))
        print(f"round {r + 1}: sync {took:.2f} s ({sent} PUTs, {requests} requests, ok={ok}), "
              f"bare loop {loops[-1]:.2f} s")
    best_sync, best_bare = min(syncs), min(loops)
    print(f"ops queued: {N}; sync drain best {best_sync:.2f} s ({N / best_sync:.0f} ops/s), "
          f"median {statistics.median(syncs):.2f} s")
    print(f"bare httpx loop, same requests: best {best_bare:.2f} s, median {statistics.median(loops):.2f} s")
    print(f"ratio (whole cycle incl. pull, best of {ROUNDS}): {best_sync / max(best_bare, 1e-9):.2f}x "
          f"(target <= 1.2x)")


if __name__ == "__main__":
    main()
