"""Sync soon after the network comes back: a test NetworkManager on a private bus
(as the system bus) goes from disconnected to connected, Qt's networkmanager backend
tells the app, and the app runs a forced sync cycle at once.

The app runs in its own process: QNetworkInformation loads one backend per process,
and the system bus it talks to is fixed when the process first uses it."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from ..desktop.dbus_services import TestService, private_bus, serving

NM_PATH = "/org/freedesktop/NetworkManager"
NM = "org.freedesktop.NetworkManager"
DISCONNECTED, CONNECTED_GLOBAL = 20, 70      # NMState
CONNECTIVITY_NONE, CONNECTIVITY_FULL = 1, 4  # NMConnectivityState

APP = textwrap.dedent("""
    import faulthandler, io, sys
    faulthandler.dump_traceback_later(40, exit=True)  # a hang shows where, then ends
    from PySide6.QtCore import QMetaObject, Qt
    from PySide6.QtDBus import QDBusConnection
    from PySide6.QtWidgets import QApplication
    from stint import ipc
    from stint.services import Services
    from stint.ui.app import StintApp
    from stint.ui.bridge import Bridge
    from tests.ui.app_fixtures import add_account

    app = QApplication(sys.argv[:1])
    services = Services(out=io.StringIO(), err=io.StringIO(), bridge=Bridge())
    add_account(services.engine)

    def sync(force):  # the first cycle at start is not forced; the one asked for is
        sys.stdout.write(f"synced {force}\\n")  # one write: the main thread prints too
        sys.stdout.flush()
        if force:  # on the scheduler's thread: the quit goes through the event loop
            QMetaObject.invokeMethod(app, "quit", Qt.ConnectionType.QueuedConnection)

    stint = StintApp(services, ipc.address(str(services.paths.data)), tray_available=True,
                     window_factory=lambda s: None, idle_source=None, network="networkmanager",
                     quit=app.quit, sync_run_once=sync,
                     intervals_ms={"dbwatch": 3_600_000, "notify": 3_600_000, "idle": 3_600_000})
    assert stint.start()
    app.aboutToQuit.connect(stint.shutdown)
    # A round trip on the system bus: the backend's match rule is in place before we go on.
    QDBusConnection.systemBus().interface().isServiceRegistered("org.freedesktop.NetworkManager")
    sys.stdout.write(f"ready {stint.network.source}\\n")
    sys.stdout.flush()
    sys.exit(app.exec())
""")


class NetworkManager(TestService):
    """org.freedesktop.NetworkManager's State and Connectivity, and their change."""

    def __init__(self, address: str) -> None:
        super().__init__(address, NM)
        self.properties[(NM_PATH, NM)] = {"State": ("u", DISCONNECTED), "Connectivity": ("u", CONNECTIVITY_NONE)}

    def connect(self) -> None:
        changed = {"State": ("u", CONNECTED_GLOBAL), "Connectivity": ("u", CONNECTIVITY_FULL)}
        self.properties[(NM_PATH, NM)].update(changed)
        self.emit(NM_PATH, "org.freedesktop.DBus.Properties", "PropertiesChanged", "sa{sv}as", (NM, changed, []))


def test_the_network_coming_back_starts_a_sync(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    with private_bus(tmp_path / "bus") as address, serving(NetworkManager(address)) as nm:
        env = {**os.environ, "STINT_HOME": str(home), "QT_QPA_PLATFORM": "offscreen",
               "DBUS_SYSTEM_BUS_ADDRESS": address, "DBUS_SESSION_BUS_ADDRESS": address,
               "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
        app = subprocess.Popen([sys.executable, "-c", APP], env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
        try:
            assert app.stdout is not None
            before = [app.stdout.readline() for _ in range(2)]
            assert "ready networkmanager\n" in before, (before, app.stderr.read() if app.stderr else "")
            nm.connect()
            out, err = app.communicate(timeout=60)
        finally:
            app.kill()
    assert [*before, *out.splitlines(keepends=True)].count("synced True\n") == 1, err
    assert app.returncode == 0
