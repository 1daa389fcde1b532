"""The benchmark scripts run end to end in their --quick mode.

Proves each script works (seeding, peers, printing) without asserting any timing:
benchmarks report figures, they never fail a build on them.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "benchmarks"


def run_script(name: str, *args: str, tmp_path: Path) -> str:
    env = dict(os.environ)
    env.pop("STINT_HOME", None)
    proc = subprocess.run(
        [sys.executable, str(BENCH / name), "--quick", *args, "--json", str(tmp_path / "out.json")],
        capture_output=True, text=True, timeout=110, env=env, stdin=subprocess.DEVNULL,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert (tmp_path / "out.json").exists()
    return proc.stdout


@pytest.mark.timeout(120)
def test_cli_latency_quick(tmp_path: Path) -> None:
    out = run_script("cli_latency.py", "--no-install", tmp_path=tmp_path)
    assert "== 1." in out and "== 2." in out
    for command in ("start", "status", "stop"):
        assert f"  {command}" in out
    # Peers are optional: each is either measured or reported as not installed.
    assert ("watson " in out) or ("watson: not installed" in out)
    assert ("timewarrior " in out) or ("timewarrior: not installed" in out)


@pytest.mark.timeout(120)
def test_timesheet_quick(tmp_path: Path) -> None:
    out = run_script("timesheet_1m.py", tmp_path=tmp_path)
    assert "weekly(), median of 3" in out


@pytest.mark.timeout(120)
def test_cli_phases_quick(tmp_path: Path) -> None:
    out = run_script("cli_phases.py", tmp_path=tmp_path)
    assert "open the store" in out and "10,000 entries" in out and "SQLAlchemy not imported" in out


@pytest.mark.timeout(120)
def test_app_startup_quick(tmp_path: Path) -> None:
    # Needs Xvfb, trayer and xdotool for figures; without them it says so and exits 0.
    out = run_script("app_startup.py", "--no-gtimelog", tmp_path=tmp_path)
    if "no virtual display" in out:
        return
    assert "start → tray icon shown" in out and "Idle memory" in out
    assert "gtimelog" in out and "not available" in out


@pytest.mark.timeout(120)
def test_handoff_latency_quick(tmp_path: Path) -> None:
    out = run_script("handoff_latency.py", "--no-install", "--platform", "offscreen", tmp_path=tmp_path)
    assert "handed to the running app" in out and "check: handed off" in out
    for command in ("start", "status", "stop"):
        assert f"  {command}" in out
    assert ("watson " in out) or ("watson: not installed" in out)
    assert ("timewarrior " in out) or ("timewarrior: not installed" in out)
