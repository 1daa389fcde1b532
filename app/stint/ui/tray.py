"""The tray icon: its look (the clock, with a badge for sync trouble), its tooltip
(ticking while a timer runs) and its menu.

The icon is created and shown before the store is opened (`Tray(clock)` needs no
database), then `attach(services, live)` wires it to the data. The menu is rebuilt
every time it opens, from a fresh snapshot. It carries no keyboard shortcuts: none
would work in a tray menu (its underlined letters do, once it is open).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QAction, QCursor
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from ..domain.sync_state import Health, badge, describe, describe_refused, waiting
from ..domain.durations import format_duration, format_elapsed
from ..store.snapshot import StoreSnapshot
from .icons import IDLE, Base, TrayLook, tray_icon
from .sync_words import say

if TYPE_CHECKING:
    from ..domain.clock import Clock
    from ..services import Services
    from .live_state import LiveState

MAX_TITLE_CHARS = 48
MAX_ACCOUNT_LINES = 4  # in the tooltip; the menu lists them all


def _short(text: str) -> str:
    return text if len(text) <= MAX_TITLE_CHARS else text[: MAX_TITLE_CHARS - 1] + "…"


def tray_look(snapshot: StoreSnapshot) -> TrayLook:
    """The clock's state as the base; the worst sync trouble as its badge."""
    return TrayLook(Base.RUNNING if snapshot.running is not None else Base.IDLE, badge(snapshot.accounts))


class Tray(QObject):
    open_requested = Signal()
    toggle_requested = Signal()
    quick_start_requested = Signal()
    new_task_requested = Signal()
    settings_requested = Signal()
    failed_changes_requested = Signal()
    sign_in_requested = Signal(str)  # the account's name
    quit_requested = Signal()
    message_clicked = Signal()  # the person clicked the tray's own message balloon

    def __init__(self, clock: "Clock", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.clock = clock
        self.services: Services | None = None
        self.snapshot = StoreSnapshot()
        self.look = IDLE
        self.icon = QSystemTrayIcon(tray_icon(IDLE), self)
        self.icon.setToolTip(self.tr("Stint — starting…"))
        self.menu = QMenu()
        self.menu.aboutToShow.connect(self.rebuild_menu)
        self.icon.setContextMenu(self.menu)
        self.icon.activated.connect(self._on_activated)
        self.icon.messageClicked.connect(self._on_message_clicked)
        self._tick = QTimer(self, interval=1000)
        self._tick.timeout.connect(self._on_tick)
        self._live: LiveState | None = None

    def show(self) -> None:
        self.icon.show()

    def attach(self, services: "Services", live: "LiveState") -> None:
        self.services = services
        self._live = live
        live.updated.connect(self.set_snapshot)
        self.set_snapshot(live.snapshot)

    # -- state -----------------------------------------------------------------

    def set_snapshot(self, snapshot: StoreSnapshot) -> None:
        self.snapshot = snapshot
        look = tray_look(snapshot)
        if look != self.look:
            self.look = look
            self.icon.setIcon(tray_icon(look))
        if snapshot.running is not None:
            if not self._tick.isActive():
                self._tick.start()
        else:
            self._tick.stop()
        self.update_tooltip()

    def _on_tick(self) -> None:
        start = self.snapshot.day_start
        if start is not None and self._live is not None and self.services is not None:
            tz = self.services.tz
            if self.clock.now().astimezone(tz).date() != start.astimezone(tz).date():
                self._live.refresh()  # a new day: today's total starts again
                return
        self.update_tooltip()

    def tooltip_text(self) -> str:
        snap = self.snapshot
        now = self.clock.now()
        lines = ["Stint"]
        if snap.running is not None and snap.running_since is not None:
            lines.append(self.tr("Tracking: {title} — {elapsed}").format(
                title=_short(snap.running.title), elapsed=format_elapsed((now - snap.running_since).total_seconds())))
        else:
            lines.append(self.tr("Not tracking"))
        if self.services is not None:
            lines.append(self.tr("Today: {total}").format(total=format_duration(snap.today_total(now))))
            lines += self._sync_lines(snap, limit=MAX_ACCOUNT_LINES)
        return "\n".join(lines)

    def _sync_lines(self, snap: StoreSnapshot, limit: int | None = None) -> list[str]:
        assert self.services is not None
        tz, now = self.services.tz, self.clock.now()
        lines = []
        if snap.pending_ops and not any(a.health is Health.WAITING for a in snap.accounts):
            lines.append(say(waiting(snap.pending_ops)))
        shown = snap.accounts if limit is None else snap.accounts[:limit]
        for account in shown:
            lines.append(say(describe(account, tz, now)))
            refused = describe_refused(account)
            if refused is not None:
                lines.append(say(refused))
        if len(shown) < len(snap.accounts):
            lines.append(self.tr("…and {n} more accounts").format(n=len(snap.accounts) - len(shown)))
        return lines

    def update_tooltip(self) -> None:
        self.icon.setToolTip(self.tooltip_text())

    # -- the menu --------------------------------------------------------------

    def rebuild_menu(self) -> None:
        menu = self.menu
        menu.clear()
        if self.services is None:
            self._add(self.tr("Starting…"), "starting", enabled=False)
            self._add(self.tr("&Quit"), "quit", self.quit_requested.emit)
            return
        snap = self.services.snapshot()
        self.set_snapshot(snap)
        now = self.clock.now()
        if snap.running is not None and snap.running_since is not None:
            elapsed = format_elapsed((now - snap.running_since).total_seconds())
            self._add(self.tr("▶ {title} — {elapsed}").format(title=_short(snap.running.title), elapsed=elapsed)
                      .replace("&", "&&"), "running", enabled=False)
        else:
            self._add(self.tr("Not tracking"), "running", enabled=False)
        self._add(self.tr("Today: {total}").format(total=format_duration(snap.today_total(now))), "today",
                  enabled=False)
        if snap.running is not None:
            self._add(self.tr("&Stop"), "stop", self._stop)
        if snap.recent:
            menu.addSection(self.tr("Recent tasks"))
            for task in snap.recent:
                label = _short(task.title) + (f"  ({task.project})" if task.project else "")
                action = self._add(label.replace("&", "&&"), f"recent-{task.id}",
                                   lambda _=False, tid=task.id: self._start(tid))
                action.setCheckable(True)
                action.setChecked(snap.running is not None and snap.running.id == task.id)
        menu.addSeparator()
        self._add(self.tr("Start &task…"), "start-task", self.quick_start_requested.emit)
        self._add(self.tr("&New task…"), "new-task", self.new_task_requested.emit)
        menu.addSeparator()
        self._add_sync(snap)
        menu.addSeparator()
        self._add(self.tr("&Open Stint"), "open", self.open_requested.emit)
        self._add(self.tr("S&ettings…"), "settings", self.settings_requested.emit)
        self._add(self.tr("&Quit"), "quit", self.quit_requested.emit)

    def _add_sync(self, snap: StoreSnapshot) -> None:
        assert self.services is not None
        if not snap.accounts:
            self._add(self.tr("Sync: no server account yet (add one in Settings)"), "sync", enabled=False)
            return
        tz, now = self.services.tz, self.clock.now()
        if snap.pending_ops and not any(a.health is Health.WAITING or (a.health.troubled and a.pending)
                                        for a in snap.accounts):
            self._add(say(waiting(snap.pending_ops)), "waiting", enabled=False)
        for account in snap.accounts:
            self._add(say(describe(account, tz, now)).replace("&", "&&"), f"state-{account.name}", enabled=False)
            if account.health.needs_person:
                self._add(self.tr("Sign in to {name}…").format(name=account.name.replace("&", "&&")),
                          f"signin-{account.name}", lambda _=False, n=account.name: self.sign_in_requested.emit(n))
            if account.health.troubled and account.pending:  # held back: what, and the last error
                self._add(say(waiting(account.pending)) + "…", f"waiting-{account.name}",
                          self.failed_changes_requested.emit)
            refused = describe_refused(account)
            if refused is not None:
                self._add(say(refused).replace("&", "&&") + "…", f"refused-{account.name}",
                          self.failed_changes_requested.emit)
        self._add(self.tr("S&ync now"), "sync", self.services.bridge.sync_requested.emit)

    def _add(self, text: str, name: str, slot=None, *, enabled: bool = True) -> QAction:  # type: ignore[no-untyped-def]
        action = self.menu.addAction(text)
        action.setObjectName(name)
        action.setEnabled(enabled)
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

    def _on_message_clicked(self) -> None:
        # Qt's X11 tray takes any click on the icon while its own message balloon shows
        # for a click on the message too (before the icon's menu or its toggle): a right
        # click for the menu then opened the message's action over it. A click on the
        # icon is the icon's.
        if self.icon.geometry().contains(QCursor.pos()):
            return
        self.message_clicked.emit()

    def show_message(self, level: str, title: str, text: str) -> None:
        icons = {"error": QSystemTrayIcon.MessageIcon.Critical, "warning": QSystemTrayIcon.MessageIcon.Warning}
        self.icon.showMessage(title, text, icons.get(level, QSystemTrayIcon.MessageIcon.Information), 10_000)
