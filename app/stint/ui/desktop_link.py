"""Qt's event loop drives the desktop's D-Bus connections (stint.desktop.bus).

A QSocketNotifier on the connection's socket calls `Bus.read()`; QTimer.singleShot
serves the call timeouts. Opening fails softly: no session bus (Windows, macOS, a bare
X session) just means no D-Bus features, said once in the log.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSocketNotifier, QTimer

if TYPE_CHECKING:
    from ..desktop.bus import Bus

log = logging.getLogger("stint.ui.desktop_link")


def _call_later(parent: QObject) -> Callable[[float, Callable[[], None]], None]:
    def later(seconds: float, fn: Callable[[], None]) -> None:
        QTimer.singleShot(max(0, int(seconds * 1000)), parent, fn)

    return later


class BusLink(QObject):
    """A Bus and the socket notifier that feeds it; closing one closes both."""

    def __init__(self, bus: "Bus", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.bus = bus
        self._notifier = QSocketNotifier(bus.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(lambda *_: bus.read())
        bus.on_lost(lambda: self._notifier.setEnabled(False))

    def close(self) -> None:
        self._notifier.setEnabled(False)
        self.bus.close()


def open_bus(which: str, parent: QObject, *, enable_fds: bool = False) -> BusLink | None:
    """A connection to the session or system bus, read by Qt's loop; None if there is none."""
    try:
        from ..desktop.bus import Bus
    except ImportError as exc:  # jeepney is installed on Linux only
        log.info("no D-Bus support: %s", exc)
        return None
    errors = (OSError, KeyError, RuntimeError, TimeoutError, ValueError)
    try:
        bus = Bus.open(which, call_later=_call_later(parent), enable_fds=enable_fds)
    except errors as exc:
        if not enable_fds or isinstance(exc, (OSError, KeyError)):
            log.info("no %s bus: %s", which.lower(), exc)
            return None
        try:  # a bus that refuses to pass file descriptors: the rest still works
            bus = Bus.open(which, call_later=_call_later(parent))
        except errors as again:
            log.info("no %s bus: %s", which.lower(), again)
            return None
    return BusLink(bus, parent)
