"""The tray icon: its badge, its tooltip (ticking while a timer runs) and its menu.

The icon is created and shown before the store is opened (`Tray(clock)` needs no
database), then `attach(services, live)` wires it to the data. The menu is rebuilt
every time it opens, from a fresh snapshot.
"""

from __future__ import annotations

from datetime import tzinfo
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from ..domain.timesheet import format_elapsed
from ..store.snapshot import StoreSnapshot
from .icons import TrayState, tray_icon
from .live_state import tray_state

if TYPE_CHECKING:
    from ..domain.clock import Clock
    from ..services import Services
    from .live_state import LiveState

MAX_TITLE_CHARS = 48


def _short(text: str) -> str:
    return text if len(text) <= MAX_TITLE_CHARS else text[: MAX_TITLE_CHARS - 1] + "…"


class Tray(QObject):
    open_requested = Signal()
    toggle_requested = Signal()
    quick_start_requested = Signal()
    new_task_requested = Signal()
    quit_requested = Signal()

    def __init__(self, clock: "Clock", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.clock = clock
        self.services: Services | None = None
        self.snapshot = StoreSnapshot()
        self.state = TrayState.IDLE
        self.icon = QSystemTrayIcon(tray_icon(TrayState.IDLE), self)
        self.icon.setToolTip(self.tr("Stint — starting…"))
        self.menu = QMenu()
        self.menu.aboutToShow.connect(self.rebuild_menu)
        self.icon.setContextMenu(self.menu)
        self.icon.activated.connect(self._on_activated)
        self._tick = QTimer(self, interval=1000)
        self._tick.timeout.connect(self.update_tooltip)

    def show(self) -> None:
        self.icon.show()

    def attach(self, services: "Services", live: "LiveState") -> None:
        self.services = services
        live.updated.connect(self.set_snapshot)
        self.set_snapshot(live.snapshot)

    # -- state -----------------------------------------------------------------

    def set_snapshot(self, snapshot: StoreSnapshot) -> None:
        self.snapshot = snapshot
        state = tray_state(snapshot)
        if state != self.state:
            self.state = state
            self.icon.setIcon(tray_icon(state))
        if snapshot.running is not None:
            if not self._tick.isActive():
                self._tick.start()
        else:
            self._tick.stop()
        self.update_tooltip()

    def tooltip_text(self) -> str:
        snap = self.snapshot
        lines = ["Stint"]
        if snap.running is not None and snap.running_since is not None:
            elapsed = (self.clock.now() - snap.running_since).total_seconds()
            lines.append(self.tr("Tracking: {title} — {elapsed}").format(
                title=_short(snap.running.title), elapsed=format_elapsed(elapsed)))
        else:
            lines.append(self.tr("Not tracking"))
        if snap.pending_ops and snap.accounts:
            lines.append(self.tr("{n} change(s) waiting to sync").format(n=snap.pending_ops))
        if snap.failed_ops:
            lines.append(self.tr("{n} change(s) rejected by the server").format(n=snap.failed_ops))
        for account in snap.problems:
            lines.append(self._problem_text(account.name, account.state))
        return "\n".join(lines)

    def _problem_text(self, name: str, state: str) -> str:
        if state == "needs_signin":
            return self.tr("{name}: sign in again").format(name=name)
        return self.tr("{name}: sync error").format(name=name)

    def update_tooltip(self) -> None:
        self.icon.setToolTip(self.tooltip_text())

    # -- the menu --------------------------------------------------------------

    def rebuild_menu(self) -> None:
        menu = self.menu
        menu.clear()
        if self.services is None:
            self._add(self.tr("Starting…"), "starting", enabled=False)
            self._add(self.tr("&Quit"), "quit", self.quit_requested.emit, QKeySequence.StandardKey.Quit)
            return
        snap = self.services.snapshot()
        self.set_snapshot(snap)
        if snap.running is not None and snap.running_since is not None:
            elapsed = format_elapsed((self.clock.now() - snap.running_since).total_seconds())
            self._add(self.tr("▶ {title} — {elapsed}").format(title=_short(snap.running.title), elapsed=elapsed),
                      "running", enabled=False)
            self._add(self.tr("S&top"), "stop", self._stop)
        else:
            self._add(self.tr("Not tracking"), "running", enabled=False)
        if snap.recent:
            menu.addSection(self.tr("Recent tasks"))
            for task in snap.recent:
                label = _short(task.title) + (f"  ({task.project})" if task.project else "")
                action = self._add(label.replace("&", "&&"), f"recent-{task.id}",
                                   lambda _=False, tid=task.id: self._start(tid))
                action.setCheckable(True)
                action.setChecked(snap.running is not None and snap.running.id == task.id)
        menu.addSeparator()
        self._add(self.tr("Start &task…"), "start-task", self.quick_start_requested.emit, "Ctrl+K")
        self._add(self.tr("&New task…"), "new-task", self.new_task_requested.emit, QKeySequence.StandardKey.New)
        menu.addSeparator()
        self._add(self.tr("&Open Stint"), "open", self.open_requested.emit, "Ctrl+O")
        self._add_sync(snap, self.services.tz)
        menu.addSeparator()
        self._add(self.tr("&Quit"), "quit", self.quit_requested.emit, QKeySequence.StandardKey.Quit)

    def _add_sync(self, snap: StoreSnapshot, tz: tzinfo) -> None:
        assert self.services is not None
        if not snap.accounts:
            self._add(self.tr("Sync: no server account configured (add one in Settings)"), "sync", enabled=False)
            return
        last = snap.last_sync
        when = last.astimezone(tz).strftime("%H:%M") if last else self.tr("never")
        label = self.tr("S&ync now (last: {when}, {n} waiting)").format(when=when, n=snap.pending_ops)
        self._add(label, "sync", self.services.bridge.sync_requested.emit, "Ctrl+R")

    def _add(self, text: str, name: str, slot=None, shortcut=None, *, enabled: bool = True) -> QAction:  # type: ignore[no-untyped-def]
        action = self.menu.addAction(text)
        action.setObjectName(name)
        action.setEnabled(enabled)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if slot is not None:
            action.triggered.connect(slot)
        return action

    def action(self, name: str) -> QAction | None:
        """The menu's action called `name` (as built by the last rebuild)."""
        for action in self.menu.actions():
            if action.objectName() == name:
                return action
        return None

    # -- what the actions do ---------------------------------------------------

    def _stop(self) -> None:
        self._act(lambda tracker: tracker.stop())

    def _start(self, task_id: int) -> None:
        self._act(lambda tracker: tracker.start(str(task_id)))

    def _act(self, do) -> None:  # type: ignore[no-untyped-def]
        from ..domain.errors import StintError

        assert self.services is not None
        try:
            do(self.services.tracker)
        except StintError as exc:
            self.services.bridge.message.emit("warning", str(exc))

    def _on_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason == QSystemTrayIcon.ActivationReason.Trigger:
            self.toggle_requested.emit()
        elif reason == QSystemTrayIcon.ActivationReason.DoubleClick:
            self.open_requested.emit()

    def show_message(self, level: str, title: str, text: str) -> None:
        icons = {"error": QSystemTrayIcon.MessageIcon.Critical, "warning": QSystemTrayIcon.MessageIcon.Warning}
        self.icon.showMessage(title, text, icons.get(level, QSystemTrayIcon.MessageIcon.Information), 10_000)
