"""Notice changes other processes make to the database (the CLI without the app,
a sync run elsewhere) and tell the widgets through the Bridge.

SQLite's `PRAGMA data_version` changes on a connection whenever *another*
connection commits; polling it on a private stdlib connection costs microseconds.
The app's own connections are "another connection" too: after a change the app
made and announced itself, `settle()` takes the current version as seen, so the
views reload once per change, not once for the announcement and again for the poll.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

log = logging.getLogger("stint.ui.dbwatch")

POLL_MS = 1000


class DbWatcher(QObject):
    changed = Signal()

    def __init__(self, database: Path, interval_ms: int = POLL_MS, parent: QObject | None = None,
                 *, quiet: Callable[[], bool] = lambda: False) -> None:
        super().__init__(parent)
        self.database = database
        # While this says so (a sync cycle of the app's own is writing), polls wait:
        # the cycle's end is announced, and settles what it wrote.
        self._quiet = quiet
        self._conn: sqlite3.Connection | None = None
        self._version: int | None = None
        self._failing = False
        self._timer = QTimer(self, interval=interval_ms)
        self._timer.timeout.connect(self.poll)

    def start(self) -> None:
        self._version = self._read()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def settle(self) -> None:
        """The store as it is now has been announced: do not report it again."""
        if self._timer.isActive():
            self._version = self._read()

    def poll(self) -> bool:
        if self._quiet():
            return False
        version = self._read()
        if version is None or version == self._version:
            return False
        self._version = version
        self.changed.emit()
        return True

    def _read(self) -> int | None:
        try:
            if self._conn is None:
                self._conn = sqlite3.connect(self.database, timeout=0.2)
            row = self._conn.execute("PRAGMA data_version").fetchone()
            self._failing = False
            return int(row[0])
        except sqlite3.Error as exc:
            if not self._failing:
                log.warning("cannot poll %s: %s", self.database, exc)
            self._failing = True
            if self._conn is not None:
                self._conn.close()
            self._conn = None
            return None
