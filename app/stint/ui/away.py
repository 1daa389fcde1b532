"""One absence, whatever told us about it: idle input, a locked screen, sleep, a
shutdown, or a heartbeat that stood still.

Reasons overlap (idle, then the screen locks itself, then the lid closes), so the
`AwayMonitor` keeps one absence: it began at the earliest reason's start, for the
timer that was running then, and it ends when the person is back — unlocking or
waking is input, so it ends idleness too. Then, if it lasted long enough
(stint.domain.away.threshold), `returned` carries it to the prompt.

What happens at lock, sleep or shutdown follows the `on_lock_sleep` setting:
"ask" (remember it and ask on return), "stop" (stop the timer where the absence
began, and say so), "keep" (count the time). Idle always asks; it is only watched
when the person turned it on.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from ..domain.away import worth_asking

if TYPE_CHECKING:
    from .services import Services

log = logging.getLogger("stint.ui.away")
LOCKS = ("lock", "sleep", "shutdown")


@dataclass(frozen=True)
class Away:
    entry_id: str
    task_id: int
    title: str
    since: datetime
    reason: str = "idle"   # idle | lock | sleep | shutdown | crash


def running_away(services: "Services", since: datetime, reason: str) -> Away | None:
    """The running timer as an absence since `since`; None when nothing runs."""
    snap = services.snapshot()  # stdlib sqlite3: watching never loads the ORM
    if snap.running is None or snap.running_entry is None:
        return None
    return Away(snap.running_entry, snap.running.id, snap.running.title, since, reason)


class AwayMonitor(QObject):
    returned = Signal(object)  # Away: ask the person about it
    stopped = Signal(object)   # Away: the timer was stopped where it began ("stop" setting)

    def __init__(self, services: "Services", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.away: Away | None = None
        self.reasons: dict[str, datetime] = {}

    def begin(self, reason: str, since: datetime | None = None) -> None:
        since = since or self.services.clock.now()
        if reason in LOCKS:
            policy = self.services.settings.on_lock_sleep
            if policy == "keep":
                return
            if policy == "stop":
                self._stop(reason, since)
                return
        if self.away is None:
            self.away = running_away(self.services, since, reason)
            if self.away is None:
                return  # nothing runs: nothing to ask about
        elif since < self.away.since:
            self.away = replace(self.away, since=since, reason=reason)
        self.reasons.setdefault(reason, since)

    def end(self, reason: str) -> None:
        if self.reasons.pop(reason, None) is None:
            return
        if reason != "idle":
            self.reasons.pop("idle", None)  # unlocking or waking is input: not idle either
        if self.reasons:
            return
        away, self.away = self.away, None
        if away is not None and worth_asking(away.since, self.services.clock.now(), self.services.settings.idle_minutes):
            self.returned.emit(away)

    def on_session_event(self, kind: str, active: bool) -> None:
        """A desktop session event (stint.desktop.session): sleep, shutdown, lock."""
        if active:
            self.begin(kind)
        else:
            self.end(kind)

    def stood_still(self, since: datetime) -> None:
        """The app was not running its timers since `since` (the machine slept unseen)."""
        self.begin("sleep", since)
        self.end("sleep")

    def _stop(self, reason: str, at: datetime) -> None:
        from ..domain.errors import StintError

        if self.away is not None:
            at = min(at, self.away.since)  # idle before the lock: the absence began then
        away = running_away(self.services, at, reason)
        self.away, self.reasons = None, {}
        if away is None:
            return
        try:
            self.services.tracker.discard_idle(away.entry_id, at, restart=False)
        except StintError as exc:
            log.info("could not stop the timer at %s: %s", reason, exc)
            return
        self.stopped.emit(away)
