"""The desktop around the app, wired in one place: idle time, sleep / lock / shutdown,
the heartbeat, questions about time away, notifications you can answer, and global
shortcuts.

`Desktop` opens the session bus and the system bus (none is fine: Windows, macOS, a
bare X session), and builds on them the stint.desktop services; what the desktop does
not offer falls back — the X11 / Windows / macOS idle sources, the tray balloon and a
dialog instead of notification buttons, the README's instructions instead of the
shortcuts portal, and the heartbeat for a sleep nobody announced. `status()` tells
Settings which is which.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from .away import AwayMonitor
from .desktop_link import BusLink, open_bus
from .heartbeat import Heartbeat
from .idle_prompt import IdlePrompt, IdleWatcher

if TYPE_CHECKING:
    from ..desktop.notifications import Notifications
    from ..desktop.shortcuts import GlobalShortcuts
    from .services import Services

log = logging.getLogger("stint.ui.desktop")
Show = Callable[[str, str, str], None]  # level, title, text


class Desktop(QObject):
    pick_requested = Signal()      # open the task search
    settings_requested = Signal()  # open Settings
    sign_in_requested = Signal(str)  # sign in to this account (its name)
    failed_changes_requested = Signal()  # the changes the server refused
    status_changed = Signal()      # what status() says has changed

    def __init__(self, services: "Services", fallback: Show, *, platform_name: str, idle_source: Any = None,
                 detect_idle: bool = True, intervals_ms: dict[str, int] | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        intervals = intervals_ms or {}
        self.services = services
        self.fallback = fallback
        self.platform_name = platform_name
        self._idle_source = idle_source  # used as given unless `detect_idle`
        self._detect_idle = detect_idle
        self.idle_detecting = False
        self.fallback_action: str | None = None  # what a click on the last tray balloon does
        self._waiting: list[tuple[str, str, str, tuple[str, str] | None]] = []
        self.session_link: BusLink | None = open_bus("SESSION", self)
        self.system_link: BusLink | None = open_bus("SYSTEM", self, enable_fds=True)
        session = self.session_link.bus if self.session_link else None
        system = self.system_link.bus if self.system_link else None

        self.away = AwayMonitor(services, self)
        self.idle = IdleWatcher(services, None, intervals.get("idle", 10_000), self)
        self.heartbeat = Heartbeat(services, intervals.get("heartbeat"), self)
        self.notifications: Notifications | None = None
        self.shortcuts: GlobalShortcuts | None = None
        if session is not None:
            from ..desktop.notifications import Notifications
            from ..desktop.shortcuts import GlobalShortcuts

            self.notifications = Notifications(session)
            self.shortcuts = GlobalShortcuts(session, self._shortcut_list(), self.run_shortcut)
        self.session_watcher: Any = None  # jeepney (Linux only) is imported only with a bus
        if session is not None or system is not None:
            from ..desktop.session import SessionWatcher

            self.session_watcher = SessionWatcher(system, session, self._session_event)
        self.prompt = IdlePrompt(services, notifications=lambda: self.notifications,
                                 remember=self.heartbeat.remember, parent=self)
        self.idle.began.connect(lambda away: self.away.begin("idle", away.since))
        self.idle.ended.connect(lambda: self.away.end("idle"))
        self.heartbeat.stood_still.connect(self.away.stood_still)
        self.away.returned.connect(self.prompt.ask)
        self.away.stopped.connect(self._told_stopped)

    # -- start and end --------------------------------------------------------------

    def start(self) -> None:
        gap = self.heartbeat.recover()  # before the first beat overwrites the last one
        self.heartbeat.start()
        if self.session_watcher is not None:
            self.session_watcher.start()
        if self.notifications is not None:
            self.notifications.probe(self._notifications_known)
        if self.shortcuts is not None:
            self.shortcuts.probe(self._portal_known)
        self._find_idle_source()
        if gap is not None:
            self.prompt.ask(gap)

    def shutdown(self, *, closed: bool) -> None:
        """`closed`: the person quit (no gap to offer at the next start)."""
        self.heartbeat.stop(closed=closed)
        if self.session_watcher is not None:
            self.session_watcher.close()
        for link in (self.session_link, self.system_link):
            if link is not None:
                link.close()

    def _find_idle_source(self) -> None:
        if not self._detect_idle:
            self.idle.set_source(self._idle_source)
            return
        from .idle import candidates, first_answering

        self.idle_detecting = True

        def found(source: Any) -> None:
            self.idle_detecting = False
            log.info("idle time from %s", source.name if source else "nowhere")
            self.idle.set_source(source)
            self.status_changed.emit()

        first_answering(candidates(self.platform_name, self.session_link.bus if self.session_link else None), found)

    # -- absences -------------------------------------------------------------------

    def _session_event(self, kind: str, active: bool) -> None:
        if active and kind in ("sleep", "shutdown"):
            self.heartbeat.mark()  # the last sign of life is this instant, not up to a minute ago
        self.away.on_session_event(kind, active)

    def _told_stopped(self, away: Any) -> None:
        since = away.since.astimezone(self.services.tz).strftime("%H:%M")
        text = {"lock": self.tr("Stopped “{title}” at {since}, when the screen locked."),
                "sleep": self.tr("Stopped “{title}” at {since}, when the computer went to sleep."),
                "shutdown": self.tr("Stopped “{title}” at {since}, when the computer shut down.")}
        self.notify("info", self.tr("Stint: timer stopped"),
                    text.get(away.reason, text["lock"]).format(title=away.title, since=since))

    # -- notifications --------------------------------------------------------------

    def notify(self, level: str, title: str, text: str, action: tuple[str, str] | None = None) -> None:
        """Tell the person; `action` is (key, button label): "signin:ACCOUNT", "failed" or
        "start"."""
        notes = self.notifications
        if notes is not None and notes.available is None:
            self._waiting.append((level, title, text, action))  # until the server has said what it shows
            return
        if notes is not None and notes.available:
            actions = [("default", action[1]), action] if action is not None and notes.actions else []
            notes.notify(title, text, level=level, actions=actions,
                         on_action=lambda _key, a=action: self.run_action(a[0] if a else None))
            return
        self.fallback_action = action[0] if action else None
        self.fallback(level, title, text)

    def _notifications_known(self) -> None:
        waiting, self._waiting = self._waiting, []
        for args in waiting:
            self.notify(*args)
        self.status_changed.emit()

    def run_action(self, key: str | None) -> None:
        if key is not None and key.startswith("signin:"):
            self.sign_in_requested.emit(key.removeprefix("signin:"))
        elif key == "signin":
            self.settings_requested.emit()
        elif key == "failed":
            self.failed_changes_requested.emit()
        elif key == "start":
            self.pick_requested.emit()

    # -- global shortcuts -----------------------------------------------------------

    def _shortcut_list(self) -> list[Any]:
        from ..desktop.shortcuts import Shortcut

        return [Shortcut("toggle", self.tr("Stop the running timer, or start the last task again"), "CTRL+ALT+SHIFT+s"),
                Shortcut("pick", self.tr("Search tasks and start one"), "CTRL+ALT+SHIFT+p"),
                Shortcut("start-last", self.tr("Start the previous task again"), "CTRL+ALT+SHIFT+l")]

    def _portal_known(self) -> None:
        self.status_changed.emit()
        if self.services.settings.global_shortcuts and self.shortcuts is not None and self.shortcuts.available:
            def bound(ok: bool, why: str) -> None:
                if not ok:
                    log.info("shortcuts not bound again: %s", why)

            self.register_shortcuts(bound)

    def register_shortcuts(self, done: Callable[[bool, str], None]) -> None:
        if self.shortcuts is None or not self.shortcuts.available:
            done(False, self.tr("this desktop offers no global shortcuts portal"))
            return

        def bound(ok: bool, why: str) -> None:
            self.status_changed.emit()
            done(ok, why)

        self.shortcuts.bind(bound)

    def run_shortcut(self, shortcut_id: str) -> None:
        from ..domain.errors import StintError

        try:
            if shortcut_id == "toggle":
                self.services.tracker.toggle()
            elif shortcut_id == "start-last":
                self.services.tracker.start_last()
            elif shortcut_id == "pick":
                self.pick_requested.emit()
        except StintError as exc:
            self.services.bridge.message.emit("warning", str(exc))

    # -- what Settings shows --------------------------------------------------------

    def status(self) -> dict[str, str]:
        source = self.idle.source
        if self.idle_detecting:
            idle = self.tr("Idle detection: looking for a source…")
        elif source is None:
            idle = self.tr("Idle detection is unavailable on this session")
        else:
            idle = self.tr("Idle time from {name}").format(name=source.name)
        watching = self.session_watcher.watching if self.session_watcher is not None else []
        if "sleep" in watching:
            away = self.tr("Sleep, shutdown and screen lock are seen through logind")
        elif "lock" in watching:
            away = self.tr("The screen lock is seen through the screen saver; a sleep is noticed on waking")
        else:
            away = self.tr("Sleep and lock cannot be seen on this session; a sleep is noticed on waking")
        shortcuts = self.shortcuts
        if shortcuts is not None and shortcuts.session is not None:
            names = {"toggle": self.tr("start/stop"), "pick": self.tr("search tasks"),
                     "start-last": self.tr("previous task")}
            keys = ", ".join(f"{names.get(k, k)}: {v}" for k, v in shortcuts.triggers.items() if v)
            portal = self.tr("Global shortcuts are registered with the desktop") + (f" ({keys})" if keys else "")
        elif shortcuts is not None and shortcuts.available:
            portal = self.tr("The desktop can register global shortcuts for Stint")
        else:
            portal = self.tr("This desktop offers no global shortcuts portal: bind `stint toggle`, "
                             "`stint pick` and `stint start --last` in its keyboard settings (see the README)")
        return {"idle": idle, "away": away, "shortcuts": portal}
