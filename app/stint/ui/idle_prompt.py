"""After the person has been away with a timer running, ask what to do with that time.

`IdleWatcher` polls an idle source; once idle for settings.idle_minutes with a timer
running it tells the AwayMonitor (stint.ui.away) when the idleness began, and when
input resumes that it ended. Whatever the absence was (idle, lock, sleep, a crash
gap), `IdlePrompt` asks — keep / discard and continue / discard and stop — through a
desktop notification with buttons where the desktop has them (a click on the
notification itself opens the dialog), else in a dialog, and applies the answer
through the Tracker, so the outbox gets the same ops as if the person had done it by
hand. Until it is answered the question is remembered in the store (a kill does not
lose it); an absence that grows while the question is open updates it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from enum import Enum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import QDialog, QLabel, QPushButton, QVBoxLayout, QWidget

from .away import Away, running_away
from .idle import ask

if TYPE_CHECKING:
    from ..services import Services

__all__ = ["Away", "IdleChoice", "IdleDialog", "IdlePrompt", "IdleWatcher", "resolve"]
POLL_MS = 10_000
NOTIFICATION_KEY = "away"


class IdleChoice(Enum):
    KEEP = 1
    DISCARD_CONTINUE = 2
    DISCARD_STOP = 3


ACTION_KEYS = {"keep": IdleChoice.KEEP, "discard": IdleChoice.DISCARD_CONTINUE, "stop": IdleChoice.DISCARD_STOP}


class IdleWatcher(QObject):
    began = Signal(object)  # Away: idle long enough, since then
    ended = Signal()        # input again

    def __init__(self, services: "Services", source: Any, interval_ms: int = POLL_MS,
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

    def set_source(self, source: Any) -> None:
        self.source = source
        if source is not None and not self._timer.isActive():
            self._timer.start()

    def start(self) -> None:
        if self.source is not None:
            self._timer.start()

    def poll(self) -> None:
        if self.source is None or self.services.settings.idle_minutes <= 0:
            self.away = None
            return
        ask(self.source, self.observe)

    def observe(self, idle: float | None) -> None:
        threshold = self.services.settings.idle_minutes * 60
        if idle is None or threshold <= 0:
            return
        if self.away is None:
            if idle >= threshold:
                self.away = running_away(self.services, self.services.clock.now() - timedelta(seconds=idle), "idle")
                if self.away is not None:
                    self.began.emit(self.away)
        elif idle < threshold:
            self.away = None
            self.ended.emit()


def resolve(services: "Services", away: Away, choice: IdleChoice) -> None:
    """Apply the person's answer. Refused (StintError) when the timer changed meanwhile."""
    if choice is IdleChoice.KEEP:
        return
    services.tracker.discard_idle(away.entry_id, away.since, restart=choice is IdleChoice.DISCARD_CONTINUE)


def question(away: Away, now: datetime, services: "Services") -> str:
    translate = QCoreApplication.translate
    minutes = max(1, int((now - away.since).total_seconds() // 60))
    if minutes < 60:
        span = translate("AwayQuestion", "{minutes} min").format(minutes=minutes)
    else:
        span = translate("AwayQuestion", "{hours} h {minutes:02d} min").format(hours=minutes // 60,
                                                                              minutes=minutes % 60)
    values = {"span": span, "title": away.title, "since": away.since.astimezone(services.tz).strftime("%H:%M")}
    if away.reason == "lock":
        text = QCoreApplication.translate(
            "AwayQuestion", "The screen was locked for {span} (since {since}) while “{title}” was running.")
    elif away.reason == "sleep":
        text = QCoreApplication.translate(
            "AwayQuestion", "The computer was asleep for {span} (since {since}) while “{title}” was running.")
    elif away.reason in ("crash", "shutdown"):
        text = QCoreApplication.translate(
            "AwayQuestion", "Stint was not running for {span} (since {since}: the computer was off, or Stint "
                            "was stopped) while “{title}” was running.")
    else:
        text = QCoreApplication.translate(
            "AwayQuestion", "You were away for {span} (since {since}) while “{title}” was running.")
    ask = QCoreApplication.translate("AwayQuestion", "What should happen to that time?")
    return text.format(**values) + " " + ask


class IdleDialog(QDialog):
    def __init__(self, away: Away, now: datetime, services: "Services", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.away = away
        self.services = services
        self.choice = IdleChoice.KEEP
        self.setWindowTitle(self.tr("Time away"))
        self.label = QLabel(question(away, now, services), wordWrap=True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        for choice, name, caption in (
            (IdleChoice.KEEP, "keep", self.tr("&Keep it")),
            (IdleChoice.DISCARD_CONTINUE, "discard", self.tr("&Discard it and keep tracking")),
            (IdleChoice.DISCARD_STOP, "stop", self.tr("Discard it and &stop")),
        ):
            button = QPushButton(caption, objectName=name)
            button.clicked.connect(lambda _=False, c=choice: self._choose(c))
            layout.addWidget(button)
        self.findChild(QPushButton, "keep").setDefault(True)

    def update_away(self, away: Away, now: datetime) -> None:
        self.away = away
        self.label.setText(question(away, now, self.services))

    def _choose(self, choice: IdleChoice) -> None:
        self.choice = choice
        self.accept()


class IdlePrompt(QObject):
    resolved = Signal(object)  # IdleChoice

    def __init__(self, services: "Services", *, notifications: Callable[[], Any] = lambda: None,
                 remember: Callable[[Away | None], None] = lambda _away: None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.current: Away | None = None
        self.dialog: IdleDialog | None = None
        self._asked_at = services.clock.now()
        self._notifications = notifications
        self._remember = remember

    def ask(self, away: Away) -> None:
        """Ask about `away`. The same absence told twice (logind and the heartbeat, idle
        and the lock) is one question, from its earliest start; a later, separate
        absence replaces an unanswered question, whose time is then kept."""
        now = self.services.clock.now()
        current = self.current
        if current is not None and current.entry_id == away.entry_id and away.since <= self._asked_at:
            if away.since >= current.since:
                return
        self.current = away
        self._asked_at = now
        self._remember(away)
        if self.dialog is not None:
            self.dialog.update_away(away, now)
            return
        notes = self._notifications()
        if notes is not None and notes.available and notes.actions:
            notes.notify(
                self.tr("Stint: time away"), question(away, now, self.services), level="warning",
                actions=[("default", self.tr("Open")), ("keep", self.tr("Keep")), ("discard", self.tr("Discard")),
                         ("stop", self.tr("Discard and stop"))],
                on_action=self._action, key=NOTIFICATION_KEY, persistent=True)
        else:
            self.show_dialog()

    def show_dialog(self) -> None:
        if self.current is None:
            return
        if self.dialog is None:
            self.dialog = IdleDialog(self.current, self.services.clock.now(), self.services)
            self.dialog.finished.connect(lambda _code, d=self.dialog: self.answer(d.choice))
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.activateWindow()

    def _action(self, key: str) -> None:
        if key in ACTION_KEYS:
            self.answer(ACTION_KEYS[key])
        else:
            self.show_dialog()  # a click on the notification itself

    def answer(self, choice: IdleChoice) -> None:
        from ..domain.errors import StintError

        away, self.current = self.current, None
        dialog, self.dialog = self.dialog, None
        if dialog is not None:
            dialog.blockSignals(True)
            dialog.close()
            dialog.deleteLater()
        notes = self._notifications()
        if notes is not None:
            notes.close(NOTIFICATION_KEY)
        if away is None:
            return
        try:
            resolve(self.services, away, choice)
        except StintError as exc:
            self.services.bridge.message.emit("warning", str(exc))
        self._remember(None)
        self.resolved.emit(choice)
