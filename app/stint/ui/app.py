"""The desktop app: `stint` with no command.

Start-up is ordered for a fast first paint: the QApplication and the tray icon come
first (Qt only); the store, the hand-off server, the database watcher,
notifications, idle detection and sync are wired on the first turn of the event
loop, after the icon is on screen. The app reads and changes the store with stdlib
sqlite3 (stint.store.database): SQLAlchemy is imported only to migrate an old
schema, for a sync cycle with an account configured, and to set up accounts.

Without a system tray (offscreen, some GNOME sessions) the window is the app: it
is shown at start and closing it quits; the person is told once why.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QSystemTrayIcon, QWidget

from ..domain.clock import Clock, SystemClock
from .app_windows import AppWindows, WindowFactory
from .icons import app_icon
from .tray import Tray

if TYPE_CHECKING:
    from .. import ipc
    from ..services import Services
    from ..store.backup import Restored
    from ..store.snapshot import StoreSnapshot
    from .idle import IdleSource
    from .instance import CommandServer

log = logging.getLogger("stint.ui.app")
NO_TRAY_NOTICE = "no_tray_notice_shown"
FIRST_START_DONE = "first_start_done"    # the window opened by itself once
CLOSE_NOTICE = "close_notice_shown"      # "Stint is still running" said once
AUTO = object()  # "detect it": the default for the idle source

MakeServices = Callable[[Clock, QObject], "Services"]
RunCommand = Callable[["Services", Sequence[str], Mapping[str, str]], "ipc.Reply"]


def run_app(make_services: MakeServices, run_command: RunCommand, then: str | None = None,
            prepare_commands: Callable[[], None] | None = None) -> int:
    """Run the desktop app until it quits; returns the exit status. `then="pick"`
    opens the task search once the app is up (`stint pick` with no app running).

    The tray icon is shown before the services (settings, the store) are even
    imported: the first paint waits only for Qt. `run_command` runs a handed-off
    command against the app's services (the entry point gives it: ui knows no CLI)."""
    from .. import ipc
    from .bridge import Bridge

    # The entry point has asked a running app to show itself (plain `stint`); if one
    # started since, StintApp.start finds its socket taken and quits.
    where = ipc.address(ipc.data_dir(os.environ))
    if then == "pick":
        try:
            reply = ipc.forward(["pick"], where)  # an app that came up meanwhile
        except ipc.IpcError:
            reply = None
        if reply is not None:
            return reply.exit
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Stint")
    app.setApplicationDisplayName("Stint")
    app.setDesktopFileName("dev.stint.Stint")  # the installed .desktop id
    app.setWindowIcon(app_icon())
    app.setQuitOnLastWindowClosed(False)
    _speak_the_chosen_language(app)
    clock = SystemClock()
    tray = Tray(clock) if QSystemTrayIcon.isSystemTrayAvailable() else None
    if tray is not None:
        tray.show()
    services = make_services(clock, Bridge(app))
    stint = StintApp(services, where, tray=tray,
                     run_command=lambda argv, env: run_command(services, argv, env),
                     prepare_commands=prepare_commands)
    QTimer.singleShot(0, stint.start)
    if then == "pick":
        QTimer.singleShot(0, stint.show_quick_start)
    app.aboutToQuit.connect(stint.shutdown)
    _quit_on_signals(app)
    return app.exec()


def _speak_the_chosen_language(app: QApplication) -> None:
    """Before the tray icon: its first tooltip is already in the person's language."""
    from .i18n import apply_language, language_setting, settings_file

    language = apply_language(app, os.environ, language_setting(settings_file(os.environ)))
    log.debug("interface language: %s", language)


def _quit_on_signals(app: QApplication) -> None:
    """SIGTERM/SIGINT (logout, `kill`, Ctrl+C) quit cleanly, so the socket is removed.
    Python runs signal handlers only between bytecodes: a timer gives it the chance."""
    import signal

    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: app.quit())
    wake = QTimer(app, interval=500)
    wake.timeout.connect(lambda: None)
    wake.start()


class StintApp(AppWindows, QObject):
    """Everything the running app owns. Collaborators are injectable for tests."""

    def __init__(
        self,
        services: "Services",
        where: str,
        *,
        run_command: "Callable[[Sequence[str], Mapping[str, str]], ipc.Reply] | None" = None,
        prepare_commands: Callable[[], None] | None = None,
        tray_available: bool | None = None,
        tray: Tray | None = None,
        window_factory: WindowFactory | None = None,
        idle_source: "IdleSource | None | object" = AUTO,
        network: "str | None | object" = AUTO,
        quit: Callable[[], None] | None = None,
        sync_run_once: Callable[[bool], Any] | None = None,
        intervals_ms: dict[str, int] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.where = where
        self._run_command = run_command
        self._prepare_commands = prepare_commands
        if tray is not None:
            tray.setParent(self)  # made and shown before the services, for the first paint
        else:
            if tray_available is None:
                tray_available = QSystemTrayIcon.isSystemTrayAvailable()
            tray = Tray(services.clock, self) if tray_available else None
        self.tray: Tray | None = tray
        if self.tray is not None:
            self.tray.show()
        self._window_factory = window_factory or _main_window
        self._idle_source = idle_source
        self._network = network  # AUTO: the platform's network information; a name: that backend
        self._quit = quit or QApplication.quit
        self._intervals = intervals_ms or {}
        self._sync_run_once = sync_run_once
        self.started = False
        self.server: CommandServer | None = None
        self.damaged: QWidget | None = None  # the dialog offering a backup, while it shows
        self.fatal: QMessageBox | None = None  # why the app could not start, before it quits
        self.window: QWidget | None = None
        self.dialogs: dict[str, QWidget] = {}
        self._quit_chosen = False

    # -- start-up, after the first paint -----------------------------------------

    def start(self) -> bool:
        """Listen for the CLI, check the database, then start everything else. False
        when another app runs, when the database is damaged (the person is asked
        whether to restore a backup; the rest starts after a restore), or when the
        storage refuses (a message says what and where, then the app quits)."""
        from .. import ipc
        from ..domain.errors import StintError
        from ..logs import setup
        from .damaged import check_database
        from .instance import CommandServer

        services = self.services
        try:
            setup(services.paths.logs)
            if self.server is None:
                self.server = CommandServer(self.where, self)
                try:
                    listening = self.server.listen()
                except ipc.IpcError as exc:
                    # Someone else's socket folder must not keep the person's app from
                    # starting: it runs without the hand-off (commands work on the
                    # database) and says why.
                    log.warning("no hand-off: %s", exc)
                    services.bridge.message.emit("warning", str(exc))
                else:
                    if not listening:
                        log.info("another Stint answers on %s; quitting", self.where)
                        self._quit()
                        return False
            # Until the rest starts, handed-off commands are told the app is starting.
            self.damaged = check_database(services, self._after_restore, self._quit)
            if self.damaged is not None:
                self.server.handler = self._damaged_reply
                return False
            return self._start_services()
        except (StintError, OSError) as exc:
            self._cannot_start(exc)
            return False

    def _damaged_reply(self, _argv: "Sequence[str]", _env: "Mapping[str, str]") -> "ipc.Reply":
        """What a handed-off command hears while the damaged-database dialog waits."""
        from .. import ipc

        return ipc.Reply(1, "", f"stint: the database {self.services.database} is damaged; the Stint app's "
                                "window offers to restore a backup\n")

    def _after_restore(self, restored: "Restored") -> None:
        from ..domain.errors import StintError

        self.damaged = None
        try:
            self._start_services()
        except (StintError, OSError) as exc:
            self._cannot_start(exc)
            return
        self.services.bridge.message.emit("info", self.tr(
            "The backup was restored. The damaged database is kept as {path}.").format(path=restored.aside))

    def _cannot_start(self, exc: BaseException) -> None:
        """The storage refused (read-only, full, not a folder...): say so, then quit."""
        from ..store.faults import translate

        error = translate(exc, self.services.database) or exc
        if isinstance(exc, OSError) and error is exc:
            error = f"{exc.strerror or exc}: {exc.filename}" if exc.filename else exc
        log.error("cannot start: %s", error)
        self.fatal = self._window_message("error", self.tr("Stint cannot start"),
                                          self.tr("Stint cannot use its data: {error}").format(error=error))
        self.fatal.finished.connect(lambda _result: self._quit())

    def _start_services(self) -> bool:
        from .daily_backup import DailyBackup
        from .dbwatch import DbWatcher
        from .desktop import Desktop
        from .live_state import LiveState
        from .notify import Notifier
        from .sync_runner import SyncRunner

        services = self.services
        assert self.server is not None
        services.db  # noqa: B018 - opens the store, migrating an old or missing schema first
        self.started = True
        self.server.handler = self._run_command
        self.server.activated.connect(self.show_window)
        services.bridge.show_window.connect(self.show_window)

        self.live = LiveState(services, self)
        self.dbwatch = DbWatcher(services.database, self._intervals.get("dbwatch", 1000), self,
                                 quiet=lambda: self.sync.busy)
        self.dbwatch.changed.connect(lambda: services.bridge.changed.emit("all"))
        services.bridge.changed.connect(lambda _what: self.dbwatch.settle())
        self.desktop = Desktop(services, self.show_message, platform_name=QApplication.platformName(),
                               idle_source=None if self._idle_source is AUTO else self._idle_source,
                               detect_idle=self._idle_source is AUTO, intervals_ms=self._intervals, parent=self)
        services.bridge.desktop = self.desktop
        self.idle, self.idle_prompt = self.desktop.idle, self.desktop.prompt
        for wants, slot in ((self.desktop.pick_requested, self.show_quick_start),
                            (self.server.pick_requested, self.show_quick_start),
                            (self.desktop.settings_requested, self.show_settings),
                            (self.desktop.sign_in_requested, self.show_sign_in),
                            (self.desktop.failed_changes_requested, self.show_failed_changes),
                            (services.bridge.sign_in_requested, self.show_sign_in),
                            (services.bridge.failed_changes_requested, self.show_failed_changes),
                            (services.bridge.settings_requested, self.show_settings),
                            (services.bridge.quit_requested, self.quit_by_person)):
            wants.connect(slot)
        self.notifier = Notifier(services, self.desktop.notify, self._intervals.get("notify", 60_000), self)
        self.live.updated.connect(self.notifier.set_snapshot)
        if self.tray is not None:
            self.tray.attach(services, self.live)
            self.tray.open_requested.connect(self.show_window)
            self.tray.toggle_requested.connect(self.toggle_window)
            self.tray.quick_start_requested.connect(self.show_quick_start)
            self.tray.new_task_requested.connect(self.show_new_task)
            self.tray.settings_requested.connect(self.show_settings)
            self.tray.failed_changes_requested.connect(self.show_failed_changes)
            self.tray.sign_in_requested.connect(self.show_sign_in)
            self.tray.quit_requested.connect(self.quit_by_person)
            self.tray.message_clicked.connect(lambda: self.desktop.run_action(self.desktop.fallback_action))
        self.sync = SyncRunner(services, lambda: bool(self.live.snapshot.accounts), self._sync_run_once, self)
        services.bridge.sync_requested.connect(lambda: self.sync.request(force=True))
        self.network: Any = None
        self.live.updated.connect(lambda _snapshot: self._watch_network())
        self.backups = DailyBackup(services, self._intervals.get("backup", 3_600_000), self)

        first = self.live.refresh()
        self.dbwatch.start()
        self.notifier.start()
        self.desktop.start()
        self.sync.start()
        self.backups.start()
        if self._prepare_commands is not None:
            # Once the start-up is done: the first command handed over after login then
            # answers as fast as the later ones (the CLI's import, ~25 ms, is paid here).
            QTimer.singleShot(self._intervals.get("prepare_commands", 2000), self._prepare_commands)
        if self.tray is None:
            self.show_window()
            self._tell_no_tray_once()
        elif self._first_start(first):
            self.show_window()  # its empty state says what to do first
        return True

    def _watch_network(self) -> None:
        """Sync soon after the network comes back — once there is an account to sync:
        the platform's network backend costs ~7 MB that a local-only app never needs."""
        if self.network is not None or self._network is None or not self.live.snapshot.accounts:
            return
        from .reachability import NetworkWatch

        self.network = NetworkWatch(None if self._network is AUTO else str(self._network), self)
        self.network.online.connect(lambda: self.sync.request(force=True))

    def _first_start(self, snapshot: "StoreSnapshot") -> bool:
        """The first start with nothing in the store opens the window; later starts go
        quietly to the tray."""
        if self.services.settings.extra.get(FIRST_START_DONE):
            return False
        self._remember(FIRST_START_DONE)
        return not snapshot.accounts and not snapshot.recent and snapshot.running is None

    def quit_by_person(self) -> bool:
        """Quit because the person asked (Quit, or closing the tray-less window). With
        a timer running they choose: keep it counting (in the database: the next start
        offers no gap for it), stop it now, or cancel. False: they cancelled."""
        from .quit_question import ask_before_quitting

        if not ask_before_quitting(self.services, self.window if self.window and self.window.isVisible() else None):
            return False
        self._quit_chosen = True
        self._quit()
        return True

    def shutdown(self) -> None:
        if self.server is not None:
            self.server.close()
        if self.started:
            self.dbwatch.stop()
            self.sync.stop()
            self.desktop.shutdown(closed=self._quit_chosen)
            self.backups.stop()
        if self.tray is not None:
            self.tray.icon.hide()

    # -- the window (opening it, the dialogs and messages: ui/app_windows.py) ------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close:
            if self.tray is None:
                # Nothing else could bring the window back: closing it quits (unless
                # the person keeps it open when asked about a running timer).
                if not self.quit_by_person():
                    event.ignore()
                    return True
            elif not self.services.settings.extra.get(CLOSE_NOTICE):
                self._remember(CLOSE_NOTICE)
                self.notifier.notify("info", self.tr("Stint is still running"), self.tr(
                    "Stint keeps running in the tray, counting any timer. Open it again from the tray icon; "
                    "quit from the tray menu or with Quit in the window's File menu."))
        return super().eventFilter(watched, event)

    def _tell_no_tray_once(self) -> None:
        if self.services.settings.extra.get(NO_TRAY_NOTICE):
            return
        self._window_message(
            "info", self.tr("Stint: no system tray"),
            self.tr("Your desktop has no system tray, so Stint runs as a normal window. "
                    "Closing the window quits Stint; a running timer is asked about first."))
        self._remember(NO_TRAY_NOTICE)

def _main_window(services: "Services") -> QWidget:
    from .window import MainWindow

    return MainWindow(services)
