#!/usr/bin/env python3
"""`stint start` / `status` / `stop` while the desktop app runs: the commands are
handed to the app over its local socket (stint.ipc), beside Watson and
Timewarrior doing the same.

    .venv/bin/python benchmarks/handoff_latency.py            # 15 cycles after 2 warm-up
    .venv/bin/python benchmarks/handoff_latency.py --quick    # 3 cycles
    .venv/bin/python benchmarks/handoff_latency.py --platform offscreen

The app (`stint` with no command) runs as its own process, on a virtual X display
with a tray host (Xvfb + trayer, as benchmarks/app_startup.py) or, with
`--platform offscreen` or when those tools are missing, on Qt's offscreen platform
(there the window is the app). The harness waits until the app answers over its
socket, checks once that a handed-off command really skips the CLI (no SQLAlchemy
import under `python -X importtime`), then times cycles of start → status → stop
exactly as benchmarks/cli_latency.py does (same code: spawn to reap, tools
interleaved command by command, peak RSS under /usr/bin/time in extra cycles).
Target (issue 16): ≤ 35 ms each.

Never fails on figures: exits 0 whatever they are; a missing peer is printed as
"not installed". Exits 1 only if the app does not start or a Stint command fails.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from contextlib import ExitStack
from pathlib import Path

import _common as c
from cli_latency import (
    COMMANDS, Subject, peer_subjects, print_table, run_interleaved, stint_fresh_home, stint_subject,
)

TARGET_MS = 35.0
READY_TIMEOUT_S = 60.0


def wait_ready(proc: subprocess.Popen, home: Path) -> float | None:  # type: ignore[type-arg]
    """Seconds from now until the app answers `status` over its socket; None if never."""
    from stint import ipc

    where = ipc.address(str(home))

    def probe() -> bool:
        if proc.poll() is not None:
            return True  # dead: stop polling, the caller looks at the process
        reply = ipc.forward(["status"], where, env={"TZ": "UTC"})
        return reply is not None and reply.exit == 0

    t0 = time.perf_counter()
    ok, t = c.poll_until(probe, t0 + READY_TIMEOUT_S, interval=0.01)
    return t - t0 if ok and proc.poll() is None else None


def handed_off(home: Path) -> tuple[bool, str]:
    """Run `stint status` once under -X importtime: a handed-off command imports
    neither the CLI's parser modules nor SQLAlchemy."""
    run = subprocess.run([sys.executable, "-X", "importtime", c.stint_executable(), "status"],
                         env=c.stint_env(home), capture_output=True, text=True, timeout=60,
                         stdin=subprocess.DEVNULL)
    modules = [line.split("|")[-1].strip() for line in run.stderr.splitlines() if line.startswith("import time:")]
    heavy = [m for m in modules if m.startswith(("sqlalchemy", "stint.cli", "stint.store"))]
    if run.returncode != 0:
        return False, f"`stint status` exited {run.returncode}: {run.stderr.strip()[-300:]}"
    if heavy:
        return False, f"NOT handed off: the client imported {', '.join(heavy[:4])}…"
    return True, f"handed off: the client imported {len(modules)} modules, none of sqlalchemy/stint.cli/stint.store"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--runs", type=int, default=15, help="timed cycles per tool (default 15)")
    p.add_argument("--warmup", type=int, default=2, help="untimed cycles first (default 2)")
    p.add_argument("--rss-runs", type=int, default=2,
                   help="extra cycles under /usr/bin/time for peak RSS (default 2)")
    p.add_argument("--platform", choices=("auto", "xvfb", "offscreen"), default="auto",
                   help="where the app runs: Xvfb + trayer (auto: when installed) or Qt offscreen")
    p.add_argument("--quick", action="store_true", help="3 runs, no warm-up, 1 RSS run")
    p.add_argument("--no-install", action="store_true",
                   help="do not pip-install Watson into benchmarks/.peers/ when it is missing")
    p.add_argument("--json", metavar="PATH", help="also write the figures as JSON")
    args = p.parse_args(argv)
    if args.quick:
        args.runs, args.warmup, args.rss_runs = 3, 0, 1

    c.ensure_bytecode()
    print(f"stint hand-off latency (desktop app running) · {c.machine_line()}")
    print(c.rss_method())
    results: dict[str, object] = {"machine": c.machine_line(), "runs": args.runs, "warmup": args.warmup}
    home = stint_fresh_home()
    subjects: list[Subject] = []
    with ExitStack() as stack:
        stack.callback(shutil.rmtree, home, ignore_errors=True)
        env = c.stint_env(home)
        platform = args.platform
        if platform in ("auto", "xvfb"):
            try:
                disp = stack.enter_context(c.XDisplay(tray=True))
                env |= disp.env
                platform = f"xcb on Xvfb {disp.env['DISPLAY']} + trayer"
            except RuntimeError as exc:
                if args.platform == "xvfb":
                    print(f"no virtual display: {exc}")
                    return 1
                print(f"(no virtual display: {exc}; using Qt offscreen)")
                platform = "offscreen"
        if platform == "offscreen":
            env["QT_QPA_PLATFORM"] = "offscreen"
            platform = "Qt offscreen (no tray: the window is the app)"
        log = stack.enter_context(open(home / "app-stderr.txt", "wb"))
        app = subprocess.Popen([c.stint_executable()], env=env, stdin=subprocess.DEVNULL,
                               stdout=subprocess.DEVNULL, stderr=log)
        stack.callback(c.stop_process, app)
        ready = wait_ready(app, home)
        if ready is None:
            log.flush()
            tail = (home / "app-stderr.txt").read_text(errors="replace").strip()[-500:]
            print(f"\nthe app did not answer on its socket within {READY_TIMEOUT_S:.0f} s "
                  f"(rc {app.poll()}): {tail}", file=sys.stderr)
            return 1
        print(f"app: `stint` on {platform}, pid {app.pid}, answering {ready * 1000:.0f} ms after spawn")
        ok, how = handed_off(home)
        print(f"check: {how}")
        results.update(platform=platform, handed_off=ok)

        print(f"\n== `stint` commands handed to the running app — median of {args.runs} cycles "
              f"(start → status → stop) after {args.warmup} warm-up, tools interleaved")
        stint = stint_subject("stint → app", home)
        stint.cleanup = []  # the home is removed by the stack, after the app stops
        peers, missing = peer_subjects(install=not args.no_install)
        subjects = [stint, *peers]
        try:
            run_interleaved(subjects, args.runs, args.warmup, args.rss_runs)
        except c.CommandFailed as exc:
            print(f"\nstint failed, nothing to time: {exc}", file=sys.stderr)
            return 1
        finally:
            for s in subjects:
                for path in s.cleanup:
                    shutil.rmtree(path, ignore_errors=True)

        def target(subj: Subject, cmd: str) -> str:
            if subj is not stint:
                return ""
            med = subj.series[cmd].median_ms
            return f"≤ {TARGET_MS:.0f} ms {c.verdict(med <= TARGET_MS)}"

        print_table(subjects, target)
        for line in missing:
            print(f"  {line}")
        alive = app.poll() is None
        if alive:
            m = c.memory_of(app.pid)
            print(f"  the app after {len(COMMANDS) * (args.runs + args.warmup + args.rss_runs) + 1} handed-off "
                  f"commands: alive, RSS {m.rss_mb:.1f} MB, PSS {m.pss_mb:.1f} MB")
            results["app_rss_mb"] = round(m.rss_mb, 1)
        else:
            print(f"  the app exited during the run (rc {app.returncode})")
        results["tools"] = {s.name: s.error or {k: v.as_dict() for k, v in s.series.items()} for s in subjects} | {
            m.split(":")[0]: "not installed" for m in missing}
    print(f"\n(done; {c.machine_line().split(' · ')[-2]} — medians are unreliable when the load "
          "is near the core count: compare the min columns then)")
    c.write_json(args.json, results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
