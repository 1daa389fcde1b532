"""The running app's windows: the main window, the dialogs the tray, the desktop and
the hand-off open (one of each at a time, raised when asked again), and its
messages. A part of `StintApp` (ui/app.py), which holds the state it reads."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QMessageBox, QSystemTrayIcon, QWidget

from .icons import app_icon

if TYPE_CHECKING:
    from ..services import Services
    from .tray import Tray

log = logging.getLogger("stint.ui.app")

WindowFactory = Callable[["Services"], QWidget]


class AppWindows:
    """Opening the window and the dialogs; mixed into StintApp (a QObject)."""

    services: "Services"
    tray: "Tray | None"
    started: bool
    window: QWidget | None
    dialogs: dict[str, QWidget]
    _window_factory: WindowFactory

    def show_window(self) -> None:
        if not self.started:
            return
        if self.window is None:
            self.window = self._window_factory(self.services)
            self.window.setWindowIcon(app_icon())
            self.window.installEventFilter(self)  # type: ignore[arg-type]  # StintApp, a QObject
        self.window.showNormal()
        self.window.raise_()
        self.window.activateWindow()

    def toggle_window(self) -> None:
        if self.window is not None and self.window.isVisible() and not self.window.isMinimized():
            self.window.hide()
        else:
            self.show_window()

    def show_quick_start(self) -> None:
        from .quick_start import QuickStart

        self._show_dialog("quick_start", QuickStart)

    def show_settings(self) -> None:
        from .settings_dialog import SettingsDialog

        self._show_dialog("settings", SettingsDialog)

    def show_new_task(self) -> None:
        from .new_task import NewTaskDialog

        self._show_dialog("new_task", NewTaskDialog)

    def show_failed_changes(self) -> None:
        from .ops_dialog import OpsDialog

        self._show_dialog("failed_changes", OpsDialog)

    def show_sign_in(self, name: str) -> None:
        """The sign-in dialog for account `name` (from the tray, a notification, the
        status bar): the secret given there goes to the keyring, then a sync runs."""
        self._show_dialog(f"signin:{name}", lambda services: self._sign_in_dialog(services, name))

    def _sign_in_dialog(self, services: "Services", name: str) -> QWidget | None:
        from ..domain.errors import StintError
        from .account_dialog import AccountDialog

        accounts = services.accounts()
        try:
            info = accounts.get(name)
        except StintError as exc:
            accounts.close()
            self.show_message("warning", "Stint", str(exc))
            return None
        dialog = AccountDialog(accounts, info)
        dialog.accepted.connect(self._signed_in)
        dialog.finished.connect(lambda _result: accounts.close())
        return dialog

    def _signed_in(self) -> None:
        self.services.bridge.changed.emit("all")
        self.services.bridge.sync_requested.emit()  # the kept changes go out now

    def _show_dialog(self, key: str, make: Callable[["Services"], QWidget | None]) -> None:
        """Show the dialog kept under `key`, made by `make` unless one is open; `make`
        gives None when it has told the person why there is none."""
        if not self.started:
            return
        dialog = self.dialogs.get(key)
        if dialog is None or not dialog.isVisible():
            made = make(self.services)
            if made is None:
                return
            dialog = self.dialogs[key] = made
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

    def _remember(self, flag: str) -> None:
        """Note in the settings that something was said or done once."""
        from ..domain.errors import StintError

        settings = self.services.settings
        extra: dict[str, Any] = {**settings.extra, flag: True}
        try:
            self.services.update_settings(settings._replace(extra=extra))
        except (StintError, OSError) as exc:  # said again next time: better than not starting
            log.warning("cannot remember %s: %s", flag, exc)
