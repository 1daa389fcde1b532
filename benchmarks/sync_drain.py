"""Drain 1,000 queued ops against the fake Wapify over real loopback HTTP, and compare
with a bare httpx loop making the same requests. Prints figures; never fails."""

from __future__ import annotations

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
from stint.store.db import open_engine  # noqa: E402
from stint.sync.engine import SyncEngine  # noqa: E402
from tests.fakes.wapify import FakeWapify  # noqa: E402

N = 1000


def main() -> None:
    clock = FixedClock(datetime(2026, 2, 2, 8, tzinfo=timezone.utc))
    fake = FakeWapify(clock=clock)
    for i in range(N):
        fake.web_create_task(f"Task {i}")
    with tempfile.TemporaryDirectory() as tmp, fake.serve() as url:
        engine = open_engine(Path(tmp) / "bench.sqlite3")
        accounts = Accounts(engine, clock, env={"T": fake.token})
        accounts.add("w", "wapify", url, token=fake.token, credential="env:T")
        tracker = Tracker(engine, clock)
        for i in range(N):  # one status change per task: every op is one PUT
            tracker.set_status(f"w:{i + 1}", "REVIEW")
        sync = SyncEngine(engine, accounts.backend_for, clock)
        before = fake.count("PUT")
        start = time.perf_counter()
        report = sync.run_once(force=True)
        took = time.perf_counter() - start
        sent = fake.count("PUT") - before
        client = httpx.Client()
        headers = {"Authorization": f"Bearer {fake.token}"}
        start = time.perf_counter()
        for i in range(sent):
            client.put(f"{url}/{i + 1}/status", json={"status_id": 3}, headers=headers)
        bare = time.perf_counter() - start
        print(f"ops queued: {N}, PUTs sent: {sent}")
        print(f"sync drain: {took:.2f} s for the cycle, {N / took:.0f} ops/s, report ok={report.ok}")
        print(f"bare httpx loop, same {sent} requests: {bare:.2f} s")
        print(f"ratio (whole cycle incl. pull): {took / max(bare, 1e-9):.2f}x (target <= 1.2x)")
        accounts.close()


if __name__ == "__main__":
    main()
