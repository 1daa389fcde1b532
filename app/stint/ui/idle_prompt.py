"""After the person has been away with a timer running, ask what to do with that time.

`IdleWatcher` polls an IdleSource; once idle for settings.idle_minutes with a timer
running it remembers when the idleness began, and when input resumes it emits
`returned`. `IdlePrompt` asks (keep / discard and continue / discard and stop) and
applies the answer through the Tracker, so the outbox gets the same ops as if the
person had done it by hand.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QDialog, QLabel, QPushButton, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from .idle import IdleSource
    from ..services import Services

POLL_MS = 10_000


class IdleChoice(Enum):
    KEEP = 1
    DISCARD_CONTINUE = 2
    DISCARD_STOP = 3


@dataclass(frozen=True)
class Away:
    entry_id: str
    task_id: int
    title: str
    since: datetime


class IdleWatcher(QObject):
    returned = Signal(object)  # Away

    def __init__(self, services: "Services", source: "IdleSource | None", interval_ms: int = POLL_MS,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.source = source
        self.away: Away | None = None
        self._timer = QTimer(self, interval=interval_ms)
        self._timer.timeout.connect(self.poll)

    @property
    def available(self) -> bool:
        return self.source is not None

    def start(self) -> None:
        if self.source is not None:
            self._timer.start()

    def poll(self) -> None:
        threshold = self.services.settings.idle_minutes * 60
        if self.source is None or threshold <= 0:
            self.away = None
            return
        idle = self.source.seconds_idle()
        if idle is None:
            return
        if self.away is None:
            if idle >= threshold:
                self.away = self._running_since(self.services.clock.now() - timedelta(seconds=idle))
        elif idle < threshold:
            away, self.away = self.away, None
            self.returned.emit(away)

    def _running_since(self, since: datetime) -> Away | None:
        snap = self.services.snapshot()  # stdlib sqlite3: polling never loads the ORM
        if snap.running is None or snap.running_entry is None:
            return None
        return Away(snap.running_entry, snap.running.id, snap.running.title, since)


def resolve(services: "Services", away: Away, choice: IdleChoice) -> None:
    """Apply the person's answer. Refused (StintError) when the timer changed meanwhile."""
    if choice is IdleChoice.KEEP:
        return
    services.tracker.discard_idle(away.entry_id, away.since, restart=choice is IdleChoice.DISCARD_CONTINUE)


class IdleDialog(QDialog):
    def __init__(self, away: Away, now: datetime, services: "Services", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.away = away
        self.choice = IdleChoice.KEEP
        self.setWindowTitle(self.tr("You were away"))
        minutes = max(1, int((now - away.since).total_seconds() // 60))
        since = away.since.astimezone(services.tz).strftime("%H:%M")
        text = self.tr("You were away for {minutes} min (since {since}) while “{title}” was running. "
                       "What should happen to that time?").format(minutes=minutes, since=since, title=away.title)
        label = QLabel(text, wordWrap=True)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        for choice, name, caption in (
            (IdleChoice.KEEP, "keep", self.tr("&Keep it")),
            (IdleChoice.DISCARD_CONTINUE, "discard", self.tr("&Discard it and keep tracking")),
            (IdleChoice.DISCARD_STOP, "stop", self.tr("Discard it and &stop")),
        ):
            button = QPushButton(caption, objectName=name)
            button.clicked.connect(lambda _=False, c=choice: self._choose(c))
            layout.addWidget(button)
        self.findChild(QPushButton, "keep").setDefault(True)

    def _choose(self, choice: IdleChoice) -> None:
        self.choice = choice
        self.accept()


class IdlePrompt(QObject):
    resolved = Signal(object)  # IdleChoice

    def __init__(self, services: "Services", watcher: IdleWatcher, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.dialog: IdleDialog | None = None
        watcher.returned.connect(self.ask)

    def ask(self, away: Away) -> None:
        if self.dialog is not None:
            self.dialog.close()
        self.dialog = IdleDialog(away, self.services.clock.now(), self.services)
        self.dialog.finished.connect(lambda _code, d=self.dialog: self._answered(d))
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.activateWindow()

    def _answered(self, dialog: IdleDialog) -> None:
        from ..domain.errors import StintError

        if self.dialog is dialog:
            self.dialog = None
        try:
            resolve(self.services, dialog.away, dialog.choice)
        except StintError as exc:
            self.services.bridge.message.emit("warning", str(exc))
        dialog.deleteLater()
        self.resolved.emit(dialog.choice)
