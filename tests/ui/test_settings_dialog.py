"""The settings dialog: validation keeps it open, saving writes settings.json and
tells the views, and "start on login" writes the autostart entry."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import json  # noqa: E402
import sys  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import QTime  # noqa: E402
from PySide6.QtWidgets import QDialogButtonBox  # noqa: E402

from stint.ui.settings_dialog import SettingsDialog  # noqa: E402
from stint.ui.week_view import WeekView  # noqa: E402

from .window_fixtures import add_account, answer_box, services  # noqa: E402,F401


def _save(dialog: SettingsDialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()


@pytest.fixture
def xdg(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    return tmp_path / "xdg" / "autostart" / "stint.desktop"


def test_invalid_values_are_refused_and_nothing_is_saved(services, qtbot, xdg):
    dialog = SettingsDialog(services)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.sync_interval.setValue(5)
    _save(dialog)
    assert dialog.isVisible()
    assert "sync_interval_seconds must be 10 to 86400" in dialog.notice.text()
    assert not services.paths.settings.exists()

    dialog.sync_interval.setValue(120)
    dialog.work_from.setTime(QTime(18, 0))
    _save(dialog)
    assert "working hours must end after they start" in dialog.notice.text()
    assert not services.paths.settings.exists() and services.settings.sync_interval_seconds == 60


def test_save_writes_the_file_and_refreshes_views(services, qtbot, xdg):
    week = WeekView(services)
    qtbot.addWidget(week)
    dialog = SettingsDialog(services)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.week_start.setCurrentIndex(6)
    dialog.rounding_minutes.setValue(15)
    dialog.rounding_mode.setCurrentIndex(dialog.rounding_mode.findData("nearest"))
    dialog.idle_minutes.setValue(10)
    dialog.long_timer.setValue(4.5)
    dialog.work_days[5].setChecked(True)
    dialog.remind_untracked.setChecked(True)
    with qtbot.waitSignal(services.bridge.changed, check_params_cb=lambda what: what == "settings"):
        _save(dialog)
    assert not dialog.isVisible()
    saved = json.loads(services.paths.settings.read_text())
    assert (saved["week_start"], saved["rounding_minutes"], saved["rounding_mode"]) == (6, 15, "nearest")
    assert (saved["idle_minutes"], saved["long_timer_hours"], saved["remind_untracked"]) == (10, 4.5, True)
    assert saved["working_days"] == [0, 1, 2, 3, 4, 5]
    assert services.settings.rounding_minutes == 15
    assert week.timesheet.days[0].weekday() == 6  # the week tab followed
    assert "15" in week.rounding_label.text()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the XDG autostart entry is Linux's")
def test_start_on_login_writes_and_removes_the_autostart_entry(services, qtbot, xdg):
    dialog = SettingsDialog(services)
    qtbot.addWidget(dialog)
    dialog.start_on_login.setChecked(True)
    _save(dialog)
    assert xdg.exists() and "Exec=" in xdg.read_text()
    assert services.settings.start_on_login

    dialog = SettingsDialog(services)
    qtbot.addWidget(dialog)
    assert dialog.start_on_login.isChecked()
    dialog.start_on_login.setChecked(False)
    _save(dialog)
    assert not xdg.exists()
    assert json.loads(services.paths.settings.read_text())["start_on_login"] is False


def test_accounts_are_listed(services, qtbot, xdg):
    add_account(services, "work")
    add_account(services, "home")
    dialog = SettingsDialog(services)
    qtbot.addWidget(dialog)
    table = dialog.accounts.table
    assert [table.item(r, 0).text() for r in range(table.rowCount())] == ["home", "work"]
    assert table.item(0, 1).text() == "wapify · https://home.example"


class MemorySecrets:
    def __init__(self) -> None:
        self.values = {"work": "t0ken"}

    def available(self) -> bool:
        return True

    def get(self, name: str) -> str | None:
        return self.values.get(name)

    def set(self, name: str, value: str) -> None:
        self.values[name] = value

    def delete(self, name: str) -> None:
        self.values.pop(name, None)


def test_remove_account_after_confirming(services, qtbot, xdg):
    from PySide6.QtWidgets import QMessageBox

    from stint.services import Services

    add_account(services, "work")
    services.tracker.create_task("Remote", account="work")
    secrets = MemorySecrets()
    services = Services(env=services.env, clock=services.clock, engine=services.engine, secrets=secrets,
                        bridge=services.bridge)
    dialog = SettingsDialog(services)
    qtbot.addWidget(dialog)
    dialog.accounts.table.selectRow(0)
    seen: list[str] = []
    answer_box(QMessageBox.StandardButton.Yes, seen)
    with qtbot.waitSignal(services.bridge.changed):
        dialog.accounts.remove_button.click()
    assert "Remove work" in seen[0]
    assert dialog.accounts.table.rowCount() == 0
    assert secrets.values == {}
    assert services.accounts().list() == []
