"""The window's status line: the running timer and today's total, and sync in the
tray's words (domain/sync_state.py) — a short state with each account's line in its
tooltip, changes waiting, Sign in… when an account needs it, the refused changes (a
click lists them), and the last sync. Read from the store snapshot on every change.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QPushButton, QStatusBar, QWidget

from ..domain.sync_state import Health, describe, summary, waiting
from ..domain.durations import format_duration, format_elapsed
from ..services import Services
from ..store.snapshot import StoreSnapshot
from .sync_words import account_lines, say

RELOAD_ON = {"all", "timer", "entries", "tasks", "sync", "settings"}


class StatusLine(QStatusBar):
    failed_clicked = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.snapshot = StoreSnapshot()
        self.timer_label = QLabel()
        self.connection_label = QLabel(objectName="sync-state")
        self.pending_label = QPushButton(objectName="waiting")  # opens the list: what waits, and why
        self.sync_label = QLabel()
        self.sign_in_button = QPushButton(objectName="sign-in")
        self.failed_button = QPushButton(objectName="refused")
        for button in (self.sign_in_button, self.failed_button, self.pending_label):
            button.setFlat(True)
        self.failed_button.clicked.connect(self.failed_clicked)
        self.pending_label.clicked.connect(self.failed_clicked)
        self.sign_in_button.clicked.connect(self._sign_in)
        self.addWidget(self.timer_label, 1)
        for w in (self.connection_label, self.pending_label, self.sync_label, self.sign_in_button,
                  self.failed_button):
            w.setContentsMargins(6, 0, 6, 0)  # the fields apart, as the tooltip's lines are
            self.addPermanentWidget(w)
        services.bridge.changed.connect(self.on_changed)
        self.refresh()

    def on_changed(self, what: str) -> None:
        if what in RELOAD_ON:
            self.refresh()

    def refresh(self) -> None:
        self.snapshot = snap = self.services.snapshot()
        tz, now = self.services.tz, self.services.clock.now()
        accounts = snap.accounts
        self.connection_label.setText(say(summary(accounts)))
        lines = [line for account in accounts for line in account_lines(account, tz, now)]
        self.connection_label.setToolTip("\n".join(lines) if accounts else self.tr("No server account is configured."))
        self.pending_label.setText(say(waiting(snap.pending_ops)))
        self.pending_label.setVisible(bool(snap.pending_ops and accounts))
        self.pending_label.setToolTip(self.tr("Show the changes waiting to be sent"))
        last = snap.last_sync
        if last is not None:
            self.sync_label.setText(self.tr("Last sync %1").replace("%1", f"{last.astimezone(tz):%Y-%m-%d %H:%M}"))
        else:
            self.sync_label.setText(self.tr("Never synced") if accounts else "")
        needing = [a for a in accounts if a.health.needs_person]
        self.sign_in_button.setVisible(bool(needing))
        if needing:
            self.sign_in_button.setText(self.tr("Sign in to %1…").replace("%1", needing[0].name))
            self.sign_in_button.setToolTip(say(describe(needing[0], tz, now)))
        self.failed_button.setText(self.tr("%n refused", "", snap.failed_ops))
        self.failed_button.setToolTip(self.tr("Show the changes the server refused"))
        self.failed_button.setVisible(snap.failed_ops > 0)
        self.tick(now)

    def _sign_in(self) -> None:
        needing = [a for a in self.snapshot.accounts if a.health in (Health.NEEDS_SIGNIN, Health.NEEDS_SECRET)]
        if needing:
            self.services.bridge.sign_in_requested.emit(needing[0].name)

    def tick(self, now: datetime) -> None:
        snap = self.snapshot
        today = self.tr("today %1").replace("%1", format_duration(snap.today_total(now)))
        if snap.running is None or snap.running_since is None:
            self.timer_label.setText(self.tr("No timer running") + " · " + today)
            return
        clock = format_elapsed((now - snap.running_since).total_seconds())
        self.timer_label.setText(self.tr("▶ %1 — %2").replace("%1", snap.running.title).replace("%2", clock)
                                 + " · " + today)
