"""Settings: sync, weeks and rounding, reminders, idle, start on login, accounts.

Saving validates the whole Settings (Settings.validate is the authority) and keeps
the dialog open with the reason when it fails; the login entry is written through
stint.autostart only when that choice changed."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QLocale, QTime
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QDialogButtonBox, QDoubleSpinBox, QFormLayout, QGroupBox, QHBoxLayout, QSpinBox,
    QTimeEdit, QVBoxLayout, QWidget,
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
        for w in (tracking, reminders, self.start_on_login, self.accounts, self.notice, self.buttons):
            layout.addWidget(w)

    def chosen(self) -> Settings:
        """The settings as the form shows them (not validated)."""
        return replace(
            self.services.settings,
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
