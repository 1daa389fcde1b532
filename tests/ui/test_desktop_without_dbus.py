"""Where there is no D-Bus library (Windows and macOS install no jeepney), the app
starts all the same: no bus, native idle sources only, the heartbeat still beating."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

SCRIPT = textwrap.dedent("""
    import io, os, sys
    sys.modules["jeepney"] = None  # as if it were not installed
    from PySide6.QtWidgets import QApplication, QWidget
    from stint import ipc
    from stint.services import Services
    from stint.store import heartbeat
    from stint.ui.app import StintApp
    from stint.ui.bridge import Bridge

    app = QApplication(sys.argv[:1])
    services = Services(out=io.StringIO(), err=io.StringIO(), bridge=Bridge())
    stint = StintApp(services, ipc.address(str(services.paths.data)), tray_available=True,
                     window_factory=lambda services: QWidget(), quit=lambda: None)
    assert stint.start()
    desktop = stint.desktop
    print("RESULT", desktop.session_link, desktop.system_link, desktop.notifications, desktop.session_watcher,
          desktop.status()["idle"], heartbeat.read(services.database) is not None)
    stint.shutdown()
""")


def test_the_app_starts_without_a_dbus_library(tmp_path: Path) -> None:
    env = {**os.environ, "STINT_HOME": str(tmp_path), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    line = next(ln for ln in result.stdout.splitlines() if ln.startswith("RESULT"))
    assert line == "RESULT None None None None Idle detection is unavailable on this session True"
