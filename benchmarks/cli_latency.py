#!/usr/bin/env python3
"""How long `stint start`, `stint status` and `stint stop` take as separate processes,
beside Watson and Timewarrior doing the same, and how much that and `stint timesheet`
/ `stint entries` change when the database holds a million entries.

    .venv/bin/python benchmarks/cli_latency.py            # full run (~2-3 min; first run seeds ~15 s)
    .venv/bin/python benchmarks/cli_latency.py --quick    # seconds: 3 runs, 10,000 entries

Section 1 — an empty database (a few tasks, no entries): median wall time over
--runs cycles of start → status (timer running) → stop, after --warmup cycles that
are not counted, and each command's peak RSS; Stint twice, with STINT_HOME and with
the XDG folders a person's `stint` uses (no STINT_HOME). Targets for Stint (issue 16): ≤ 60 ms
each, and faster than Watson in the same run.

Section 2 — scale: the same cycle, then `timesheet` and `entries` for this week and
for a busy week of the data (2020-W02: ~1,900 entries), on a database with 1,000
tasks and no entries and on one with 1,000 tasks and 1,000,000 entries over ten
years; the ratio of medians. Targets: ≤ ×1.10, and ≤ 150 ms for this week's
`timesheet` and `entries`. Timewarrior is compared the same way, at 0 and ~17,000
records.

All the tools of a section run interleaved, cycle by cycle, so that background load
hits them alike. Peak RSS comes from `/usr/bin/time -f %M` in --rss-runs extra cycles
(see _common.run_measured for why not getrusage(RUSAGE_CHILDREN) deltas or wait4).

The script prints figures and never fails on them: it exits 0 whatever the timings,
and a peer that is missing is reported as "not installed". It exits 1 only when a
Stint command itself fails, since then there is nothing meaningful to time.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import _common as c

TARGET_MS = 60.0
TARGET_RATIO = 1.10
TARGET_REPORT_MS = 150.0
COMMANDS = ("start", "status", "stop")
BUSY_WEEK = "2020-W02"  # in the middle of the seeded data
REPORTS = ("timesheet", "entries", f"timesheet {BUSY_WEEK}", f"entries {BUSY_WEEK}")


@dataclass
class Step:
    command: str  # one of COMMANDS (or "run" for the floor)
    argv: list[str]
    ok: tuple[int, ...] = (0,)
    before: Callable[[], None] | None = None  # untimed, just before the command
    after: Callable[[], None] | None = None  # untimed, just after it


@dataclass
class Subject:
    name: str
    env: dict[str, str]
    steps: list[Step]
    required: bool = False  # Stint: a failure aborts; a peer: it is dropped with a note
    cleanup: list[Path] = field(default_factory=list)
    series: dict[str, c.Series] = field(default_factory=dict)
    error: str | None = None


def run_interleaved(subjects: list[Subject], runs: int, warmup: int, rss_rounds: int) -> None:
    """Each round runs every tool's cycle once, interleaved command by command (every
    tool's start, then every tool's status, then every stop), so background load hits
    all tools alike. Then `rss_rounds` more rounds under /usr/bin/time for peak RSS."""
    total = warmup + runs + rss_rounds
    for rnd in range(total):
        timed = warmup <= rnd < warmup + runs
        for i in range(max(len(s.steps) for s in subjects)):
            for subj in subjects:
                if subj.error or i >= len(subj.steps):
                    continue
                step = subj.steps[i]
                if step.before:
                    step.before()
                sample = c.run_measured(step.argv, subj.env, rss_wrapper=rnd >= warmup + runs)
                if step.after:
                    step.after()
                try:
                    c.check(sample, step.argv, step.ok)
                except c.CommandFailed as exc:
                    if subj.required:
                        raise
                    subj.error = f"error: {exc}"
                    continue
                series = subj.series.setdefault(step.command, c.Series())
                if timed:
                    series.add(sample)
                elif rnd >= warmup + runs:
                    series.add_rss(sample)


def tool_version(argv: list[str]) -> str:
    try:
        out = subprocess.run(argv, capture_output=True, text=True, timeout=60,
                             stdin=subprocess.DEVNULL)
        return (out.stdout or out.stderr).strip().splitlines()[0].split()[-1]
    except (OSError, subprocess.SubprocessError, IndexError):
        return "?"


# -- subjects ------------------------------------------------------------------------


def stint_subject(name: str, home: Path, *, reports: bool = False, env: dict[str, str] | None = None) -> Subject:
    """start → status → stop; with `reports`, then this week's and the busy week's
    timesheet and entries listing."""
    exe = c.stint_executable()
    steps = [Step("start", [exe, "start", "1"]), Step("status", [exe, "status"]), Step("stop", [exe, "stop"])]
    if reports:
        for label in REPORTS:
            command, _, week = label.partition(" ")
            steps.append(Step(label, [exe, command] + (["--week", week] if week else [])))
    return Subject(name, env or c.stint_env(home), steps, required=True, cleanup=[home])


def xdg_env(home: Path) -> dict[str, str]:
    """No STINT_HOME: the folders a person's `stint` finds (stint.dirs), under `home`."""
    env = c.base_env()
    env.update(HOME=str(home), XDG_DATA_HOME=str(home / "data"), XDG_CONFIG_HOME=str(home / "config"),
               XDG_STATE_HOME=str(home / "state"))
    return env


def stint_fresh_home(env_for: Callable[[Path], dict[str, str]] = c.stint_env) -> Path:
    """A new home (STINT_HOME, or XDG folders) with the schema and two local tasks,
    made through the CLI."""
    home = Path(tempfile.mkdtemp(prefix="stint-bench-"))
    env = env_for(home)
    exe = c.stint_executable()
    for argv in ([exe, "status"], [exe, "new", "Write the report", "--local"],
                 [exe, "new", "Review the budget", "--local"]):
        c.check(c.run_measured(argv, env), argv)
    return home


def watson_subject(exe: str) -> Subject:
    d = Path(tempfile.mkdtemp(prefix="watson-bench-"))
    env = c.base_env()
    env["WATSON_DIR"] = str(d)
    return Subject(
        f"watson {tool_version([exe, '--version'])}", env,
        [Step("start", [exe, "start", "proj"]), Step("status", [exe, "status"]),
         Step("stop", [exe, "stop"])],
        cleanup=[d],
    )


def timew_subject(exe: str, name: str, db: Path) -> Subject:
    gate = c.SecondGate()
    return Subject(
        name, c.timew_env(db),
        [Step("start", [exe, "start", "tag"], after=gate.mark), Step("status", [exe]),
         Step("stop", [exe, "stop"], before=gate.wait)],
        cleanup=[db],
    )


def peer_subjects(install: bool) -> tuple[list[Subject], list[str]]:
    """Watson and Timewarrior where they can be had, then the `python -c pass` floor;
    and a line for each peer that is missing, saying why."""
    subjects: list[Subject] = []
    missing: list[str] = []
    watson, how = c.find_watson(install=install)
    if watson:
        subjects.append(watson_subject(watson))
    else:
        missing.append(f"watson: {how}")
    timew, how = c.find_timew()
    if timew:
        subjects.append(timew_subject(timew, f"timewarrior {tool_version([timew, '--version'])}",
                                      c.timew_new_db()))
    else:
        missing.append(f"timewarrior: {how}")
    subjects.append(floor_subject())
    return subjects, missing


def floor_subject() -> Subject:
    return Subject("python -c pass (floor)", c.base_env(),
                   [Step("run", [sys.executable, "-c", "pass"])])


# -- printing ------------------------------------------------------------------------


def print_table(subjects: list[Subject], target_for: Callable[[Subject, str], str],
                commands: tuple[str, ...] = COMMANDS) -> None:
    shown = [s for s in subjects if "run" not in s.series]
    width = max(len(s.name) for s in subjects) + 2
    cw = max(len(cmd) for cmd in commands) + 2
    print(f"  {'command':<{cw}}{'tool':<{width}}{'median':>10}{'min':>10}{'max':>10}{'peak RSS':>12}  target")
    for cmd in commands:
        for i, subj in enumerate(shown):
            label = cmd if i == 0 else ""
            series = subj.series.get(cmd)
            if subj.error or series is None:
                if cmd == commands[0]:
                    print(f"  {label:<{cw}}{subj.name:<{width}}{subj.error or 'not measured'}")
                continue
            print(
                f"  {label:<{cw}}{subj.name:<{width}}{series.median_ms:>7.1f} ms{series.min_ms:>7.1f} ms"
                f"{series.max_ms:>7.1f} ms{series.peak_rss_mib:>8.1f} MiB  {target_for(subj, cmd)}"
            )
    for subj in subjects:
        if "run" in subj.series:
            series = subj.series["run"]
            print(f"  {subj.name}: median {series.median_ms:.1f} ms, peak RSS {series.peak_rss_mib:.1f} MiB")


# -- sections ------------------------------------------------------------------------


def section_empty(args: argparse.Namespace, runs: int, warmup: int) -> dict[str, object]:
    print(f"\n== 1. One command per process, empty database — median of {runs} cycles "
          f"(start → status → stop) after {warmup} warm-up, tools interleaved")
    stint = stint_subject("stint", stint_fresh_home())
    xdg_home = stint_fresh_home(xdg_env)
    xdg = stint_subject("stint, XDG folders", xdg_home, env=xdg_env(xdg_home))
    peers, missing = peer_subjects(install=not args.no_install)
    subjects = [stint, xdg, *peers]
    try:
        run_interleaved(subjects, runs, warmup, args.rss_runs)

        watson = next((s for s in peers if s.name.startswith("watson") and not s.error), None)

        def target(subj: Subject, cmd: str) -> str:
            if subj not in (stint, xdg):
                return ""
            med = subj.series[cmd].median_ms
            text = f"≤ {TARGET_MS:.0f} ms {c.verdict(med <= TARGET_MS)}"
            if watson is not None and cmd in watson.series:
                faster = med < watson.series[cmd].median_ms
                text += f"; faster than Watson {c.verdict(faster)}"
            return text

        print_table(subjects, target)
        for note in missing:
            print(f"  {note}")
        return {s.name: s.error or {k: v.as_dict() for k, v in s.series.items()} for s in subjects} | {
            m.split(":")[0]: "not installed" for m in missing}
    finally:
        for s in subjects:
            for p in s.cleanup:
                shutil.rmtree(p, ignore_errors=True)


def section_scale(args: argparse.Namespace, runs: int, warmup: int) -> dict[str, object]:
    entries, tasks, records = args.entries, args.tasks, args.timew_records
    print(f"\n== 2. Scale — {tasks:,} tasks with 0 vs {entries:,} entries (~10 years); "
          f"median of {runs} cycles after {warmup} warm-up, interleaved")
    empty_db = c.stint_cached_db(0, tasks, log=print)
    big_db = c.stint_cached_db(entries, tasks, log=print)
    small = stint_subject("stint, 0 entries", c.fresh_home_from(empty_db), reports=True)
    big = stint_subject(f"stint, {entries:,} entries", c.fresh_home_from(big_db), reports=True)
    subjects = [small, big]
    timew, how = c.find_timew()
    if timew:
        t0 = timew_subject(timew, "timewarrior, 0 records", c.timew_new_db())
        seeded = c.timew_new_db()
        c.timew_seed(seeded, records)
        t1 = timew_subject(timew, f"timewarrior, {records:,} records", seeded)
        subjects += [t0, t1]
    try:
        run_interleaved(subjects, runs, warmup, args.rss_runs)

        def target(subj: Subject, cmd: str) -> str:
            if subj is big or (timew and subj is subjects[-1]):
                base = small if subj is big else subjects[-2]
                if base.error or cmd not in base.series:
                    return ""
                ratio = subj.series[cmd].median_ms / base.series[cmd].median_ms
                by_min = subj.series[cmd].min_ms / base.series[cmd].min_ms
                text = f"×{ratio:.2f} median, ×{by_min:.2f} min"
                if subj is big and cmd.startswith(("timesheet", "entries")) and " " in cmd:
                    return f"{text} (a busy week: more to show than on the empty one)"
                if subj is big:
                    text += f" (median ≤ ×{TARGET_RATIO:.2f} {c.verdict(ratio <= TARGET_RATIO)})"
                    if cmd in ("timesheet", "entries"):
                        med = subj.series[cmd].median_ms
                        text += f"; ≤ {TARGET_REPORT_MS:.0f} ms {c.verdict(med <= TARGET_REPORT_MS)}"
                return text
            return ""

        print_table(subjects, target, COMMANDS + REPORTS)
        if not timew:
            print(f"  timewarrior: {how}")
        result: dict[str, object] = {
            s.name: s.error or {k: v.as_dict() for k, v in s.series.items()} for s in subjects}
        result["ratios"] = {
            cmd: round(big.series[cmd].median_ms / small.series[cmd].median_ms, 3) for cmd in COMMANDS + REPORTS}
        result["ratios_min"] = {
            cmd: round(big.series[cmd].min_ms / small.series[cmd].min_ms, 3) for cmd in COMMANDS + REPORTS}
        return result
    finally:
        for s in subjects:
            for p in s.cleanup:
                shutil.rmtree(p, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--runs", type=int, default=15, help="timed cycles per tool (default 15)")
    p.add_argument("--warmup", type=int, default=2, help="untimed cycles first (default 2)")
    p.add_argument("--entries", type=int, default=1_000_000)
    p.add_argument("--tasks", type=int, default=1_000)
    p.add_argument("--timew-records", type=int, default=17_000)
    p.add_argument("--rss-runs", type=int, default=2,
                   help="extra cycles under /usr/bin/time for peak RSS (default 2)")
    p.add_argument("--quick", action="store_true",
                   help="3 runs, no warm-up, 1 RSS run, 10,000 entries, 100 tasks, 1,700 Timewarrior records")
    p.add_argument("--no-install", action="store_true",
                   help="do not pip-install Watson into benchmarks/.peers/ when it is missing")
    p.add_argument("--only", choices=("empty", "scale"), help="run one section")
    p.add_argument("--json", metavar="PATH", help="also write the figures as JSON")
    args = p.parse_args(argv)
    if args.quick:
        args.runs, args.warmup, args.rss_runs = 3, 0, 1
        args.entries, args.tasks, args.timew_records = 10_000, 100, 1_700
    c.ensure_bytecode()
    print(f"stint CLI latency · {c.machine_line()}")
    print(f"stint: {c.stint_executable()} · schema {c.schema_head()}")
    print(c.rss_method())
    results: dict[str, object] = {"machine": c.machine_line(), "runs": args.runs, "warmup": args.warmup}
    try:
        if args.only in (None, "empty"):
            results["empty"] = section_empty(args, args.runs, args.warmup)
        if args.only in (None, "scale"):
            results["scale"] = section_scale(args, args.runs, args.warmup)
    except c.CommandFailed as exc:
        print(f"\nstint failed, nothing to time: {exc}", file=sys.stderr)
        return 1
    print(f"\n(done; {c.machine_line().split(' · ')[-2]} — medians are unreliable when the load "
          "is near the core count: compare the min columns then)")
    c.write_json(args.json, results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
