"""The real tray on a real X server: Xvfb + trayer (a freedesktop tray host), the
app as its own process on the xcb platform, a right click on its icon with xdotool,
then a left click that opens the window, and screenshots of both in test-artifacts/;
the running clock with its sign-in badge while a sync error stands (the icon's own
pixels read back from the X server); the window in Spanish with LANGUAGE=es.

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


def _home(tmp_path: Path, first_start_done: bool = True) -> Path:
    """A STINT_HOME whose first start is behind it (so the window waits for a click)."""
    from stint.config import Settings, save_settings

    home = tmp_path / "home"
    home.mkdir()
    if first_start_done:
        save_settings(home / "settings.json", Settings(extra={"first_start_done": True}))
    return home


def _shot(env: dict[str, str], name: str, window: str = "root") -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    subprocess.run(["import", "-window", window, str(path)], env=env, check=True, timeout=30)
    assert path.stat().st_size > 100
    print(f"screenshot: {path}")
    return path


def _stop(app: subprocess.Popen[str]) -> None:
    app.terminate()
    _out, err = app.communicate(timeout=10)
    assert "Traceback" not in err, err


def test_tray_icon_and_menu_on_a_real_tray(display: dict[str, str], qtbot: Any, tmp_path: Path) -> None:
    env = {**display, "STINT_HOME": str(_home(tmp_path))}
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


def _home_with_an_account_lacking_its_secret(display: dict[str, str], tmp_path: Path) -> dict[str, str]:
    """The app's environment for a home whose account reads its token from a variable
    the app does not have: its first sync finds the secret missing."""
    from stint.store.db import open_engine

    from .app_fixtures import add_account

    home = _home(tmp_path)
    engine = open_engine(home / "stint.sqlite3")
    add_account(engine, "work")  # its token: env:NONE, not set for the app
    engine.dispose()
    env = {**display, "STINT_HOME": str(home)}
    env.pop("NONE", None)
    return env


def _near(color: tuple[int, int, int], pixel: tuple[int, int, int], tolerance: int = 40) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(color, pixel))


def _colours(path: Path) -> list[tuple[int, int, int]]:
    from PySide6.QtGui import QImage

    image = QImage(str(path))
    return [(c.red(), c.green(), c.blue()) for y in range(image.height()) for x in range(image.width())
            for c in [image.pixelColor(x, y)]]


def test_the_running_clock_shows_its_badge_while_a_sync_error_stands(display: dict[str, str], qtbot: Any,
                                                                     tmp_path: Path) -> None:
    """An account whose token is read from a variable the app does not have: the
    app's own first sync finds it missing. The icon is the running clock (green, the
    play triangle) with the violet sign-in badge, and the tooltip says why."""
    env = _home_with_an_account_lacking_its_secret(display, tmp_path)
    qtbot.waitUntil(lambda: _tray_available(env), timeout=WAIT_MS)
    app = subprocess.Popen([STINT], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        qtbot.waitUntil(lambda: len(_visible_stint_windows(env)) == 1, timeout=WAIT_MS)
        icon = _visible_stint_windows(env)[0]
        started = subprocess.run([STINT, "new", "Badge on Xvfb", "--local", "--start"], env=env,
                                 capture_output=True, text=True, timeout=30)
        assert started.returncode == 0, started.stderr
        status = lambda: subprocess.run([STINT, "status", "--json"], env=env, capture_output=True,  # noqa: E731
                                        text=True, timeout=30).stdout
        qtbot.waitUntil(lambda: '"needs_secret"' in status(), timeout=WAIT_MS)  # the app's sync found it out
        green, violet = (21, 128, 61), (109, 40, 217)

        def badged() -> bool:
            pixels = _colours(_shot(env, "tray-icon-badge-xvfb", icon))
            return sum(_near(green, p) for p in pixels) > 20 and sum(_near(violet, p) for p in pixels) > 4

        qtbot.waitUntil(badged, timeout=WAIT_MS)
        _shot(env, "tray-badge-xvfb")  # the whole panel, with what the app says about it
    finally:
        _stop(app)


def test_the_window_speaks_spanish_with_language_es(display: dict[str, str], qtbot: Any, tmp_path: Path) -> None:
    """LANGUAGE=es: the first start's window comes up in Spanish (looked at in the
    screenshot); a dialog's title, read back from the X server, is the Spanish one."""
    env = {**display, "STINT_HOME": str(_home(tmp_path, first_start_done=False)), "LANGUAGE": "es"}
    for variable in ("LC_ALL", "LC_MESSAGES"):
        env.pop(variable, None)
    qtbot.waitUntil(lambda: _tray_available(env), timeout=WAIT_MS)
    app = subprocess.Popen([STINT], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        qtbot.waitUntil(lambda: len(_visible_stint_windows(env)) >= 2, timeout=WAIT_MS)  # icon and window
        _shot(env, "window-es-xvfb")
        picked = subprocess.Popen([STINT, "pick"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  text=True)
        title = lambda: _out(["xdotool", "search", "--onlyvisible", "--name", "^Iniciar tarea$"], env)  # noqa: E731
        qtbot.waitUntil(lambda: bool(title().split()), timeout=WAIT_MS)
        _shot(env, "start-task-es-xvfb")
        picked.communicate(timeout=30)
    finally:
        _stop(app)


def test_a_right_click_on_the_icon_while_its_message_shows_opens_the_menu(display: dict[str, str], qtbot: Any,
                                                                          tmp_path: Path) -> None:
    """Qt's own message balloon (no notification service here) says the account needs
    its secret; a right click on the icon then is for the menu: it must not also run
    the message's action (the sign-in dialog over the menu)."""
    env = _home_with_an_account_lacking_its_secret(display, tmp_path)
    qtbot.waitUntil(lambda: _tray_available(env), timeout=WAIT_MS)
    app = subprocess.Popen([STINT], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        qtbot.waitUntil(lambda: len(_visible_stint_windows(env)) == 1, timeout=WAIT_MS)
        icon = _visible_stint_windows(env)[0]
        qtbot.waitUntil(lambda: len(_visible_stint_windows(env)) == 2, timeout=WAIT_MS)  # the balloon
        balloon = next(w for w in _visible_stint_windows(env) if w != icon)
        _out(["xdotool", "mousemove", "--window", icon, "10", "12", "click", "3"], env)
        qtbot.waitUntil(lambda: balloon not in _visible_stint_windows(env), timeout=WAIT_MS)
        qtbot.waitUntil(lambda: len(_visible_stint_windows(env)) == 2, timeout=WAIT_MS)  # the menu
        # A handed-off command is answered after the click's events: by then a dialog
        # the click opened would be on screen.
        answered = subprocess.run([STINT, "status"], env=env, capture_output=True, text=True, timeout=30)
        assert answered.returncode == 0, answered.stderr
        signin = _out(["xdotool", "search", "--onlyvisible", "--name", "^Sign in"], env).split()
        assert signin == []
        _shot(env, "tray-menu-over-message-xvfb")
    finally:
        _stop(app)
