#!/usr/bin/env python3
"""How fast the desktop app (`stint` with no command) shows itself, and how much
memory it holds when idle, beside gtimelog (a GTK time logger) in the same run.

    .venv/bin/python benchmarks/app_startup.py                  # 5 runs, 60 s idle each (~6 min)
    .venv/bin/python benchmarks/app_startup.py --quick          # 1 run, 2 s idle
    .venv/bin/python benchmarks/app_startup.py --importtime     # + what is imported before the tray shows

Everything runs on virtual X displays (Xvfb; trayer as the freedesktop tray host),
the app as its own process on Qt's xcb platform, exactly as a user starts it. Each
run (round) measures, from the spawn of the process (time.perf_counter):

  A  tray display, never touched:  start → tray icon shown (a viewable window of
     class "stint" docked in trayer's panel); its memory after --idle-seconds; then
     the first command handed to it after that idle time (`stint status`, spawn to
     reap), and a second `stint` (no command) → the app's window shown.
  B  tray display, then clicked:   start → tray icon shown → hand-off answers
     (`status` over the app's socket: the deferred start-up is done); then a left
     click on the icon → main window shown; its memory after --idle-seconds, window open.
  D  display without a tray:       start → main window shown (the app shows its
     window at start when there is no tray: the "window is the app" path).
  G  gtimelog (Debian `gtimelog`): start → its "Time Log" window (class gtimelog)
     shown; its memory after --idle-seconds.

Each app waits for the previous one to go quiet (no CPU for 0.3 s) before it starts,
so their start-ups do not compete; then they idle together. "Shown" is detected by
polling `xdotool search --onlyvisible` (each poll is a process spawn of a few ms: a
figure is late by at most one poll; the script prints the poll's median cost).

Memory: the app's process and all its descendants, summed: VmRSS from
/proc/<pid>/status (what `ps`/`top` show; shared libraries counted in full) and Pss
from /proc/<pid>/smaps_rollup (shared pages divided among their users). The target
is compared with RSS; MB here are 10^6 bytes, as in the target.

Targets (issue 16; medians over --runs): start → tray icon ≤ 0.8× gtimelog's start →
window in the same run (and ≤ 200 ms); idle memory of all Stint processes ≤ 75 MB
with the tray only, ≤ 85 MB with the window open (gtimelog ~57 MB); the first command
handed to the idle app ≤ 60 ms; a second `stint` → window shown ≤ 300 ms. Never fails on figures: exits 0 whatever they are; it exits 1 only if
Stint itself does not start (nothing to time). gtimelog, when missing or failing,
is printed as "not available" with the reason.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import _common as c
from cli_latency import stint_fresh_home

TARGET_TRAY_MS = 200.0
TARGET_TRAY_VS_GTIMELOG = 0.8
TARGET_MEM_MB = 75.0
TARGET_MEM_WINDOW_MB = 85.0
TARGET_FIRST_COMMAND_MS = 60.0
TARGET_SECOND_WINDOW_MS = 300.0
PEER_NOTE = "gtimelog ~350 ms to its window, ~57 MB; Toggl desktop ~130 MB"
SHOW_TIMEOUT_S = 30.0


class StartFailed(RuntimeError):
    pass


@dataclass
class Figures:
    values: dict[str, list[float]] = field(default_factory=dict)

    def add(self, key: str, value: float | None) -> None:
        if value is not None:
            self.values.setdefault(key, []).append(value)

    def median(self, key: str) -> float | None:
        v = self.values.get(key)
        return statistics.median(v) if v else None

    def text(self, key: str, unit: str) -> str:
        v = self.values.get(key)
        if not v:
            return "—"
        fmt = "{:.0f}" if unit == "ms" else "{:.1f}"
        med = fmt.format(statistics.median(v))
        if len(v) == 1:
            return f"{med} {unit}"
        return f"{med} {unit} (min {fmt.format(min(v))}, max {fmt.format(max(v))})"


def cpu_ticks(pids: list[int]) -> int:
    total = 0
    for p in pids:
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime + stime
        except (OSError, IndexError, ValueError):
            continue
    return total


def wait_quiet(pid: int, quiet_s: float = 0.3, timeout_s: float = 15.0) -> None:
    """Until `pid` (and children) used no CPU for `quiet_s` (or `timeout_s` passed)."""
    deadline = time.monotonic() + timeout_s
    last, since = cpu_ticks(c.process_tree(pid)), time.monotonic()
    while time.monotonic() < deadline:
        time.sleep(0.05)
        now = cpu_ticks(c.process_tree(pid))
        if now != last:
            last, since = now, time.monotonic()
        elif time.monotonic() - since >= quiet_s:
            return


class Launched:
    """A started app: its process, its spawn instant, and when it must be sampled."""

    def __init__(self, name: str, argv: list[str], env: dict[str, str], stderr_path: Path) -> None:
        self.name = name
        self.stderr_path = stderr_path
        self._err = stderr_path.open("wb")
        self.t0 = time.perf_counter()
        self.proc = subprocess.Popen(argv, env=env, stdin=subprocess.DEVNULL,
                                     stdout=subprocess.DEVNULL, stderr=self._err)

    def ms_since_start(self, t: float) -> float:
        return (t - self.t0) * 1000

    def alive(self) -> bool:
        return self.proc.poll() is None

    def why_dead(self) -> str:
        self._err.flush()
        tail = self.stderr_path.read_text(errors="replace").strip().splitlines()[-3:]
        return f"exited {self.proc.returncode}: {' | '.join(tail) or 'no output'}"

    def stop(self) -> None:
        c.stop_process(self.proc)
        self._err.close()


def wait_windows(disp: c.XDisplay, app: Launched, cls: str, at_least: int,
                 timeout_s: float = SHOW_TIMEOUT_S) -> tuple[list[str] | None, float]:
    def probe() -> list[str] | None:
        if not app.alive():
            raise StartFailed(f"{app.name} {app.why_dead()}")
        found = disp.visible_windows(cls=cls)
        return found if len(found) >= at_least else None

    found, t = c.poll_until(probe, time.perf_counter() + timeout_s)
    return found, t  # type: ignore[return-value]


def wait_handoff(app: Launched, home: Path, timeout_s: float = SHOW_TIMEOUT_S) -> float | None:
    """perf_counter when the app first answers a `status` over its socket."""
    from stint import ipc

    where = ipc.address(str(home))

    def probe() -> bool:
        if not app.alive():
            raise StartFailed(f"{app.name} {app.why_dead()}")
        reply = ipc.forward(["status"], where, env={"TZ": "UTC"})
        return reply is not None and reply.exit == 0

    ok, t = c.poll_until(probe, time.perf_counter() + timeout_s, interval=0.005)
    return t if ok else None


def gtimelog_env(base: dict[str, str], root: Path) -> dict[str, str]:
    env = dict(base)
    env.update(HOME=str(root), XDG_DATA_HOME=str(root / "data"), XDG_CONFIG_HOME=str(root / "config"),
               XDG_CACHE_HOME=str(root / "cache"))
    return env


def xdotool_cost_ms(disp: c.XDisplay, n: int = 9) -> float:
    walls = []
    for _ in range(n):
        t = time.perf_counter()
        disp.visible_windows(cls="stint")
        walls.append(time.perf_counter() - t)
    return statistics.median(walls) * 1000


# -- one round ---------------------------------------------------------------------


def one_round(rnd: int, args: argparse.Namespace, tray1: c.XDisplay, tray2: c.XDisplay,
              notray: c.XDisplay, homes: dict[str, Path], gtimelog: str | None, gt_root: Path,
              logs: Path, figs: Figures, mem: dict[str, list[c.Memory]],
              notes: dict[str, str]) -> dict[str, c.Memory]:
    exe = c.stint_executable()
    line: list[str] = []
    running: list[Launched] = []
    sampled: dict[str, c.Memory] = {}
    try:
        # D: no tray → the window at start.
        d = Launched("stint (no tray)", [exe], c.stint_env(homes["D"]) | notray.env, logs / f"D{rnd}.err")
        running.append(d)
        found, t = wait_windows(notray, d, "stint", 1)
        figs.add("D_window", d.ms_since_start(t) if found else None)
        line.append(f"D window {d.ms_since_start(t):.0f} ms" if found else "D window: timeout")
        wait_quiet(d.proc.pid)
        d.stop()
        running.remove(d)

        # A: tray, never touched.
        a = Launched("stint (tray)", [exe], c.stint_env(homes["A"]) | tray1.env, logs / f"A{rnd}.err")
        running.append(a)
        found, t = wait_windows(tray1, a, "stint", 1)
        figs.add("A_tray", a.ms_since_start(t) if found else None)
        line.append(f"A tray {a.ms_since_start(t):.0f} ms" if found else "A tray: timeout")
        wait_quiet(a.proc.pid)

        # B: tray, hand-off, then a click opens the window.
        b = Launched("stint (tray, clicked)", [exe], c.stint_env(homes["B"]) | tray2.env, logs / f"B{rnd}.err")
        running.append(b)
        found, t = wait_windows(tray2, b, "stint", 1)
        figs.add("B_tray", b.ms_since_start(t) if found else None)
        ready = wait_handoff(b, homes["B"])
        figs.add("B_ready", b.ms_since_start(ready) if ready else None)
        line.append(f"B tray {b.ms_since_start(t):.0f} ms, ready {b.ms_since_start(ready):.0f} ms"
                    if found and ready else "B: timeout")
        wait_quiet(b.proc.pid)
        if found:
            icon = found[0]
            t_click = time.perf_counter()
            tray2.xdotool("mousemove", "--window", icon, "10", "12", "click", "1")
            opened, t = wait_windows(tray2, b, "stint", 2)
            click_ms = (t - t_click) * 1000 if opened else None
            figs.add("B_click_window", click_ms)
            line.append(f"click→window {click_ms:.0f} ms" if click_ms is not None else "click→window: timeout")
            wait_quiet(b.proc.pid)

        # G: gtimelog, on the first tray display.
        g = None
        if gtimelog and "gtimelog" not in notes:
            g = Launched("gtimelog", [gtimelog], gtimelog_env(tray1.env, gt_root), logs / f"G{rnd}.err")
            try:
                found, t = wait_windows(tray1, g, "gtimelog", 1)
            except StartFailed as exc:
                notes["gtimelog"] = f"not available ({exc})"
                g.stop()
                g = None
            else:
                if found:
                    running.append(g)
                    figs.add("G_window", g.ms_since_start(t))
                    line.append(f"gtimelog window {g.ms_since_start(t):.0f} ms")
                else:
                    notes["gtimelog"] = "not available (no gtimelog window within 30 s)"
                    g.stop()
                    g = None

        # Idle together; sample each app --idle-seconds after its own start.
        for app, key in sorted(((x, k) for x, k in ((a, "A"), (b, "B"), (g, "G")) if x is not None),
                               key=lambda p: p[0].t0):
            wait_s = app.t0 + args.idle_seconds - time.perf_counter()
            if wait_s > 0:
                time.sleep(wait_s)
            if not app.alive():
                line.append(f"{key} died while idle: {app.why_dead()}")
                continue
            m = c.memory_of(app.proc.pid)
            mem.setdefault(key, []).append(m)
            sampled[key] = m
            figs.add(f"{key}_rss", m.rss_mb)
            figs.add(f"{key}_pss", m.pss_mb)
            line.append(f"{key} {m.rss_mb:.1f} MB RSS/{m.pss_mb:.1f} PSS ({len(m.pids)} proc)")
            if key == "A":
                line += after_idle(a, exe, homes["A"], tray1, logs / f"A{rnd}-second.err", figs)
        if "A" in sampled:
            sampled["A_pid"] = a.proc.pid  # type: ignore[assignment]
            sampled["A_maps"] = c.rss_by_mapping(a.proc.pid)  # type: ignore[assignment]
    finally:
        for app in running:
            app.stop()
        if line:
            print(f"  run {rnd + 1}: " + "; ".join(line), flush=True)
    return sampled


def after_idle(app: Launched, exe: str, home: Path, disp: c.XDisplay, err: Path, figs: Figures) -> list[str]:
    """The idle app (memory already read): the first command handed to it (a real
    `stint status`, spawn to reap), then a second `stint` → its window shown."""
    sample = c.run_measured([exe, "status"], c.stint_env(home))
    figs.add("A_first_command", sample.wall * 1000 if sample.rc == 0 else None)
    line = [f"first command after idle {sample.wall * 1000:.0f} ms" if sample.rc == 0
            else f"first command failed ({sample.rc})"]
    wait_quiet(app.proc.pid)
    second = Launched("stint (second)", [exe], c.stint_env(home) | disp.env, err)
    try:
        shown, t = wait_windows(disp, app, "stint", 2)
    finally:
        second.proc.wait(timeout=SHOW_TIMEOUT_S)
        second.stop()
    figs.add("A_second_window", second.ms_since_start(t) if shown else None)
    line.append(f"second stint→window {second.ms_since_start(t):.0f} ms" if shown else "second stint: no window")
    return line


# -- import-time diagnosis -----------------------------------------------------------


def importtime_run(tray: c.XDisplay, home: Path, logs: Path) -> dict[str, object]:
    """One start under `python -X importtime`: which imports finished before the tray
    icon was seen, and which after (the deferred start-up)."""
    exe = c.stint_executable()
    err = logs / "importtime.err"
    app = Launched("stint -X importtime", [sys.executable, "-X", "importtime", exe],
                   c.stint_env(home) | tray.env, err)
    try:
        found, t = wait_windows(tray, app, "stint", 1)
        app._err.flush()
        cut = err.stat().st_size
        tray_ms = app.ms_since_start(t)
        wait_handoff(app, home)
        wait_quiet(app.proc.pid)
    finally:
        app.stop()
    data = err.read_bytes()

    def parse(chunk: bytes) -> list[tuple[int, int, int, str]]:
        rows = []
        for raw in chunk.decode(errors="replace").splitlines():
            if not raw.startswith("import time:") or "|" not in raw or "self [us]" in raw:
                continue
            parts = raw[len("import time:"):].split("|")
            name = parts[2].rstrip()
            depth = (len(name) - len(name.lstrip())) // 2
            rows.append((int(parts[0]), int(parts[1]), depth, name.strip()))
        return rows

    before, after = parse(data[:cut]), parse(data[cut:])
    print(f"\n== Import time (python -X importtime inflates every figure ~1.5-2×; tray seen at "
          f"{tray_ms:.0f} ms in this run)")
    for label, rows in (("before the tray icon was seen", before), ("after (deferred start-up)", after)):
        top = [r for r in rows if r[2] == 0]
        total = sum(r[0] for r in rows) / 1000
        print(f"  {label}: {len(rows)} modules, {total:.0f} ms of import (sum of self times)")
        for _self, cum, _d, name in sorted(top, key=lambda r: -r[1])[:12]:
            print(f"    {cum / 1000:7.1f} ms  {name}")
    heavy = ("sqlalchemy", "alembic", "PySide6.QtNetwork", "stint.store", "stint.ui.window", "keyring")
    early = sorted({r[3] for r in before if r[3].startswith(heavy) and r[2] == 0})
    print(f"  heavy packages imported before the tray: {', '.join(early) or 'none'}")
    return {"tray_ms": round(tray_ms, 1), "before_ms": round(sum(r[0] for r in before) / 1000, 1),
            "after_ms": round(sum(r[0] for r in after) / 1000, 1),
            "before_top": [(n, round(cum / 1000, 1)) for _s, cum, d, n in sorted(before, key=lambda r: -r[1])
                           if d == 0][:12]}


# -- main ------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--runs", type=int, default=5, help="rounds (default 5)")
    p.add_argument("--idle-seconds", type=float, default=60.0,
                   help="memory is read this long after each app's start (default 60)")
    p.add_argument("--quick", action="store_true", help="1 run, --idle-seconds 2")
    p.add_argument("--no-gtimelog", action="store_true", help="skip the gtimelog peer")
    p.add_argument("--importtime", action="store_true",
                   help="also one run under python -X importtime: imports before/after the tray")
    p.add_argument("--json", metavar="PATH", help="also write the figures as JSON")
    args = p.parse_args(argv)
    if args.quick:
        args.runs, args.idle_seconds = 1, 2.0

    c.ensure_bytecode()
    print(f"stint desktop app start-up · {c.machine_line()}")
    print(f"stint: {c.stint_executable()} · {args.runs} run(s), memory read {args.idle_seconds:g} s "
          "after each start")
    results: dict[str, object] = {"machine": c.machine_line(), "runs": args.runs,
                                  "idle_seconds": args.idle_seconds}
    notes: dict[str, str] = {}
    gtimelog = None
    if args.no_gtimelog:
        notes["gtimelog"] = "not available (--no-gtimelog)"
    else:
        gtimelog = shutil.which("gtimelog")
        if not gtimelog:
            notes["gtimelog"] = "not available (not installed: apt-get install -y gtimelog)"
    tmp = Path(tempfile.mkdtemp(prefix="stint-appstart-"))
    figs = Figures()
    mem: dict[str, list[c.Memory]] = {}
    last: dict[str, object] = {}
    try:
        homes = {k: stint_fresh_home() for k in ("A", "B", "D")}
        logs = tmp / "logs"
        logs.mkdir()
        gt_root = tmp / "gtimelog-home"
        gt_root.mkdir()
        displays: dict[str, c.XDisplay] = {}
        try:
            for role, tray in (("tray1", True), ("tray2", True), ("notray", False)):
                displays[role] = c.XDisplay(tray=tray).__enter__()
            print(f"displays: {displays['tray1'].env['DISPLAY']}, {displays['tray2'].env['DISPLAY']} "
                  f"(Xvfb + trayer), {displays['notray'].env['DISPLAY']} (Xvfb, no tray) · xdotool poll "
                  f"{xdotool_cost_ms(displays['tray1']):.1f} ms (the resolution of every 'shown' figure)")
            failures = 0
            for rnd in range(args.runs):
                for role, disp in list(displays.items()):
                    if not disp.alive():  # taken away by something else on the machine: a new one
                        disp.__exit__(None, None, None)
                        displays[role] = c.XDisplay(tray=disp.tray).__enter__()
                        print(f"  (display {disp.env.get('DISPLAY')} went away; now "
                              f"{displays[role].env['DISPLAY']})")
                for attempt in (1, 2):
                    try:
                        last = one_round(rnd, args, displays["tray1"], displays["tray2"], displays["notray"],
                                         homes, gtimelog, gt_root, logs, figs, mem, notes) or last
                        break
                    except StartFailed as exc:
                        if attempt == 1 and "platform plugin" in str(exc):
                            # Qt could not open the display (it answered xdotool a moment
                            # before): the display's fault, not Stint's — new ones, once.
                            for role, disp in list(displays.items()):
                                disp.__exit__(None, None, None)
                                displays[role] = c.XDisplay(tray=disp.tray).__enter__()
                            print(f"  run {rnd + 1}: Qt could not open its display; again on new displays")
                            continue
                        failures += 1
                        print(f"  run {rnd + 1} abandoned: {exc}")
            if failures == args.runs:
                raise StartFailed("no run succeeded")
            if args.importtime:
                if not displays["tray1"].alive():
                    displays["tray1"].__exit__(None, None, None)
                    displays["tray1"] = c.XDisplay(tray=True).__enter__()
                results["importtime"] = importtime_run(displays["tray1"], homes["A"], logs)
        except RuntimeError as exc:
            if isinstance(exc, StartFailed):
                raise
            print(f"\nno virtual display: {exc} — nothing measured")
            results["error"] = str(exc)
            c.write_json(args.json, results)
            return 0
        finally:
            for disp in displays.values():
                disp.__exit__(None, None, None)
    except StartFailed as exc:
        print(f"\nstint did not start, nothing to time: {exc}", file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        for k in ("A", "B", "D"):
            if "homes" in locals():
                shutil.rmtree(homes[k], ignore_errors=True)

    tray_ms = figs.median("A_tray")
    gt_ms = figs.median("G_window")
    mem_a = figs.median("A_rss")
    mem_b = figs.median("B_rss")
    first = figs.median("A_first_command")
    second = figs.median("A_second_window")
    vs_gt = (f"; ×{tray_ms / gt_ms:.2f} gtimelog (≤ ×{TARGET_TRAY_VS_GTIMELOG} "
             f"{c.verdict(tray_ms <= TARGET_TRAY_VS_GTIMELOG * gt_ms)})" if tray_ms and gt_ms else "")
    print(f"\n== Start-up, median of {args.runs} (ms from process spawn; ± one xdotool poll)")
    rows = [
        ("Stint: start → tray icon shown (A)", figs.text("A_tray", "ms"),
         f"≤ {TARGET_TRAY_MS:.0f} ms {c.verdict(tray_ms is not None and tray_ms <= TARGET_TRAY_MS)}{vs_gt}"),
        ("Stint: start → tray icon shown (B)", figs.text("B_tray", "ms"), ""),
        ("Stint: start → hand-off answers (B)", figs.text("B_ready", "ms"), "start-up done"),
        ("Stint: click on icon → window shown (B)", figs.text("B_click_window", "ms"), ""),
        ("Stint: start → window shown, no tray (D)", figs.text("D_window", "ms"), ""),
        ("Stint: first command after idle (A)", figs.text("A_first_command", "ms"),
         f"≤ {TARGET_FIRST_COMMAND_MS:.0f} ms {c.verdict(first is not None and first <= TARGET_FIRST_COMMAND_MS)}"),
        ("Stint: second `stint` → window shown (A)", figs.text("A_second_window", "ms"),
         f"≤ {TARGET_SECOND_WINDOW_MS:.0f} ms "
         f"{c.verdict(second is not None and second <= TARGET_SECOND_WINDOW_MS)}"),
        ("gtimelog: start → window shown", figs.text("G_window", "ms") if "G_window" in figs.values
         else notes.get("gtimelog", "—"), "~350 ms (issue)"),
    ]
    w = max(len(r[0]) for r in rows) + 2
    for label, value, target in rows:
        print(f"  {label:<{w}}{value:<34}{target}")
    print(f"\n== Idle memory {args.idle_seconds:g} s after start, all processes of the app summed, "
          f"median of {args.runs} (MB = 10^6 bytes)")
    rows = [
        ("Stint, tray only (A)", "A", f"≤ {TARGET_MEM_MB:.0f} MB "
         f"{c.verdict(mem_a is not None and mem_a <= TARGET_MEM_MB)}"),
        ("Stint, window opened (B)", "B", f"≤ {TARGET_MEM_WINDOW_MB:.0f} MB "
         f"{c.verdict(mem_b is not None and mem_b <= TARGET_MEM_WINDOW_MB)}"),
        ("gtimelog, window open", "G", "~57 MB (issue)"),
    ]
    for label, key, target in rows:
        if f"{key}_rss" not in figs.values:
            value = notes.get("gtimelog", "—") if key == "G" else "—"
            print(f"  {label:<{w}}{value}")
            continue
        procs = max(len(m.pids) for m in mem.get(key, [])) if mem.get(key) else 0
        print(f"  {label:<{w}}RSS {figs.text(f'{key}_rss', 'MB'):<30} PSS {figs.text(f'{key}_pss', 'MB'):<30}"
              f"{procs} process(es)  {target}")
    print(f"  (peers, from the issue: {PEER_NOTE})")
    if mem_a is not None and (mem_a > TARGET_MEM_MB or args.importtime) and last.get("A_maps"):
        print(f"\n  largest mappings of the tray-only app (last run, RSS, pid {last.get('A_pid')}):")
        for kib, name in last["A_maps"]:  # type: ignore[union-attr]
            print(f"    {kib / 1024:7.1f} MiB  {name}")
    print(f"\n(done; {c.machine_line().split(' · ')[-2]} — figures wander with the machine's load)")
    results.update({k: {"median": round(statistics.median(v), 1), "min": round(min(v), 1),
                        "max": round(max(v), 1), "n": len(v)} for k, v in figs.values.items()})
    results["notes"] = notes
    c.write_json(args.json, results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
