"""Notice changes other processes make to the database (the CLI without the app,
a sync run elsewhere) and tell the widgets through the Bridge.

SQLite's `PRAGMA data_version` changes on a connection whenever *another*
connection commits; polling it on a private stdlib connection costs microseconds.
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

log = logging.getLogger("stint.ui.dbwatch")

POLL_MS = 1000


class DbWatcher(QObject):
    changed = Signal()

    def __init__(self, database: Path, interval_ms: int = POLL_MS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.database = database
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

    def poll(self) -> bool:
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
