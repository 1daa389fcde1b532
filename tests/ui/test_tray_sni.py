"""The tray as a StatusNotifierItem: where a StatusNotifierWatcher is on the session bus
(KDE, GNOME with the AppIndicator extension, most Wayland panels), Qt registers the
icon over D-Bus instead of the X11 tray. A test watcher on a private bus sees the real
app (its own process, on Xvfb) register, with Stint's icon and tooltip, and sees them
follow a timer started through the hand-off. (The X11 tray is tests/ui/test_tray_xvfb.py.)
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jeepney import DBusAddress, Properties
from jeepney.io.blocking import DBusConnection, open_dbus_connection
from PySide6.QtGui import QImage

from stint.ui.icons import IDLE, RUNNING, TrayLook, tray_icon

from ..desktop.desktop_fakes import StatusNotifierWatcher
from ..desktop.fixtures import dbus_address  # noqa: F401
from ..xdisplay import tray_display

pytestmark = pytest.mark.xvfb
STINT = str(Path(sys.executable).with_name("stint"))
WAIT_MS = 20_000
ITEM = "org.kde.StatusNotifierItem"


@pytest.fixture
def display() -> Iterator[dict[str, str]]:
    with tray_display(("Xvfb", "trayer"), "apt: xvfb trayer") as added:
        yield added


def _item(conn: DBusConnection, service: str) -> dict[str, Any]:
    reply = conn.send_and_get_reply(Properties(DBusAddress("/StatusNotifierItem", service, ITEM)).get_all(), timeout=5)
    return {key: value for key, (_sig, value) in reply.body[0].items()}


def _argb(state: TrayLook, size: int) -> bytes:
    """Our icon as the StatusNotifierItem spec carries it: ARGB32, network byte order."""
    image = tray_icon(state).pixmap(size, size).toImage().convertToFormat(QImage.Format.Format_ARGB32)
    raw = bytes(image.constBits())[: size * size * 4]
    return b"".join(raw[i:i + 4][::-1] for i in range(0, len(raw), 4)) if sys.byteorder == "little" else raw


def test_the_app_registers_its_icon_and_tooltip_with_the_watcher(dbus_address: str, display: dict[str, str],
                                                                 qtbot: Any, qapp: Any, tmp_path: Path) -> None:
    watcher = StatusNotifierWatcher(dbus_address).start()
    env = {**os.environ, **display, "DBUS_SESSION_BUS_ADDRESS": dbus_address, "STINT_HOME": str(tmp_path / "home"),
           "DBUS_SYSTEM_BUS_ADDRESS": f"unix:path={tmp_path}/no-system-bus"}
    env.pop("WAYLAND_DISPLAY", None)
    app = subprocess.Popen([STINT], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    conn = open_dbus_connection(dbus_address)
    try:
        qtbot.waitUntil(lambda: bool(watcher.items), timeout=WAIT_MS)
        sender, service = watcher.items[0]
        item = _item(conn, service)
        assert (item["Id"], item["Title"], item["Status"], item["Category"]) == \
            ("Stint", "Stint", "Active", "ApplicationStatus")
        pixmaps = {w: data for w, _h, data in item["IconPixmap"]}
        assert pixmaps and all(len(data) == w * w * 4 for w, data in pixmaps.items())
        assert pixmaps[16] == _argb(IDLE, 16)
        qtbot.waitUntil(lambda: _item(conn, service)["ToolTip"][2] == "Stint\nNot tracking\nToday: 0:00",
                        timeout=WAIT_MS)

        started = subprocess.run([STINT, "new", "Tray over D-Bus", "--local", "--start"], env=env,
                                 capture_output=True, text=True, timeout=30)
        assert started.returncode == 0, started.stderr
        qtbot.waitUntil(lambda: _item(conn, service)["ToolTip"][2].startswith("Stint\nTracking: Tray over D-Bus — "),
                        timeout=WAIT_MS)
        running = {w: data for w, _h, data in _item(conn, service)["IconPixmap"]}
        assert running[16] == _argb(RUNNING, 16) != pixmaps[16]
        assert sender.startswith(":")
    finally:
        conn.close()
        app.terminate()
        _out, err = app.communicate(timeout=10)
        watcher.stop()
    assert "Traceback" not in err, err
