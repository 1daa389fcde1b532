#!/usr/bin/env python3
"""The weekly timesheet over a database of 1,000,000 entries, computed in-process.

    .venv/bin/python benchmarks/timesheet_1m.py            # full run (seeds ~15 s the first time)
    .venv/bin/python benchmarks/timesheet_1m.py --quick    # 10,000 entries, 3 runs
    .venv/bin/python benchmarks/timesheet_1m.py --profile  # + cProfile of one warm call

Calls stint.timesheet.build.weekly(db, year, week, tz=…, now=…) with the store
from stint.store.database.open_database on a copy of the cached seeded database (see
_common.seed_stint: ~1,900 entries a week, spread evenly over 2015–2024), for a fixed
week in the middle of the data (2020-W02, Europe/Berlin).

Reports the first call in the process (which also opens the connection) and the median of --runs further calls. Target: median ≤ 100 ms.
For scale it also times the same rows fetched with plain sqlite3: the database's floor.
Never fails on timings: exits 0 whatever they are.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import _common as c

TARGET_MS = 100.0
YEAR, WEEK = 2020, 2
TZ_NAME = "Europe/Berlin"
NOW = datetime(2025, 1, 1, tzinfo=timezone.utc)


def raw_fetch(db: Path, start: int, end: int) -> int:
    """The rows `weekly` needs, by hand: the floor SQLite sets."""
    conn = sqlite3.connect(db)
    try:
        rows = conn.execute(
            "SELECT e.task_id, t.title, t.project, e.started_at, e.ended_at, e.sync"
            " FROM entry e JOIN task t ON t.id = e.task_id"
            " WHERE e.deleted = 0 AND e.started_at < ? AND e.started_at >= ?"
            " ORDER BY e.started_at",
            (end, start - 7 * 86400),
        ).fetchall()
    finally:
        conn.close()
    return len(rows)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--entries", type=int, default=1_000_000)
    p.add_argument("--tasks", type=int, default=1_000)
    p.add_argument("--runs", type=int, default=9, help="timed calls after the first (default 9)")
    p.add_argument("--quick", action="store_true", help="10,000 entries, 100 tasks, 3 runs")
    p.add_argument("--profile", action="store_true", help="print a cProfile of one warm call")
    p.add_argument("--json", metavar="PATH", help="also write the figures as JSON")
    args = p.parse_args(argv)
    if args.quick:
        args.entries, args.tasks, args.runs = 10_000, 100, 3

    c.ensure_bytecode()
    print(f"stint weekly timesheet · {c.machine_line()}")
    cached = c.stint_cached_db(args.entries, args.tasks, log=print)

    t0 = time.perf_counter()
    from stint.store.database import open_database
    from stint.timesheet.build import weekly
    import_ms = (time.perf_counter() - t0) * 1000

    tz = ZoneInfo(TZ_NAME)
    with tempfile.TemporaryDirectory(prefix="stint-ts-") as tmp:
        db = Path(tmp) / "stint.sqlite3"
        shutil.copyfile(cached, db)
        t0 = time.perf_counter()
        store = open_database(db)
        open_ms = (time.perf_counter() - t0) * 1000
        try:
            t0 = time.perf_counter()
            sheet = weekly(store, YEAR, WEEK, tz=tz, now=NOW)
            first_ms = (time.perf_counter() - t0) * 1000
            walls = []
            for _ in range(args.runs):
                t0 = time.perf_counter()
                weekly(store, YEAR, WEEK, tz=tz, now=NOW)
                walls.append(time.perf_counter() - t0)
            start, end = int(sheet.period.start.timestamp()), int(sheet.period.end.timestamp())
            raw = []
            for _ in range(max(3, args.runs)):
                t0 = time.perf_counter()
                fetched = raw_fetch(db, start, end)
                raw.append(time.perf_counter() - t0)
            with sqlite3.connect(db) as conn:
                (in_week,) = conn.execute(
                    "SELECT count(*) FROM entry WHERE deleted = 0 AND started_at < ? AND ended_at > ?",
                    (end, start)).fetchone()
            if args.profile:
                import cProfile
                import pstats

                prof = cProfile.Profile()
                prof.enable()
                weekly(store, YEAR, WEEK, tz=tz, now=NOW)
                prof.disable()
                print("\n-- cProfile of one warm call (top 25 by cumulative time)")
                pstats.Stats(prof, stream=sys.stdout).sort_stats("cumulative").print_stats(25)
        finally:
            store.close()

    med = statistics.median(walls) * 1000
    print(f"\n== Weekly timesheet, {args.entries:,} entries / {args.tasks:,} tasks, "
          f"{YEAR}-W{WEEK:02d} in {TZ_NAME}")
    print(f"  week holds {in_week:,} entries ({fetched:,} rows scanned incl. the 7-day look-back) "
          f"→ {len(sheet.rows)} rows, {sheet.total / 3600:.1f} h")
    print(f"  import stint.timesheet.build + database    {import_ms:8.1f} ms  (this process)")
    print(f"  open_database                              {open_ms:8.1f} ms")
    print(f"  first weekly() call (connects)             {first_ms:8.1f} ms")
    print(f"  weekly(), median of {args.runs:<3}                 {med:8.1f} ms  "
          f"(min {min(walls) * 1000:.1f}, max {max(walls) * 1000:.1f})  "
          f"target ≤ {TARGET_MS:.0f} ms {c.verdict(med <= TARGET_MS)}")
    print(f"  same rows via plain sqlite3, median         {statistics.median(raw) * 1000:8.1f} ms  (floor)")
    c.write_json(args.json, {
        "machine": c.machine_line(), "entries": args.entries, "tasks": args.tasks,
        "week": f"{YEAR}-W{WEEK:02d}", "entries_in_week": in_week, "rows": len(sheet.rows),
        "import_ms": round(import_ms, 1), "open_ms": round(open_ms, 1),
        "first_ms": round(first_ms, 1), "median_ms": round(med, 1),
        "raw_sqlite_ms": round(statistics.median(raw) * 1000, 1), "runs": args.runs,
    })
    return 0


if __name__ == "__main__":
    sys.exit(main())
