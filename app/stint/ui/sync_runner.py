"""Running the sync engine from the app: on an interval, soon after a local change
(debounced), and when asked ("Sync now") — always off the GUI thread, never two
cycles at once (a request during a cycle is coalesced into one more run after it).

The engine itself (stint.sync.engine.SyncEngine) is Qt-free; it reports through
the Bridge: `sync_finished(report)` and `changed("sync")`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer

from .workers import run_in_background

if TYPE_CHECKING:
    from .services import Services

log = logging.getLogger("stint.ui.sync")

RunOnce = Callable[[bool], Any]  # force -> SyncReport
LOCAL_CHANGES = ("tasks", "timer", "entries")


class SyncRunner(QObject):
    def __init__(self, services: "Services", has_accounts: Callable[[], bool],
                 run_once: RunOnce | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.has_accounts = has_accounts
        self._run_once = run_once or self._engine_run_once
        self._engine: Any = None
        self.busy = False
        self._again = False
        settings = services.settings
        self._interval = QTimer(self, interval=settings.sync_interval_seconds * 1000)
        self._interval.timeout.connect(lambda: self.request(force=False))
        self._debounce = QTimer(self, singleShot=True, interval=max(0, settings.sync_debounce_seconds) * 1000)
        self._debounce.timeout.connect(lambda: self.request(force=False))
        services.bridge.changed.connect(self._on_changed)

    def start(self) -> None:
        self._interval.start()
        self._debounce.start()  # a first cycle soon after start-up

    def stop(self) -> None:
        self._interval.stop()
        self._debounce.stop()
        if self._engine is not None:
            self._engine[1].close()

    def _on_changed(self, what: str) -> None:
        # Only the person's own changes; the sync's writes come back as "all"/"sync".
        if what in LOCAL_CHANGES and self._interval.isActive():
            self._debounce.start()

    def request(self, force: bool = True) -> bool:
        """Start a cycle now (or right after the running one). False: no account."""
        if not self.has_accounts():
            return False
        if self.busy:
            self._again = True
            return True
        self.busy = True
        run_in_background(lambda: self._run_once(force), "sync", on_success=self._succeeded,
                          on_failure=self._failed, on_finished=self._finished)
        return True

    def _succeeded(self, report: Any) -> None:
        self.services.bridge.sync_finished.emit(report)
        self.services.bridge.changed.emit("sync")

    def _failed(self, text: str) -> None:
        self.services.bridge.sync_finished.emit(None)
        self.services.bridge.message.emit("error", self.tr("Sync failed: {text}").format(text=text))

    def _finished(self) -> None:
        self.busy = False
        if self._again:
            self._again = False
            self.request(force=False)

    def _engine_run_once(self, force: bool) -> Any:
        if self._engine is None:
            from ..accounts import Accounts
            from ..sync.engine import SyncEngine

            services = self.services
            accounts = Accounts(services.engine, services.clock)
            self._engine = (SyncEngine(services.engine, accounts.backend_for, services.clock, tz=services.tz),
                            accounts)
        return self._engine[0].run_once(force=force)
