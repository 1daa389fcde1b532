"""The main window: three tabs, a status line, and the actions that reach them.

Thin on purpose — the tabs and their models hold the logic; this wires them,
keeps the one-second tick for running timers, and remembers its geometry."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QHideEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QMainWindow, QTabWidget, QWidget

from .day_view import DayView
from ..services import Services
from .status_bar import StatusLine
from .tasks_view import TasksView
from .week_view import WeekView

TICK_MS = 1000


class MainWindow(QMainWindow):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.setWindowTitle(self.tr("Stint"))
        self.tasks = TasksView(services)
        self.day = DayView(services)
        self.week = WeekView(services)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.tasks, self.tr("&Tasks"))
        self.tabs.addTab(self.day, self.tr("&Day"))
        self.tabs.addTab(self.week, self.tr("&Reports"))
        self.setCentralWidget(self.tabs)
        self.status = StatusLine(services)
        self.setStatusBar(self.status)
        self.status.failed_clicked.connect(self.show_failed_ops)
        for view in (self.tasks, self.day, self.week):
            view.message.connect(lambda text: self.status.showMessage(text, 4000))
        self.week.day_requested.connect(self.show_day)
        self.actions_by_name: dict[str, QAction] = {}
        self._build_actions()
        self._ticker = QTimer(self, interval=TICK_MS)
        self._ticker.timeout.connect(self.tick)
        self._ticker.start()
        self._prefs = QSettings(str(services.paths.config / "window.ini"), QSettings.Format.IniFormat)
        self._restore()

    # -- actions -----------------------------------------------------------------

    def _build_actions(self) -> None:
        """The usual menus, with the platform's standard keys where Qt has one. Start/stop
        is Ctrl+T (T for timer): Ctrl+S is Save everywhere else."""
        keys = QKeySequence.StandardKey
        bar = self.menuBar()
        file = bar.addMenu(self.tr("&File"))
        self._add(file, "new_task", self.tr("&New task…"), keys.New, self.tasks.new_task)
        self._add(file, "import", self.tr("&Import…"), "Ctrl+I", self.show_import)
        self._add(file, "export", self.tr("&Export report…"), "Ctrl+E", self._export)
        file.addSeparator()
        self._add(file, "close", self.tr("&Close window"), keys.Close, self.close)
        # Quit has no standard key on Windows (nor on Qt's offscreen platform): Ctrl+Q there.
        quit_keys = keys.Quit if QKeySequence.keyBindings(keys.Quit) else "Ctrl+Q"
        self._add(file, "quit", self.tr("&Quit"), quit_keys, self.services.bridge.quit_requested.emit,
                  QAction.MenuRole.QuitRole)
        edit = bar.addMenu(self.tr("&Edit"))
        self._add(edit, "search", self.tr("&Find task"), keys.Find, self._search)
        edit.addSeparator()
        self._add(edit, "settings", self.tr("&Preferences…"), keys.Preferences, self.show_settings,
                  QAction.MenuRole.PreferencesRole)
        track = bar.addMenu(self.tr("&Tracking"))
        self._add(track, "start_stop", self.tr("&Start/stop selected task"), "Ctrl+T", self._start_stop)
        self._add(track, "stop", self.tr("S&top timer"), "Ctrl+Shift+T", self._stop)
        track.addSeparator()
        self._add(track, "failed_ops", self.tr("&Failed changes…"), "", self.show_failed_ops)
        self._add(track, "sync", self.tr("S&ync now"), keys.Refresh, self.services.bridge.sync_requested.emit)
        view = bar.addMenu(self.tr("&View"))
        for i, label in enumerate((self.tr("Tasks"), self.tr("Day"), self.tr("Reports"))):
            self._add(view, f"tab_{i + 1}", label, f"Ctrl+{i + 1}", lambda i=i: self.tabs.setCurrentIndex(i))
        help_menu = bar.addMenu(self.tr("&Help"))
        self._add(help_menu, "about", self.tr("&About Stint"), "", self.show_about, QAction.MenuRole.AboutRole)
        # Space starts/stops from the task table (not from text fields, where it types a space).
        space = QShortcut(QKeySequence(Qt.Key.Key_Space), self.tasks.table, context=Qt.ShortcutContext.WidgetShortcut)
        space.activated.connect(lambda: self.tasks.start_stop(selected_only=True))

    def _add(self, menu, name: str, text: str, keys, slot,  # type: ignore[no-untyped-def]
             role: QAction.MenuRole = QAction.MenuRole.NoRole) -> QAction:
        action = QAction(text, self)
        action.setMenuRole(role)
        if isinstance(keys, QKeySequence.StandardKey):
            action.setShortcuts(keys)  # every binding the platform has (Refresh: F5 and Ctrl+R)
        elif keys:
            action.setShortcut(QKeySequence(keys))
        action.triggered.connect(lambda _=False: slot())
        menu.addAction(action)
        self.addAction(action)  # the shortcut works with the menu closed, menu bar or not
        self.actions_by_name[name] = action
        return action

    def _start_stop(self) -> None:
        """The key acts on the selected task only: with none selected it says so rather
        than stop whatever runs (Stop timer does that)."""
        self.tabs.setCurrentWidget(self.tasks)
        self.tasks.start_stop(selected_only=True)

    def _stop(self) -> None:
        self.tasks.stop_running()

    def _search(self) -> None:
        self.tabs.setCurrentWidget(self.tasks)
        self.tasks.focus_search()

    def _export(self) -> None:
        self.tabs.setCurrentWidget(self.week)
        self.week.export_button.showMenu()

    def show_day(self, day: date) -> None:
        self.day.set_day(day)
        self.tabs.setCurrentWidget(self.day)

    def show_failed_ops(self) -> None:
        from .ops_dialog import OpsDialog

        OpsDialog(self.services, self).exec()

    def show_import(self) -> None:
        from .import_dialog import ImportDialog

        ImportDialog(self.services, self).exec()

    def show_settings(self) -> None:
        from .settings_dialog import SettingsDialog

        SettingsDialog(self.services, self).exec()

    def show_about(self) -> None:
        from .about import AboutDialog

        AboutDialog(self.services, self).exec()

    def tick(self) -> None:
        now = self.services.clock.now()
        for view in (self.tasks, self.day, self.week, self.status):
            view.tick(now)

    # -- geometry ----------------------------------------------------------------

    def _restore(self) -> None:
        geometry = self._prefs.value("geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(900, 600)
        self.tabs.setCurrentIndex(int(self._prefs.value("tab", 0)))

    def save_state(self) -> None:
        self._prefs.setValue("geometry", self.saveGeometry())
        self._prefs.setValue("tab", self.tabs.currentIndex())
        self._prefs.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        super().closeEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        self.save_state()
        super().hideEvent(event)
