"""The running app's daily backup: looked at when the app starts and every hour
after, taken off the GUI thread when the last one is a day old (store.backup)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QThreadPool, QTimer, Signal

from .workers import Job, run_in_background

if TYPE_CHECKING:
    from .services import Services

log = logging.getLogger(__name__)
CHECK_MS = 3_600_000


class DailyBackup(QObject):
    finished = Signal(object)  # the Backup taken, or None when none was due or it failed

    def __init__(self, services: "Services", interval_ms: int = CHECK_MS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.job: Job | None = None
        self._told: str | None = None
        self._timer = QTimer(self, interval=interval_ms)
        self._timer.timeout.connect(self.check)

    def start(self) -> None:
        self._timer.start()
        self.check()

    def stop(self, wait_ms: int = 30_000) -> None:
        """Stop looking; at quit, let a backup being taken finish (a copy cut short
        leaves only a temporary file, removed next time, but there is no need to)."""
        self._timer.stop()
        if self.job is not None:
            QThreadPool.globalInstance().waitForDone(wait_ms)

    def check(self) -> None:
        """Start the backup job if one is due (and none runs)."""
        from ..store import backup

        database = self.services.database
        now = self.services.clock.now()
        if self.job is not None or not backup.is_due(database, now):
            return
        self.job = run_in_background(lambda: backup.ensure_daily(database, now), "daily backup",
                                     on_success=self._succeeded, on_failure=self._failed)

    def _succeeded(self, made: object) -> None:
        self.job, self._told = None, None
        if made is not None:
            log.info("daily backup: %s", getattr(made, "path", made))
        self.finished.emit(made)

    def _failed(self, error: str) -> None:
        self.job = None
        log.warning("the daily backup failed: %s", error)
        if error != self._told:  # once per kind of failure, not every hour
            self._told = error
            self.services.bridge.message.emit("warning", self.tr("The daily backup failed: {error}").format(error=error))
        self.finished.emit(None)
