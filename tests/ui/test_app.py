"""The app around the tray: notifications, the no-tray fallback, idle time, and
changes made by other processes."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from PySide6.QtWidgets import QLabel, QMessageBox, QPushButton

from stint.config import Settings, load_settings
from stint.store.actions import Tracker
from stint.store.database import open_database
from stint.store.db import open_engine
from stint.ui.notify import in_working_hours

from .app_fixtures import FakeIdle, add_account, entries, start_app  # noqa: F401

__all__ = ["start_app"]


def _messages(app: Any) -> list[str]:
    parent = app.window
    boxes = parent.findChildren(QMessageBox, "stint-message") if parent else []
    return [b.text() for b in boxes if b.isVisible()]


def test_long_timer_is_told_once(start_app: Any, qtbot: Any, clock: Any) -> None:
    running = start_app(settings=Settings(long_timer_hours=2))
    notifier = running.app.notifier
    task = running.tracker.create_task("Deep work", local=True)
    running.tracker.start(str(task.id))
    qtbot.waitUntil(lambda: notifier.snapshot.running is not None)
    told: list[tuple[str, str, str]] = []
    notifier.notified.connect(lambda *args: told.append(args))
    clock.advance(hours=1, minutes=59)
    notifier.check()
    assert told == []
    clock.advance(minutes=2)
    notifier.check()
    assert len(told) == 1 and "“Deep work” has been running for 2.0 hours" in told[0][2]
    clock.advance(hours=1)
    notifier.check()
    assert len(told) == 1


def test_untracked_reminder_in_working_hours_only(start_app: Any, clock: Any) -> None:
    running = start_app(settings=Settings(remind_untracked=True))
    notifier = running.app.notifier
    told: list[tuple[str, str, str]] = []
    notifier.notified.connect(lambda *args: told.append(args))
    notifier.check()  # Monday 10:00 in Madrid: untracked from now on
    assert told == []
    clock.advance(minutes=15)
    notifier.check()
    assert len(told) == 1 and "no timer runs" in told[0][2]
    clock.advance(minutes=30)
    notifier.check()
    assert len(told) == 1  # at most once an hour
    clock.advance(minutes=31)
    notifier.check()
    assert len(told) == 2
    clock.set(datetime(2026, 11, 28, 12, 0, tzinfo=timezone.utc))  # Saturday
    notifier.check()
    assert len(told) == 2


def test_working_hours() -> None:
    monday_9 = datetime(2026, 11, 23, 9, 0)
    assert in_working_hours(monday_9, ("09:00", "17:00"), (0, 1, 2, 3, 4))
    assert not in_working_hours(monday_9 - timedelta(minutes=1), ("09:00", "17:00"), (0,))
    assert not in_working_hours(monday_9 + timedelta(hours=8), ("09:00", "17:00"), (0,))
    assert not in_working_hours(monday_9, ("09:00", "17:00"), (1,))


def test_sync_problems_are_told(start_app: Any, qtbot: Any) -> None:
    running = start_app()
    with qtbot.waitSignal(running.app.notifier.notified, timeout=3000) as blocker:
        add_account(running.services.engine, "work", state="needs_signin")
    assert blocker.args[0] == "error" and "Sign in again" in blocker.args[2]


def test_without_a_tray_the_window_is_the_app(start_app: Any, home: Any, qtbot: Any) -> None:
    running = start_app(tray=False)
    app = running.app
    assert app.tray is None and app.window is not None and app.window.isVisible()
    assert any("no system tray" in text for text in _messages(app))
    assert load_settings(home / "settings.json").extra["no_tray_notice_shown"] is True
    # Messages that would go to the tray go to the window instead.
    app.services.bridge.message.emit("warning", "Something to know")
    assert "Something to know" in _messages(app)
    app.window.close()
    assert running.quits == [True]


def test_the_no_tray_notice_is_shown_once(start_app: Any) -> None:
    running = start_app(tray=False, settings=Settings(extra={"no_tray_notice_shown": True}))
    assert running.app.window.isVisible()
    assert not any("no system tray" in text for text in _messages(running.app))


@pytest.mark.parametrize("choice", ["keep", "discard", "stop"])
def test_idle_time(start_app: Any, qtbot: Any, clock: Any, choice: str) -> None:
    idle = FakeIdle()
    running = start_app(idle_source=idle, settings=Settings(idle_minutes=5))
    watcher, prompt = running.app.idle, running.app.idle_prompt
    task = running.tracker.create_task("Focus", local=True)
    start = clock.now()
    running.tracker.start(str(task.id))
    clock.advance(minutes=20)
    idle.seconds = 15 * 60  # away since start + 5 min
    watcher.poll()
    assert watcher.away is not None and prompt.dialog is None
    clock.advance(minutes=1)
    idle.seconds = 3  # back
    watcher.poll()
    dialog = prompt.dialog
    assert dialog is not None and dialog.isVisible()
    assert "You were away for 16 min" in dialog.findChild(QLabel).text()
    with qtbot.waitSignal(prompt.resolved):
        dialog.findChild(QPushButton, choice).click()
    rows = entries(running.services.engine)
    back = start + timedelta(minutes=21)
    if choice == "keep":
        assert rows == [(task.id, start, None)]
    elif choice == "discard":
        assert rows == [(task.id, start, start + timedelta(minutes=5)), (task.id, back, None)]
    else:
        assert rows == [(task.id, start, start + timedelta(minutes=5))]


def test_idle_without_a_running_timer_asks_nothing(start_app: Any) -> None:
    idle = FakeIdle()
    running = start_app(idle_source=idle, settings=Settings(idle_minutes=5))
    idle.seconds = 3600
    running.app.idle.poll()
    idle.seconds = 0
    running.app.idle.poll()
    assert running.app.idle_prompt.dialog is None


def test_idle_detection_reports_unavailable_offscreen(start_app: Any) -> None:
    from stint.ui.idle import detect

    assert detect("offscreen") is None
    assert detect("wayland") is None


def test_another_process_change_reaches_the_tray(start_app: Any, qtbot: Any, home: Any, clock: Any) -> None:
    running = start_app()
    other = open_engine(home / "stint.sqlite3")
    try:
        tracker = Tracker(open_database(home / "stint.sqlite3"), clock)
        task = tracker.create_task("From the CLI", local=True)
        with qtbot.waitSignal(running.services.bridge.changed, timeout=2000):
            tracker.start(str(task.id))
        qtbot.waitUntil(lambda: "Tracking: From the CLI" in running.app.tray.icon.toolTip(), timeout=2000)
    finally:
        other.dispose()


def test_a_change_made_in_the_app_reloads_the_views_once(start_app: Any, qtbot: Any, home: Any,
                                                         clock: Any) -> None:
    running = start_app()
    running.app.dbwatch.stop()  # polled by hand below, not by its timer
    running.app.dbwatch.start()
    heard: list[str] = []
    running.services.bridge.changed.connect(heard.append)
    task = running.tracker.create_task("Here", local=True)
    running.tracker.start(str(task.id))
    assert heard == ["tasks", "timer"]
    assert not running.app.dbwatch.poll()  # our own commits, already announced
    assert heard == ["tasks", "timer"]
    # Another process's commit is still noticed.
    other = open_database(home / "stint.sqlite3")
    try:
        Tracker(other, clock).stop()
    finally:
        other.close()
    assert running.app.dbwatch.poll()
    assert heard == ["tasks", "timer", "all"]


def test_the_real_main_window_opens_from_the_tray(start_app: Any, qtbot: Any) -> None:
    from stint.ui.window import MainWindow

    running = start_app(window=MainWindow)
    running.app.tray.menu.aboutToShow.emit()
    running.app.tray.action("open").trigger()
    window = running.app.window
    assert isinstance(window, MainWindow) and window.isVisible()
    window.close()  # with a tray, closing only hides the window
    assert running.quits == [] and not window.isVisible()
