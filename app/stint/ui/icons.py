"""The tray icon's looks: one badge per state, loaded from pre-rendered PNGs.

Sources are the SVGs beside the PNGs (resources/render_icons.py renders them), so the
app needs no SVG plugin at run time and the first paint stays cheap.
"""

from __future__ import annotations

from enum import Enum
from functools import cache
from pathlib import Path

from PySide6.QtGui import QIcon

ICON_DIR = Path(__file__).resolve().parents[1] / "resources" / "icons"
SIZES = (16, 22, 24, 32, 48, 64, 128)


class TrayState(Enum):
    IDLE = "idle"          # no timer running, nothing waiting
    RUNNING = "running"    # a timer runs
    PENDING = "pending"    # changes wait for the server (offline, or not synced yet)
    ERROR = "error"        # something the user must act on: sign-in, a rejected change


@cache
def tray_icon(state: TrayState) -> QIcon:
    icon = QIcon()
    for size in SIZES:
        path = ICON_DIR / f"tray-{state.value}-{size}.png"
        if path.exists():
            icon.addFile(str(path))
    if icon.isNull():
        svg = ICON_DIR / f"tray-{state.value}.svg"
        icon = QIcon(str(svg))
    return icon


def app_icon() -> QIcon:
    return tray_icon(TrayState.IDLE)
