"""Telling the person what needs them: a sync problem to act on, a timer that has
run too long, and (optionally) that nothing is tracked during working hours.

The Notifier decides *what* to say and when; `show` (the tray balloon, or a message
in the window when there is no tray) decides where. A QTimer drives the time-based
checks with the injected clock, so tests move time by hand and call `check()`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from ..domain.sync_state import Health, describe, describe_refused
from ..store.snapshot import StoreSnapshot
from .sync_words import say

if TYPE_CHECKING:
    from ..services import Services

CHECK_MS = 60_000
REMIND_AFTER = timedelta(minutes=15)  # untracked this long before the first reminder
REMIND_EVERY = timedelta(hours=1)

# level, title, text, action: (key, button label) — "signin:ACCOUNT" opens that
# account's sign-in, "failed" the refused changes, "start" the task search (stint.ui.desktop.Desktop.notify shows
# the button where it can).
Show = Callable[[str, str, str, "tuple[str, str] | None"], None]


class Notifier(QObject):
    notified = Signal(str, str, str)  # level, title, text

    def __init__(self, services: "Services", show: Show, interval_ms: int = CHECK_MS,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.show = show
        self.snapshot = StoreSnapshot()
        self._long_told: str | None = None     # entry id already warned about
        self._problems_told: set[tuple[str, str]] = set()
        self._failed_told = 0
        self._reminded_at: datetime | None = None
        self._untracked_since: datetime | None = None
        self._timer = QTimer(self, interval=interval_ms)
        self._timer.timeout.connect(self.check)
        services.bridge.message.connect(self._on_message)

    def start(self) -> None:
        self._timer.start()

    def notify(self, level: str, title: str, text: str, action: tuple[str, str] | None = None) -> None:
        self.show(level, title, text, action)
        self.notified.emit(level, title, text)

    def _on_message(self, level: str, text: str) -> None:
        self.notify(level, "Stint", text)

    def set_snapshot(self, snapshot: StoreSnapshot) -> None:
        self.snapshot = snapshot
        self._check_sync(snapshot)
        self.check()

    # -- checks ----------------------------------------------------------------

    def _check_sync(self, snap: StoreSnapshot) -> None:
        """Tell once what only the person can fix: a sign-in, a missing secret, a sync
        error, refused changes. Offline and server trouble mend themselves: the tray's
        badge and tooltip show them, without a notification each time the wifi drops."""
        tz, now = self.services.tz, self.services.clock.now()
        told = {(a.name, a.health) for a in snap.accounts if a.health.needs_person or a.health is Health.ERROR}
        for account in snap.accounts:
            key = (account.name, account.health)
            if key not in told or key in self._problems_told:
                continue
            action = None
            text = say(describe(account, tz, now))
            if account.health.needs_person:
                text += "\n" + self.tr("Your changes are kept until then.")
                action = (f"signin:{account.name}", self.tr("Sign in…"))
            self.notify("error", self.tr("Stint: {name} needs attention").format(name=account.name), text, action)
        self._problems_told = told
        if snap.failed_ops > self._failed_told:
            lines = [say(words) for words in map(describe_refused, snap.accounts) if words is not None]
            lines.append(self.tr("Retry or discard them in the list of refused changes."))
            self.notify("error", self.tr("Stint: changes refused"), "\n".join(lines),
                        ("failed", self.tr("Show them…")))
        self._failed_told = snap.failed_ops

    def check(self) -> None:
        now = self.services.clock.now()
        self._check_long_timer(self.snapshot, now)
        self._check_untracked(self.snapshot, now)

    def _check_long_timer(self, snap: StoreSnapshot, now: datetime) -> None:
        limit = self.services.settings.long_timer_hours
        if snap.running is None or snap.running_since is None or limit <= 0:
            return
        if snap.running_entry == self._long_told:
            return
        if now - snap.running_since >= timedelta(hours=limit):
            self._long_told = snap.running_entry
            hours = (now - snap.running_since).total_seconds() / 3600
            self.notify("warning", self.tr("Stint: timer still running"),
                        self.tr("“{title}” has been running for {hours:.1f} hours. Forgot to stop it?")
                        .format(title=snap.running.title, hours=hours))

    def _check_untracked(self, snap: StoreSnapshot, now: datetime) -> None:
        settings = self.services.settings
        if not settings.remind_untracked or snap.running is not None:
            self._untracked_since = None
            return
        if not in_working_hours(now.astimezone(self.services.tz), settings.working_hours, settings.working_days):
            return
        if self._untracked_since is None:
            self._untracked_since = now
        if now - self._untracked_since < REMIND_AFTER:
            return
        if self._reminded_at is not None and now - self._reminded_at < REMIND_EVERY:
            return
        self._reminded_at = now
        self.notify("info", self.tr("Stint: nothing is being tracked"),
                    self.tr("It is working time and no timer runs. Start one from the tray menu."),
                    ("start", self.tr("Start…")))


def in_working_hours(local: datetime, hours: tuple[str, str], days: tuple[int, ...]) -> bool:
    if local.weekday() not in days:
        return False
    try:
        start, end = (tuple(int(p) for p in h.split(":", 1)) for h in hours)
    except ValueError:
        return False
    minute = local.hour * 60 + local.minute
    return start[0] * 60 + start[1] <= minute < end[0] * 60 + end[1]
