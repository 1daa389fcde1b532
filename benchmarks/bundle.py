"""The Linux bundle (packaging/build-linux.sh): its size, and how fast it starts.

    .venv/bin/python benchmarks/bundle.py [--quick] [--build] [--bundle DIR] [--json FILE]

Prints the bundle's size (MB, file count) and the tarball's, the median wall time of
`stint --version` and of `stint status` on a fresh data folder (bundle and venv side by
side), and the time from launch to the tray icon being visible under Xvfb + trayer
when those are installed. Uses dist/stint when it exists; --build (re)builds it first
and reports the build time. Never fails a build: whatever cannot be measured is said.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import REPO, base_env, machine_line, median_ms, stint_executable, write_json

DIST = REPO / "dist"


def folder_size(folder: Path) -> tuple[float, int]:
    files = [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()]
    return sum(p.stat().st_size for p in files) / 1e6, len(files)


def timed(argv: list[str], env: dict[str, str], runs: int) -> float | None:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(argv, env=env, capture_output=True, timeout=60)
        times.append(time.perf_counter() - start)
        if done.returncode != 0:
            return None
    return median_ms(times)


def time_to_tray(executable: Path, runs: int) -> tuple[list[float], str]:
    """Seconds from launch until a visible window of class "stint" exists (the icon
    embedded in trayer's panel), per run."""
    missing = [t for t in ("Xvfb", "trayer", "xdotool") if shutil.which(t) is None]
    if missing:
        return [], f"not measured: needs {', '.join(missing)}"
    read_fd, write_fd = os.pipe()
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1024x768x24", "-nolisten", "tcp"],
                            pass_fds=(write_fd,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_fd)
    trayer = None
    results: list[float] = []
    try:
        number = os.read(read_fd, 32).decode().strip()
        env = {**base_env(), "DISPLAY": f":{number}", "QT_QPA_PLATFORM": "xcb"}
        env.pop("WAYLAND_DISPLAY", None)
        trayer = subprocess.Popen(["trayer", "--SetDockType", "true", "--widthtype", "request", "--height", "32"],
                                  env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

        def visible(*args: str) -> bool:
            return bool(subprocess.run(["xdotool", "search", "--onlyvisible", *args], env=env,
                                       capture_output=True, text=True, timeout=20).stdout.split())

        if not wait_for(lambda: visible("--name", "^panel$"), 15):
            return [], "not measured: trayer did not show its panel"
        for _ in range(runs):
            with tempfile.TemporaryDirectory() as home:
                start = time.perf_counter()
                app = subprocess.Popen([str(executable)], env={**env, "STINT_HOME": home},
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                shown = wait_for(lambda: visible("--class", "stint"), 30)
                elapsed = time.perf_counter() - start
                app.terminate()
                app.wait(20)
                if not shown:
                    return results, "the tray icon did not appear within 30 s"
                results.append(elapsed)
        return results, ""
    finally:
        os.close(read_fd)
        for proc in (trayer, xvfb):
            if proc is not None:
                proc.terminate()
                proc.wait(10)


def wait_for(condition, seconds: float) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.01)  # a benchmark may poll; each check is an xdotool call anyway
    return False


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs (for the smoke test)")
    parser.add_argument("--build", action="store_true", help="run packaging/build-linux.sh first")
    parser.add_argument("--bundle", type=Path, default=DIST / "stint")
    parser.add_argument("--json")
    args = parser.parse_args()
    runs = 3 if args.quick else 10
    tray_runs = 1 if args.quick else 3
    report: dict[str, object] = {"machine": machine_line()}
    print(f"== Stint bundle — {report['machine']}")

    if args.build:
        start = time.perf_counter()
        built = subprocess.run(["bash", str(REPO / "packaging" / "build-linux.sh")], cwd=REPO,
                               capture_output=True, text=True)
        report["build_s"] = round(time.perf_counter() - start, 1)
        print(f"build          {report['build_s']} s" + ("" if built.returncode == 0 else " (FAILED)"))
        if built.returncode != 0:
            print(built.stderr[-2000:])
    executable = args.bundle / "stint"
    if not executable.exists():
        print(f"no bundle at {args.bundle}: run bash packaging/build-linux.sh (or pass --build)")
        write_json(args.json, report)
        return 0

    megabytes, files = folder_size(args.bundle)
    report.update(size_mb=round(megabytes, 1), files=files)
    print(f"bundle         {megabytes:.1f} MB in {files} files ({args.bundle})")
    for tarball in sorted(args.bundle.parent.glob("stint-*-linux-*.tar.gz")):
        report["tarball_mb"] = round(tarball.stat().st_size / 1e6, 1)
        print(f"tarball        {report['tarball_mb']} MB ({tarball.name})")

    with tempfile.TemporaryDirectory() as home:
        env = {**base_env(), "STINT_HOME": home}
        venv = stint_executable()
        subprocess.run([str(executable), "status"], env=env, capture_output=True, timeout=60)  # migrate once
        for label, argv in (("--version", ["--version"]), ("status", ["status"])):
            bundled = timed([str(executable), *argv], env, runs)
            direct = timed([venv, *argv], env, runs)
            report[f"{label.strip('-')}_ms"] = {"bundle": bundled, "venv": direct}
            shown = " · ".join(f"{name} {value:.0f} ms" if value is not None else f"{name} failed"
                               for name, value in (("bundle", bundled), ("venv", direct)))
            print(f"{label:<14} median of {runs}: {shown}")

    seconds, problem = time_to_tray(executable, tray_runs)
    report["tray_s"] = seconds
    if seconds:
        print(f"time to tray   {', '.join(f'{s:.2f}' for s in seconds)} s (Xvfb + trayer, fresh data folder)")
    if problem:
        print(f"time to tray   {problem}")
    write_json(args.json, report)
    return 0


if __name__ == "__main__":
    try:
        raise SystemExit(main())
    except Exception as exc:  # noqa: BLE001 - a benchmark reports, it never fails a build
        print(f"benchmarks/bundle.py: could not finish: {type(exc).__name__}: {exc}")
        raise SystemExit(0) from None
