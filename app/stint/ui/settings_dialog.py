"""Settings: sync, weeks and rounding, reminders, idle, lock and sleep, global
shortcuts, start on login, accounts.

Saving validates the whole Settings (Settings.validate is the authority) and keeps
the dialog open with the reason when it fails; the login entry is written through
stint.autostart only when that choice changed."""

from __future__ import annotations


from PySide6.QtCore import QLocale, Qt, QTime
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QDialogButtonBox, QDoubleSpinBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel,
    QPushButton, QSpinBox, QTimeEdit, QVBoxLayout, QWidget,
)

from .. import autostart
from ..config import Settings
from ..domain.errors import StintError, UsageError
from .notice import Notice
from ..services import Services


class SettingsDialog(QDialog):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.setWindowTitle(self.tr("Stint settings"))
        locale = QLocale()
        s = services.settings

        self.sync_interval = _spin(1, 86400, s.sync_interval_seconds, self.tr(" s"))
        self.week_start = QComboBox()
        for day in range(7):
            self.week_start.addItem(locale.dayName(day + 1, QLocale.FormatType.LongFormat), day)
        self.week_start.setCurrentIndex(s.week_start)
        self.rounding_minutes = _spin(0, 1440, s.rounding_minutes, self.tr(" min"))
        self.rounding_minutes.setSpecialValueText(self.tr("off"))
        self.rounding_mode = QComboBox()
        self.rounding_mode.addItem(self.tr("up"), "up")
        self.rounding_mode.addItem(self.tr("to the nearest"), "nearest")
        self.rounding_mode.setCurrentIndex(max(0, self.rounding_mode.findData(s.rounding_mode)))
        self.work_from = QTimeEdit(QTime.fromString(s.working_hours[0], "HH:mm"), displayFormat="HH:mm")
        self.work_to = QTimeEdit(QTime.fromString(s.working_hours[1], "HH:mm"), displayFormat="HH:mm")
        self.work_days = []
        days_row = QHBoxLayout()
        for day in range(7):
            box = QCheckBox(locale.dayName(day + 1, QLocale.FormatType.ShortFormat))
            box.setChecked(day in s.working_days)
            self.work_days.append(box)
            days_row.addWidget(box)
        self.remind_untracked = QCheckBox(self.tr("Remind me when no timer runs during working hours"))
        self.remind_untracked.setChecked(s.remind_untracked)
        self.long_timer = QDoubleSpinBox(minimum=0, maximum=72, decimals=1, value=s.long_timer_hours,
                                         suffix=self.tr(" h"))
        self.long_timer.setSpecialValueText(self.tr("never"))
        self.idle_minutes = _spin(0, 480, s.idle_minutes, self.tr(" min"))
        self.idle_minutes.setSpecialValueText(self.tr("off"))
        self.on_lock_sleep = QComboBox()
        for value, label in (("ask", self.tr("ask me what to do with the time")),
                             ("stop", self.tr("stop the timer")),
                             ("keep", self.tr("keep counting"))):
            self.on_lock_sleep.addItem(label, value)
        self.on_lock_sleep.setCurrentIndex(max(0, self.on_lock_sleep.findData(s.on_lock_sleep)))
        self.idle_status = QLabel(wordWrap=True, objectName="idle-status")
        self.away_status = QLabel(wordWrap=True, objectName="away-status")
        self.shortcuts_status = QLabel(wordWrap=True, objectName="shortcuts-status", textFormat=Qt.TextFormat.PlainText)
        self.register_shortcuts = QPushButton(self.tr("Register global shortcuts…"), objectName="register-shortcuts")
        self.register_shortcuts.clicked.connect(self._register_shortcuts)
        self.start_on_login = QCheckBox(self.tr("Start Stint when I log in"))
        self.start_on_login.setChecked(s.start_on_login)

        tracking = QGroupBox(self.tr("Tracking"))
        form = QFormLayout(tracking)
        form.addRow(self.tr("Sync every"), self.sync_interval)
        form.addRow(self.tr("Weeks start on"), self.week_start)
        rounding = QHBoxLayout()
        rounding.addWidget(self.rounding_minutes)
        rounding.addWidget(self.rounding_mode)
        form.addRow(self.tr("Round timesheets"), rounding)
        form.addRow(self.tr("Ask after idle for"), self.idle_minutes)
        form.addRow(self.idle_status)
        form.addRow(self.tr("When the screen locks or the computer sleeps"), self.on_lock_sleep)
        form.addRow(self.away_status)
        shortcuts = QGroupBox(self.tr("Global shortcuts"))
        shortcuts_layout = QVBoxLayout(shortcuts)
        shortcuts_layout.addWidget(self.shortcuts_status)
        shortcuts_layout.addWidget(self.register_shortcuts)
        reminders = QGroupBox(self.tr("Reminders"))
        form2 = QFormLayout(reminders)
        hours = QHBoxLayout()
        hours.addWidget(self.work_from)
        hours.addWidget(self.work_to)
        form2.addRow(self.tr("Working hours"), hours)
        form2.addRow(self.tr("Working days"), days_row)
        form2.addRow(self.remind_untracked)
        form2.addRow(self.tr("Warn when a timer runs longer than"), self.long_timer)

        from .accounts_panel import AccountsPanel

        self.accounts = AccountsPanel(services)
        self.notice = Notice()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for w in (tracking, reminders, shortcuts, self.start_on_login, self.accounts, self.notice, self.buttons):
            layout.addWidget(w)
        if services.bridge.desktop is not None:
            services.bridge.desktop.status_changed.connect(self.show_desktop_status)
        self.show_desktop_status()

    def show_desktop_status(self) -> None:
        """Which idle source, lock/sleep watch and shortcut way this session has."""
        desktop = self.services.bridge.desktop
        if desktop is None:
            self.idle_status.setText(self.tr("Idle detection is unavailable on this session"))
            self.away_status.setText("")
            self.shortcuts_status.setText(self.tr(
                "Bind `stint toggle`, `stint pick` and `stint start --last` in your desktop's keyboard settings "
                "(see the README)."))
            self.register_shortcuts.setEnabled(False)
            return
        status = desktop.status()
        self.idle_status.setText(status["idle"])
        self.away_status.setText(status["away"])
        self.shortcuts_status.setText(status["shortcuts"])
        self.register_shortcuts.setEnabled(desktop.shortcuts is not None and bool(desktop.shortcuts.available))

    def _register_shortcuts(self) -> None:
        desktop = self.services.bridge.desktop
        self.register_shortcuts.setEnabled(False)

        def done(ok: bool, why: str) -> None:
            self.register_shortcuts.setEnabled(True)
            if not ok:
                self.notice.show_error(self.tr("Global shortcuts: %1").replace("%1", why))
                return
            try:
                self.services.update_settings(self.services.settings._replace(global_shortcuts=True))
            except (StintError, OSError) as exc:
                self.notice.show_error(self.tr("Cannot save: %1").replace("%1", str(exc)))
                return
            self.notice.show_info(self.tr("Global shortcuts registered with the desktop."))

        desktop.register_shortcuts(done)

    def chosen(self) -> Settings:
        """The settings as the form shows them (not validated)."""
        return self.services.settings._replace(
            sync_interval_seconds=self.sync_interval.value(),
            week_start=int(self.week_start.currentData()),
            rounding_minutes=self.rounding_minutes.value(),
            rounding_mode=str(self.rounding_mode.currentData()),
            working_hours=(self.work_from.time().toString("HH:mm"), self.work_to.time().toString("HH:mm")),
            working_days=tuple(d for d, box in enumerate(self.work_days) if box.isChecked()),
            remind_untracked=self.remind_untracked.isChecked(),
            long_timer_hours=round(self.long_timer.value(), 1),
            idle_minutes=self.idle_minutes.value(),
            start_on_login=self.start_on_login.isChecked(),
            on_lock_sleep=str(self.on_lock_sleep.currentData()),
        )

    def accept(self) -> None:
        settings = self.chosen()
        try:
            if settings.working_hours[0] >= settings.working_hours[1]:
                raise UsageError(self.tr("working hours must end after they start"))
            settings.validate()
            if settings.start_on_login != autostart.is_enabled():
                autostart.set_enabled(settings.start_on_login)
            self.services.update_settings(settings)
        except StintError as exc:
            self.notice.show_error(str(exc))
            return
        except OSError as exc:
            self.notice.show_error(self.tr("Cannot save: %1").replace("%1", str(exc)))
            return
        super().accept()


def _spin(low: int, high: int, value: int, suffix: str) -> QSpinBox:
    spin = QSpinBox(minimum=low, maximum=high, suffix=suffix)
    spin.setValue(value)
    return spin
