"""The desktop app: `stint` with no command.

Start-up is ordered for a fast first paint: the QApplication and the tray icon come
first (Qt only); the store, the hand-off server, the database watcher,
notifications, idle detection and sync are wired on the first turn of the event
loop, after the icon is on screen. The idle app reads the store with stdlib sqlite3
(stint.store.snapshot): SQLAlchemy is imported only to migrate an old schema, or
when something needs the ORM (the window, a dialog, a handed-off command, a sync
cycle with an account configured, a start from the tray menu).

Without a system tray (offscreen, some GNOME sessions) the window is the app: it
is shown at start and closing it quits; the person is told once why.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QSystemTrayIcon, QWidget

from ..domain.clock import SystemClock
from .icons import app_icon
from .tray import Tray

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from ..cli.context import Context
    from .idle import IdleSource
    from .services import Services

log = logging.getLogger("stint.ui.app")
NO_TRAY_NOTICE = "no_tray_notice_shown"
AUTO = object()  # "detect it": the default for the idle source

WindowFactory = Callable[["Services"], QWidget]


def run_app(ctx: "Context | None" = None, then: str | None = None) -> int:
    """Run the desktop app until it quits; returns the exit status. `then="pick"`
    opens the task search once the app is up (`stint pick` with no app running).

    Without a `ctx` (plain `stint`), the tray icon is shown before the Context and
    its settings are even imported: the first paint waits only for Qt."""
    from .. import handoff

    name = ctx.paths.socket_name if ctx is not None else handoff.socket_name(os.environ)
    where = handoff.address(name)
    if then == "pick":
        reply = handoff.forward(["pick"], where)  # an app that came up meanwhile
        if reply is not None:
            return reply.exit
    elif handoff.activate(where):
        print("Stint is already running; its window was brought to the front.",
              file=ctx.out if ctx is not None else sys.stdout)
        return 0
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Stint")
    app.setApplicationDisplayName("Stint")
    app.setDesktopFileName("dev.stint.Stint")  # the installed .desktop id
    app.setWindowIcon(app_icon())
    app.setQuitOnLastWindowClosed(False)
    clock = ctx.clock if ctx is not None else SystemClock()
    tray = Tray(clock) if QSystemTrayIcon.isSystemTrayAvailable() else None
    if tray is not None:
        tray.show()
    if ctx is None:
        from ..cli.context import Context

        ctx = Context(out=sys.stdout, err=sys.stderr, clock=clock)
    stint = StintApp(ctx, where, tray=tray, tray_available=tray is not None)
    QTimer.singleShot(0, stint.start)
    if then == "pick":
        QTimer.singleShot(0, stint.show_quick_start)
    app.aboutToQuit.connect(stint.shutdown)
    _quit_on_signals(app)
    return app.exec()


def _quit_on_signals(app: QApplication) -> None:
    """SIGTERM/SIGINT (logout, `kill`, Ctrl+C) quit cleanly, so the socket is removed.
    Python runs signal handlers only between bytecodes: a timer gives it the chance."""
    import signal

    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: app.quit())
    wake = QTimer(app, interval=500)
    wake.timeout.connect(lambda: None)
    wake.start()


class StintApp(QObject):
    """Everything the running app owns. Collaborators are injectable for tests."""

    def __init__(
        self,
        ctx: "Context",
        where: str,
        *,
        tray_available: bool | None = None,
        tray: Tray | None = None,
        window_factory: WindowFactory | None = None,
        idle_source: "IdleSource | None | object" = AUTO,
        quit: Callable[[], None] | None = None,
        sync_run_once: Callable[[bool], Any] | None = None,
        intervals_ms: dict[str, int] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.where = where
        if tray is not None:
            tray.setParent(self)  # made and shown before the Context, for the first paint
        else:
            if tray_available is None:
                tray_available = QSystemTrayIcon.isSystemTrayAvailable()
            tray = Tray(ctx.clock, self) if tray_available else None
        self.tray: Tray | None = tray
        if self.tray is not None:
            self.tray.show()
        self._window_factory = window_factory or _main_window
        self._idle_source = idle_source
        self._quit = quit or QApplication.quit
        self._intervals = intervals_ms or {}
        self._sync_run_once = sync_run_once
        self.services: Services | None = None
        self.window: QWidget | None = None
        self.dialogs: dict[str, QWidget] = {}
        self._quit_chosen = False

    # -- start-up, after the first paint -----------------------------------------

    def start(self) -> bool:
        from ..logs import setup
        from .dbwatch import DbWatcher
        from .desktop import Desktop
        from .instance import CommandServer
        from .live_state import LiveState
        from .notify import Notifier
        from .services import Bridge, Services
        from .sync_runner import SyncRunner

        ctx = self.ctx
        setup(ctx.paths.logs)
        self.server = CommandServer(self.where, self)
        if not self.server.listen():
            log.info("another Stint answers on %s; quitting", self.where)
            self._quit()
            return False
        services = Services(ctx.paths, ctx.settings, self._engine_if_needed(), ctx.clock, ctx.tz, Bridge(self),
                            open_engine=lambda: ctx.engine)
        self.services = services
        self.server.services = services
        self.server.activated.connect(self.show_window)
        services.bridge.show_window.connect(self.show_window)

        self.live = LiveState(services, self)
        self.dbwatch = DbWatcher(ctx.paths.database, self._intervals.get("dbwatch", 1000), self)
        self.dbwatch.changed.connect(lambda: services.bridge.changed.emit("all"))
        self.desktop = Desktop(services, self.show_message, platform_name=QApplication.platformName(),
                               idle_source=None if self._idle_source is AUTO else self._idle_source,
                               detect_idle=self._idle_source is AUTO, intervals_ms=self._intervals, parent=self)
        services.desktop = self.desktop
        self.idle, self.idle_prompt = self.desktop.idle, self.desktop.prompt
        for wants, slot in ((self.desktop.pick_requested, self.show_quick_start),
                            (self.server.pick_requested, self.show_quick_start),
                            (self.desktop.settings_requested, self.show_settings)):
            wants.connect(slot)
        self.notifier = Notifier(services, self.desktop.notify, self._intervals.get("notify", 60_000), self)
        self.live.updated.connect(self.notifier.set_snapshot)
        if self.tray is not None:
            self.tray.attach(services, self.live)
            self.tray.open_requested.connect(self.show_window)
            self.tray.toggle_requested.connect(self.toggle_window)
            self.tray.quick_start_requested.connect(self.show_quick_start)
            self.tray.new_task_requested.connect(self.show_new_task)
            self.tray.quit_requested.connect(self.quit_by_person)
            self.tray.icon.messageClicked.connect(lambda: self.desktop.run_action(self.desktop.fallback_action))
        self.sync = SyncRunner(services, lambda: bool(self.live.snapshot.accounts), self._sync_run_once, self)
        services.request_sync = lambda: self.sync.request(force=True)

        self.live.refresh()
        self.dbwatch.start()
        self.notifier.start()
        self.desktop.start()
        self.sync.start()
        if self.tray is None:
            self.show_window()
            self._tell_no_tray_once()
        return True

    def _engine_if_needed(self) -> "Engine | None":
        """The engine, opened now only if the schema must be migrated first (that imports
        Alembic and SQLAlchemy once) or one was given; else None: the idle app reads the
        store with stdlib sqlite3 and opens the ORM on first real use (Services.engine)."""
        from ..store.migrations import HEAD
        from ..store.snapshot import current_revision

        ctx = self.ctx
        if ctx.engine_override is not None or current_revision(ctx.paths.database) != HEAD:
            return ctx.engine
        return None

    def quit_by_person(self) -> None:
        """Quit because the person asked (Quit, or closing the tray-less window): the
        timer runs on by their choice, so the next start offers no gap for it."""
        self._quit_chosen = True
        self._quit()

    def shutdown(self) -> None:
        if self.services is not None:
            self.server.close()
            self.dbwatch.stop()
            self.sync.stop()
            self.desktop.shutdown(closed=self._quit_chosen)
        if self.tray is not None:
            self.tray.icon.hide()

    # -- the window and the dialogs --------------------------------------------

    def show_window(self) -> None:
        if self.services is None:
            return
        if self.window is None:
            self.window = self._window_factory(self.services)
            self.window.setWindowIcon(app_icon())
            if self.tray is None:
                self.window.installEventFilter(self)
        self.window.showNormal()
        self.window.raise_()
        self.window.activateWindow()

    def toggle_window(self) -> None:
        if self.window is not None and self.window.isVisible() and not self.window.isMinimized():
            self.window.hide()
        else:
            self.show_window()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Without a tray nothing else could bring the window back: closing it quits.
        if watched is self.window and event.type() == QEvent.Type.Close:
            self.quit_by_person()
        return super().eventFilter(watched, event)

    def show_quick_start(self) -> None:
        from .quick_start import QuickStart

        self._show_dialog("quick_start", lambda s: QuickStart(s))

    def show_settings(self) -> None:
        from .settings_dialog import SettingsDialog

        self._show_dialog("settings", lambda s: SettingsDialog(s))

    def show_new_task(self) -> None:
        from .new_task import NewTaskDialog

        self._show_dialog("new_task", lambda s: NewTaskDialog(s))

    def _show_dialog(self, key: str, make: Callable[["Services"], QWidget]) -> None:
        if self.services is None:
            return
        dialog = self.dialogs.get(key)
        if dialog is None or not dialog.isVisible():
            dialog = self.dialogs[key] = make(self.services)
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()

    # -- messages --------------------------------------------------------------

    def show_message(self, level: str, title: str, text: str) -> None:
        if self.tray is not None and self.tray.icon.isVisible() and QSystemTrayIcon.supportsMessages():
            self.tray.show_message(level, title, text)
            return
        self._window_message(level, title, text)

    def _window_message(self, level: str, title: str, text: str) -> QMessageBox:
        icons = {"error": QMessageBox.Icon.Critical, "warning": QMessageBox.Icon.Warning}
        box = QMessageBox(icons.get(level, QMessageBox.Icon.Information), title, text,
                          QMessageBox.StandardButton.Ok, self.window)
        box.setObjectName("stint-message")
        box.setModal(False)
        box.finished.connect(box.deleteLater)
        box.show()
        return box

    def _tell_no_tray_once(self) -> None:
        assert self.services is not None
        settings = self.services.settings
        if settings.extra.get(NO_TRAY_NOTICE):
            return
        self._window_message(
            "info", self.tr("Stint: no system tray"),
            self.tr("Your desktop has no system tray, so Stint runs as a normal window. "
                    "Closing the window quits Stint; timers keep their state and the "
                    "`stint` command works as usual."))
        extra: dict[str, Any] = {**settings.extra, NO_TRAY_NOTICE: True}
        self.services.update_settings(replace(settings, extra=extra))


def _main_window(services: "Services") -> QWidget:
    from .window import MainWindow

    return MainWindow(services)
