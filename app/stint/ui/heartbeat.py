"""The app's heartbeat: a sign of life in the store about once a minute.

At start, before the first beat, `recover()` looks for the gap a crash, a kill or a
power loss left behind (stint.domain.away.crash_gap): the running timer "ran" through
it while nobody could see, so the person is asked about it like any time away. While
the app runs, a beat that comes much later than due means the machine slept (or the
process was frozen) without logind telling us: `stood_still(since)` reports it.

Writes go through stint.store.heartbeat (stdlib sqlite3); a failed write is logged
and tried again at the next beat — a heartbeat never takes the app down.
"""

from __future__ import annotations

import logging
import sqlite3
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from ..domain.away import BEAT_EVERY, MIN_GAP, crash_gap
from ..store import heartbeat as store
from .away import Away

if TYPE_CHECKING:
    from .services import Services

log = logging.getLogger("stint.ui.heartbeat")


class Heartbeat(QObject):
    stood_still = Signal(object)  # datetime: no beat since then

    def __init__(self, services: "Services", interval_ms: int | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.last: datetime | None = None
        self._timer = QTimer(self, interval=interval_ms or int(BEAT_EVERY.total_seconds() * 1000))
        self._timer.timeout.connect(self.beat)

    def recover(self) -> Away | None:
        """The gap since the last run, as an absence to ask about; None if there is none."""
        try:
            last = store.read(self.services.database)
        except sqlite3.Error as exc:
            log.warning("cannot read the heartbeat: %s", exc)
            return None
        snap = self.services.snapshot()
        since = crash_gap(
            beat_at=last.at if last else None, closed=last.closed if last else False,
            pending_entry=last.pending_entry if last else None, pending_since=last.pending_since if last else None,
            running_entry=snap.running_entry, running_since=snap.running_since,
            now=self.services.clock.now(), idle_minutes=self.services.settings.idle_minutes)
        if since is None or snap.running is None or snap.running_entry is None:
            return None
        return Away(snap.running_entry, snap.running.id, snap.running.title, since, "crash")

    def start(self) -> None:
        self.beat()
        self._timer.start()

    def beat(self) -> None:
        now = self.services.clock.now()
        if self.last is not None and now - self.last >= MIN_GAP:
            self.stood_still.emit(self.last)
        self.last = now
        self._write(now, closed=False)

    def mark(self) -> None:
        """A sign of life now, outside the rhythm (just before a sleep or a shutdown)."""
        self.last = self.services.clock.now()
        self._write(self.last, closed=False)

    def stop(self, *, closed: bool) -> None:
        """The last beat: `closed` when the person quit (no gap to offer next time)."""
        self._timer.stop()
        self._write(self.services.clock.now(), closed=closed)

    def remember(self, away: Away | None) -> None:
        """Keep an unanswered question across a restart (None: it was answered)."""
        try:
            store.set_pending(self.services.database, self.services.clock.now(),
                              away.entry_id if away else None, away.since if away else None)
        except sqlite3.Error as exc:
            log.warning("cannot note the open question: %s", exc)

    def _write(self, now: datetime, *, closed: bool) -> None:
        try:
            store.beat(self.services.database, now, closed=closed)
        except sqlite3.Error as exc:
            log.warning("heartbeat not written: %s", exc)
