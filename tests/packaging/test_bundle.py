"""The Linux bundle, built for real (see conftest.py): the executable starts, the CLI
works against a fresh data folder (migrations, fonts and backends inside the bundle),
install.sh/uninstall.sh do what they say, and the desktop app shows its tray icon on
Xvfb + trayer and quits cleanly.

The tray part is skipped, with the reason, when Xvfb, trayer or xdotool are missing.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tarfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ..xdisplay import tray_display

from .conftest import Bundle, version

pytestmark = pytest.mark.timeout(900)  # the first test pays for the build

APP_ID = "dev.stint.Stint"
WAIT_MS = 20_000


def run(bundle: Bundle, *args: str, env: dict[str, str], stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(bundle.executable), *args], env=env, input=stdin,
                          capture_output=True, text=True, timeout=60)


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """A data folder of its own; no session bus, so no keyring daemon is reachable."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("STINT_", "DBUS_", "PYTHON"))}
    return {**clean, "STINT_HOME": str(tmp_path / "home"), "TZ": "UTC", "QT_QPA_PLATFORM": "offscreen"}


def test_bundle_runs_and_carries_no_gtk(bundle: Bundle, env: dict[str, str]) -> None:
    result = run(bundle, "--version", env=env)
    assert (result.returncode, result.stdout.strip()) == (0, f"stint {version()}"), result.stderr
    stray = [p.name for p in bundle.folder.rglob("*") if p.name.startswith(("libgtk", "libgdk", "libtk", "libtcl"))]
    assert stray == []


def test_cli_round_trip_in_the_bundle(bundle: Bundle, env: dict[str, str], tmp_path: Path) -> None:
    for args in (("new", "Bundle check", "--local"), ("start", "Bundle check")):
        result = run(bundle, *args, env=env)
        assert result.returncode == 0, (args, result.stderr)
    sheet = run(bundle, "timesheet", "--format", "json", env=env)  # the running timer counts
    assert sheet.returncode == 0, sheet.stderr
    assert [row["task"] for row in json.loads(sheet.stdout)["rows"]] == ["Bundle check"]
    result = run(bundle, "stop", env=env)
    assert result.returncode == 0 and result.stdout.startswith("Stopped 1: Bundle check"), result.stderr
    # The database was made by the migrations shipped as files in the bundle.
    assert (Path(env["STINT_HOME"]) / "stint.sqlite3").exists()
    # PDF export finds the bundled DejaVu fonts and prints no warning.
    pdf = tmp_path / "week.pdf"
    result = run(bundle, "timesheet", "-o", str(pdf), env=env)
    assert result.returncode == 0 and "Warning" not in result.stderr, result.stderr
    assert b"DejaVuSans" in pdf.read_bytes()


def test_keyring_works_or_says_how_to_do_without(bundle: Bundle, env: dict[str, str]) -> None:
    result = run(bundle, "account", "add", "work", "--kind", "wapify", "--url", "http://127.0.0.1:9/api/tasks",
                 "--token-stdin", env=env, stdin="a-token\n")
    # Headless here: the keyring backends must load and report "none usable", not crash.
    if result.returncode != 0:
        assert "no OS keyring is available" in result.stderr and "--token-env" in result.stderr, result.stderr
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr, result.stderr


def test_install_and_uninstall_in_home(bundle: Bundle, tmp_path: Path, env: dict[str, str]) -> None:
    with tarfile.open(bundle.tarball) as tar:
        tar.extractall(tmp_path / "unpacked", filter="tar")
    (top,) = (tmp_path / "unpacked").iterdir()
    home = tmp_path / "user"
    home.mkdir()
    user_env = {**env, "HOME": str(home), "PATH": os.environ.get("PATH", "")}
    for key in ("STINT_HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME"):
        user_env.pop(key, None)
    local = home / ".local"
    before = {p for p in home.rglob("*")}

    installed = subprocess.run([str(top / "install.sh")], env=user_env, capture_output=True, text=True, timeout=120)
    assert installed.returncode == 0, installed.stderr
    lib = local / "lib" / "stint"
    assert (local / "bin" / "stint").resolve() == (lib / "stint").resolve()
    desktop = local / "share" / "applications" / f"{APP_ID}.desktop"
    assert f"Exec={lib}/stint\n" in desktop.read_text()
    for size in ("16x16", "48x48", "256x256"):
        assert (local / "share" / "icons" / "hicolor" / size / "apps" / f"{APP_ID}.png").exists()
    assert (local / "share" / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg").exists()
    assert (local / "share" / "metainfo" / f"{APP_ID}.metainfo.xml").exists()
    if shutil.which("desktop-file-validate"):
        check = subprocess.run(["desktop-file-validate", str(desktop)], capture_output=True, text=True, timeout=30)
        assert check.returncode == 0, check.stdout
    result = subprocess.run([str(local / "bin" / "stint"), "new", "Installed", "--local"], env=user_env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    data = local / "share" / "stint" / "stint.sqlite3"
    assert data.exists()
    # What the settings dialog writes for "start on login" when run from the bundle.
    autostart = home / ".config" / "autostart" / "stint.desktop"
    autostart.parent.mkdir(parents=True)
    autostart.write_text(f"[Desktop Entry]\nType=Application\nName=Stint\nExec={lib}/stint\n")

    removed = subprocess.run([str(lib / "uninstall.sh")], env=user_env, capture_output=True, text=True, timeout=60)
    assert removed.returncode == 0, removed.stderr
    assert str(local / "share" / "stint") in removed.stdout
    assert data.exists(), "uninstall must keep the user's data"
    assert not autostart.exists()
    left = {p for p in home.rglob("*") if p.is_file() or p.is_symlink()} - before
    assert {p for p in left if "stint" not in p.relative_to(home).parts} == set(), left


# -- the desktop app on a real tray ---------------------------------------------------

TOOLS = ("Xvfb", "trayer", "xdotool")


@pytest.fixture
def display() -> Iterator[dict[str, str]]:
    with tray_display(TOOLS) as added:
        yield added


def _windows(env: dict[str, str], *args: str) -> list[str]:
    return subprocess.run(["xdotool", "search", *args], env=env, capture_output=True, text=True,
                          timeout=20).stdout.split()


@pytest.mark.xvfb
def test_desktop_app_shows_its_tray_icon_and_quits(bundle: Bundle, display: dict[str, str], env: dict[str, str],
                                                   qtbot: Any) -> None:
    app_env = {**env, **display}
    # trayer owns the tray selection once its panel window exists.
    qtbot.waitUntil(lambda: bool(_windows(app_env, "--onlyvisible", "--name", "^panel$")), timeout=WAIT_MS)
    app = subprocess.Popen([str(bundle.executable)], env=app_env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           text=True)
    try:
        # The icon: a viewable window of class "stint", embedded in trayer's panel (with no
        # tray the app would open its main window instead, also of class "stint", but
        # titled "Stint" — the icon has no title).
        qtbot.waitUntil(lambda: app.poll() is not None or bool(_windows(app_env, "--onlyvisible", "--class", "stint")),
                        timeout=WAIT_MS)
        assert app.poll() is None, app.communicate(timeout=10)
        assert _windows(app_env, "--onlyvisible", "--name", "^Stint$") == [], "no tray: the window opened instead"
    finally:
        app.send_signal(signal.SIGTERM)  # what a logout sends; the app quits cleanly on it
        out, err = app.communicate(timeout=20)
    assert app.returncode == 0, err
    assert "Traceback" not in err and "cannot start" not in err + out, err


def test_bundle_benchmark_reports(bundle: Bundle, tmp_path: Path) -> None:
    bench = Path(__file__).resolve().parents[2] / "benchmarks" / "bundle.py"
    out = tmp_path / "bundle.json"
    result = subprocess.run([sys.executable, str(bench), "--quick", "--bundle", str(bundle.folder), "--json", str(out)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "MB in" in result.stdout and "--version" in result.stdout and "time to tray" in result.stdout, result.stdout
    assert json.loads(out.read_text())["files"] > 0
    print(result.stdout)
