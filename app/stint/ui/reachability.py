"""Whether the network is there, from the platform (Qt's QNetworkInformation: the
NetworkManager or GLib backend on Linux, the system's on Windows and macOS).

When the network comes back, sync should not wait for its next interval (DESIGN:
"when the network comes back"): `online` fires on each change from not-online to
online, and the app asks for a cycle. Where no backend can be loaded, it never fires
and the interval alone drives sync; `source` says which it is.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QNetworkInformation

log = logging.getLogger("stint.ui.reachability")
Reachability = QNetworkInformation.Reachability


class NetworkWatch(QObject):
    online = Signal()

    def __init__(self, backend: str | None = None, parent: QObject | None = None) -> None:
        """`backend`: a QNetworkInformation backend by name; None: the platform's default."""
        super().__init__(parent)
        loaded = (QNetworkInformation.loadBackendByName(backend) if backend
                  else QNetworkInformation.loadBackendByFeatures(QNetworkInformation.Feature.Reachability))
        info = QNetworkInformation.instance() if loaded else None
        self.source: str | None = info.backendName() if info is not None else None
        self._last = info.reachability() if info is not None else Reachability.Unknown
        if info is not None:
            info.reachabilityChanged.connect(self._changed)
        else:
            log.info("no network information here: sync runs on its interval only")

    def _changed(self, reachability: QNetworkInformation.Reachability) -> None:
        was, self._last = self._last, reachability
        if reachability == Reachability.Online and was != Reachability.Online:
            log.info("the network is back")
            self.online.emit()
