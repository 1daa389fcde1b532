"""A sync cycle with nothing to do: how many requests and how long. Prints figures;
never fails. Target: at most 3 requests."""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "app"), str(ROOT)]

from stint.accounts import Accounts  # noqa: E402
from stint.domain.clock import FixedClock  # noqa: E402
from stint.store.db import open_engine  # noqa: E402
from stint.sync.engine import SyncEngine  # noqa: E402
from tests.fakes.wapify import FakeWapify  # noqa: E402


def main() -> None:
    clock = FixedClock(datetime(2026, 2, 2, 8, tzinfo=timezone.utc))
    fake = FakeWapify(clock=clock)
    for i in range(50):
        fake.web_create_task(f"Task {i}")
    with tempfile.TemporaryDirectory() as tmp, fake.serve() as url:
        engine = open_engine(Path(tmp) / "bench.sqlite3")
        accounts = Accounts(engine, clock, env={"T": fake.token})
        accounts.add("w", "wapify", url, token=fake.token, credential="env:T")
        sync = SyncEngine(engine, accounts.backend_for, clock)
        sync.run_once(force=True)  # first cycle: statuses and caches
        clock.advance(seconds=60)
        before = len(fake.requests)
        start = time.perf_counter()
        report = sync.run_once()
        took = time.perf_counter() - start
        print(f"idle cycle: {len(fake.requests) - before} requests (target <= 3), "
              f"{took * 1000:.1f} ms, ok={report.ok}")
        print("requests:", fake.requests[before:])
        accounts.close()


if __name__ == "__main__":
    main()
