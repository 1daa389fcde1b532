"""Global shortcuts through the XDG portal, on a real session bus with a test portal:
Settings registers them, the desktop's Activated signal runs them, a restart binds
them again by itself; without the portal Settings says how to bind the commands."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtWidgets import QPushButton

from stint.config import Settings, load_settings
from stint.ui.settings_dialog import SettingsDialog

from ..desktop.desktop_fakes import Portal
from ..desktop.dbus_services import serving
from ..desktop.fixtures import dbus_address  # noqa: F401
from .app_fixtures import entries, start_app  # noqa: F401

WAIT_MS = 10_000


@pytest.fixture
def portal(dbus_address: str) -> Iterator[Portal]:
    with serving(Portal(dbus_address)) as service:
        yield service


def _settings(running: Any, qtbot: Any) -> SettingsDialog:
    qtbot.waitUntil(lambda: running.app.desktop.shortcuts.available is not None, timeout=WAIT_MS)
    dialog = SettingsDialog(running.services)
    qtbot.addWidget(dialog)
    return dialog


def test_settings_registers_the_shortcuts_and_the_desktop_runs_them(portal: Portal, start_app: Any, home: Any,
                                                                    qtbot: Any, clock: Any) -> None:
    running = start_app()
    dialog = _settings(running, qtbot)
    assert dialog.shortcuts_status.text() == "The desktop can register global shortcuts for Stint"
    button = dialog.findChild(QPushButton, "register-shortcuts")
    assert button.isEnabled()
    button.click()
    qtbot.waitUntil(lambda: load_settings(home / "settings.json").global_shortcuts, timeout=WAIT_MS)
    assert [sid for sid, _props in portal.bound] == ["toggle", "pick", "start-last"]
    assert portal.bound[0][1] == {"description": "Stop the running timer, or start the last task again",
                                  "preferred_trigger": "CTRL+ALT+SHIFT+s"}
    assert dialog.shortcuts_status.text().startswith("Global shortcuts are registered with the desktop (start/stop: CTRL+ALT+SHIFT+s, search tasks: ")
    assert "Global shortcuts registered with the desktop." in dialog.notice.text()

    task = running.tracker.create_task("Write", local=True)
    running.tracker.start(str(task.id))
    start = clock.now()
    clock.advance(minutes=15)
    portal.activate("toggle")
    qtbot.waitUntil(lambda: entries(running.services.engine)[-1][2] is not None, timeout=WAIT_MS)
    clock.advance(minutes=5)
    portal.activate("start-last")
    qtbot.waitUntil(lambda: len(entries(running.services.engine)) == 2, timeout=WAIT_MS)
    assert entries(running.services.engine) == [(task.id, start, start + _minutes(15)),
                                                (task.id, start + _minutes(20), None)]
    portal.activate("pick")
    qtbot.waitUntil(lambda: "quick_start" in running.app.dialogs and running.app.dialogs["quick_start"].isVisible(),
                    timeout=WAIT_MS)


def test_a_restart_binds_them_again_unasked(portal: Portal, start_app: Any, qtbot: Any) -> None:
    start_app(settings=Settings(global_shortcuts=True))
    qtbot.waitUntil(lambda: len(portal.bound) == 3, timeout=WAIT_MS)


def test_a_refusal_is_told(dbus_address: str, start_app: Any, qtbot: Any) -> None:
    refusing = Portal(dbus_address, refuse_bind=True).start()
    try:
        running = start_app()
        dialog = _settings(running, qtbot)
        dialog.findChild(QPushButton, "register-shortcuts").click()
        qtbot.waitUntil(lambda: dialog.notice.text() != "", timeout=WAIT_MS)
        assert "Global shortcuts: the shortcuts were not registered (cancelled)" in dialog.notice.text()
        assert running.services.settings.global_shortcuts is False
    finally:
        refusing.stop()


def test_without_the_portal_settings_says_how_to_bind_them(dbus_address: str, start_app: Any, qtbot: Any) -> None:
    running = start_app()
    dialog = _settings(running, qtbot)
    assert not dialog.findChild(QPushButton, "register-shortcuts").isEnabled()
    assert "bind `stint toggle`, `stint pick` and `stint start --last`" in dialog.shortcuts_status.text()


def test_settings_shows_the_idle_source_and_saves_the_lock_choice(start_app: Any, home: Any, qtbot: Any) -> None:
    running = start_app()  # no bus, offscreen: no idle source at all
    dialog = SettingsDialog(running.services)
    qtbot.addWidget(dialog)
    assert dialog.idle_status.text() == "Idle detection is unavailable on this session"
    assert "cannot be seen on this session" in dialog.away_status.text()
    assert dialog.on_lock_sleep.currentData() == "ask"
    dialog.on_lock_sleep.setCurrentIndex(dialog.on_lock_sleep.findData("stop"))
    dialog.accept()
    assert load_settings(home / "settings.json").on_lock_sleep == "stop"


def _minutes(n: int) -> Any:
    from datetime import timedelta

    return timedelta(minutes=n)
