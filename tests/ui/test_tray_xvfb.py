"""The real tray on a real X server: Xvfb + trayer (a freedesktop tray host), the
app as its own process on the xcb platform, a right click on its icon with xdotool,
then a left click that opens the window, and screenshots of both in test-artifacts/.

Skipped, with the reason, where Xvfb, trayer, xdotool, xwininfo or ImageMagick's
`import` are not installed.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ..xdisplay import tray_display

pytestmark = pytest.mark.xvfb

TOOLS = ("Xvfb", "trayer", "xdotool", "xwininfo", "import")
ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
STINT = str(Path(sys.executable).with_name("stint"))
WAIT_MS = 15_000


@pytest.fixture
def display() -> Iterator[dict[str, str]]:
    with tray_display(TOOLS, "apt: xvfb trayer xdotool x11-utils imagemagick") as added:
        env = {**os.environ, **added}
        env.pop("WAYLAND_DISPLAY", None)
        yield env


def _out(cmd: list[str], env: dict[str, str]) -> str:
    return subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=20).stdout


def _tray_available(env: dict[str, str]) -> bool:
    code = ("from PySide6.QtWidgets import QApplication, QSystemTrayIcon; app = QApplication([]); "
            "print(app.platformName(), QSystemTrayIcon.isSystemTrayAvailable())")
    return _out([sys.executable, "-c", code], env).split() == ["xcb", "True"]


def _visible_stint_windows(env: dict[str, str]) -> list[str]:
    return _out(["xdotool", "search", "--onlyvisible", "--class", "stint"], env).split()


def test_tray_icon_and_menu_on_a_real_tray(display: dict[str, str], qtbot: Any, tmp_path: Path) -> None:
    env = {**display, "STINT_HOME": str(tmp_path / "home")}
    qtbot.waitUntil(lambda: _tray_available(env), timeout=WAIT_MS)
    app = subprocess.Popen([STINT], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        # The icon: a window of class "stint" embedded in trayer's panel and viewable.
        qtbot.waitUntil(lambda: len(_visible_stint_windows(env)) == 1, timeout=WAIT_MS)
        icon = _visible_stint_windows(env)[0]
        tree = _out(["xwininfo", "-root", "-tree"], env)
        panel = tree[tree.index('"panel"'):]
        assert f"{int(icon):#x}" in panel, tree
        # A running timer, started through the hand-off, so the menu has something to show.
        started = subprocess.run([STINT, "new", "Tray on Xvfb", "--local", "--start"], env=env,
                                 capture_output=True, text=True, timeout=30)
        assert started.returncode == 0, started.stderr
        _out(["xdotool", "mousemove", "--window", icon, "10", "12", "click", "3"], env)
        qtbot.waitUntil(lambda: len(_visible_stint_windows(env)) >= 2, timeout=WAIT_MS)  # the menu
        ARTIFACTS.mkdir(exist_ok=True)
        shot = ARTIFACTS / "tray-menu-xvfb.png"
        subprocess.run(["import", "-window", "root", str(shot)], env=env, check=True, timeout=30)
        assert shot.stat().st_size > 1000
        print(f"screenshot: {shot}")
        # Close the menu; a left click on the icon opens the main window.
        _out(["xdotool", "key", "Escape"], env)
        qtbot.waitUntil(lambda: len(_visible_stint_windows(env)) == 1, timeout=WAIT_MS)
        _out(["xdotool", "mousemove", "--window", icon, "10", "12", "click", "1"], env)
        qtbot.waitUntil(lambda: len(_visible_stint_windows(env)) >= 2, timeout=WAIT_MS)
        window = ARTIFACTS / "window-xvfb.png"
        subprocess.run(["import", "-window", "root", str(window)], env=env, check=True, timeout=30)
        assert window.stat().st_size > 1000
        print(f"screenshot: {window}")
    finally:
        app.terminate()
        out, err = app.communicate(timeout=10)
    assert "Traceback" not in err, err
