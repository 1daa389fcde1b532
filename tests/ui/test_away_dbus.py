"""Idle, sleep and lock on a real session bus: the app against test implementations of
GNOME's idle monitor, KDE's screen saver, logind and a notification server.

Each test has its own dbus-daemon (tests/desktop/dbus_services.py), standing in for
both the session and the system bus. Time is the suite's FixedClock; waiting is on
conditions the app reaches through its event loop (qtbot.waitUntil / waitSignal)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from PySide6.QtWidgets import QPushButton

from stint.config import Settings
from stint.ui.app import AUTO

from ..desktop.desktop_fakes import Login1, MutterIdle, Notifications, ScreenSaver
from ..desktop.fixtures import dbus_address  # noqa: F401
from .app_fixtures import entries, start_app  # noqa: F401

WAIT_MS = 10_000


@pytest.fixture
def services_on_bus(dbus_address: str) -> Iterator[dict[str, Any]]:
    started: dict[str, Any] = {}

    def add(name: str, service: Any) -> Any:
        started[name] = service.start()
        return service

    yield {"add": add, "address": dbus_address, "started": started}
    for service in started.values():
        service.stop()


def _start(start_app: Any, qtbot: Any, settings: Settings) -> Any:
    running = start_app(idle_source=AUTO, settings=settings)
    desktop = running.app.desktop
    qtbot.waitUntil(lambda: not desktop.idle_detecting, timeout=WAIT_MS)
    return running


def test_twelve_idle_minutes_on_gnome_bring_the_question(services_on_bus: dict[str, Any], start_app: Any,
                                                         qtbot: Any, clock: Any) -> None:
    mutter = services_on_bus["add"]("mutter", MutterIdle(services_on_bus["address"]))
    running = _start(start_app, qtbot, Settings(idle_minutes=10))
    desktop = running.app.desktop
    assert desktop.idle.source is not None and desktop.idle.source.name == "GNOME"
    assert desktop.status()["idle"] == "Idle time from GNOME"
    task = running.tracker.create_task("Focus", local=True)
    start = clock.now()
    running.tracker.start(str(task.id))
    clock.advance(minutes=20)
    mutter.idle_ms = 12 * 60 * 1000  # away since start + 8 min
    desktop.idle.poll()
    qtbot.waitUntil(lambda: desktop.idle.away is not None, timeout=WAIT_MS)
    assert desktop.idle.away.since == start + timedelta(minutes=8)
    assert running.app.idle_prompt.dialog is None  # not back yet: nothing to ask
    clock.advance(minutes=1)
    mutter.idle_ms = 2_000
    desktop.idle.poll()
    qtbot.waitUntil(lambda: running.app.idle_prompt.dialog is not None, timeout=WAIT_MS)
    dialog = running.app.idle_prompt.dialog
    assert "You were away for 13 min" in dialog.label.text()
    with qtbot.waitSignal(running.app.idle_prompt.resolved):
        dialog.findChild(QPushButton, "discard").click()
    back = start + timedelta(minutes=21)
    assert entries(running.services.engine) == [(task.id, start, start + timedelta(minutes=8)), (task.id, back, None)]


def test_idle_from_the_screen_saver_where_there_is_no_mutter(services_on_bus: dict[str, Any], start_app: Any,
                                                             qtbot: Any) -> None:
    saver = services_on_bus["add"]("saver", ScreenSaver(services_on_bus["address"]))
    saver.idle_ms = 90_000
    running = _start(start_app, qtbot, Settings(idle_minutes=1))
    desktop = running.app.desktop
    assert desktop.idle.source.name == "the screen saver (KDE)"
    got: list[float | None] = []
    desktop.idle.source.query(got.append)
    qtbot.waitUntil(lambda: bool(got), timeout=WAIT_MS)
    assert got == [90.0]


def test_no_idle_service_says_unavailable(services_on_bus: dict[str, Any], start_app: Any, qtbot: Any) -> None:
    running = _start(start_app, qtbot, Settings(idle_minutes=5))
    assert running.app.desktop.idle.source is None  # offscreen: no X11 either
    assert running.app.desktop.status()["idle"] == "Idle detection is unavailable on this session"


def _login1_ready(running: Any, login1: Login1, qtbot: Any) -> None:
    watcher = running.app.desktop.session_watcher
    qtbot.waitUntil(lambda: watcher.session_path is not None and login1.held() == 1, timeout=WAIT_MS)


def _sleep(running: Any, login1: Login1, qtbot: Any, clock: Any, *, awake: int, asleep: int) -> tuple[Any, Any, Any]:
    """A timer runs `awake` minutes, then the computer sleeps `asleep` minutes and wakes.
    Returns the task, the timer's start and the instant it went to sleep."""
    task = running.tracker.create_task("Write", local=True)
    start = clock.now()
    running.tracker.start(str(task.id))
    clock.advance(minutes=awake)
    slept = clock.now()
    login1.prepare_for_sleep(True)
    # Stint has seen it and let logind go on: the delay inhibitor is released.
    qtbot.waitUntil(lambda: running.app.desktop.away.away is not None and login1.held() == 0, timeout=WAIT_MS)
    clock.advance(minutes=asleep)
    login1.prepare_for_sleep(False)
    return task, start, slept


@pytest.mark.parametrize("choice", ["keep", "stop"])
def test_sleep_then_wake_brings_the_question(services_on_bus: dict[str, Any], start_app: Any, qtbot: Any,
                                             clock: Any, choice: str) -> None:
    login1 = services_on_bus["add"]("login1", Login1(services_on_bus["address"]))
    running = _start(start_app, qtbot, Settings())
    _login1_ready(running, login1, qtbot)
    assert "logind" in running.app.desktop.status()["away"]
    task, start, asleep = _sleep(running, login1, qtbot, clock, awake=25, asleep=40)
    qtbot.waitUntil(lambda: running.app.idle_prompt.dialog is not None, timeout=WAIT_MS)
    dialog = running.app.idle_prompt.dialog
    assert "The computer was asleep for 40 min" in dialog.label.text()
    qtbot.waitUntil(lambda: login1.held() == 1, timeout=WAIT_MS)  # ready for the next sleep
    with qtbot.waitSignal(running.app.idle_prompt.resolved):
        dialog.findChild(QPushButton, choice).click()
    expected = [(task.id, start, None)] if choice == "keep" else [(task.id, start, asleep)]
    assert entries(running.services.engine) == expected


def test_a_short_lock_asks_nothing(services_on_bus: dict[str, Any], start_app: Any, qtbot: Any, clock: Any) -> None:
    login1 = services_on_bus["add"]("login1", Login1(services_on_bus["address"]))
    running = _start(start_app, qtbot, Settings())
    _login1_ready(running, login1, qtbot)
    task = running.tracker.create_task("Write", local=True)
    running.tracker.start(str(task.id))
    login1.lock()
    qtbot.waitUntil(lambda: running.app.desktop.away.away is not None, timeout=WAIT_MS)
    clock.advance(seconds=30)
    login1.unlock()
    qtbot.waitUntil(lambda: running.app.desktop.away.away is None, timeout=WAIT_MS)
    assert running.app.idle_prompt.dialog is None and running.app.idle_prompt.current is None


def test_lock_with_stop_at_lock_stops_the_timer_at_the_lock(services_on_bus: dict[str, Any], start_app: Any,
                                                            qtbot: Any, clock: Any) -> None:
    login1 = services_on_bus["add"]("login1", Login1(services_on_bus["address"]))
    running = _start(start_app, qtbot, Settings(on_lock_sleep="stop"))
    _login1_ready(running, login1, qtbot)
    task = running.tracker.create_task("Write", local=True)
    start = clock.now()
    running.tracker.start(str(task.id))
    clock.advance(minutes=50)
    locked = clock.now()
    with qtbot.waitSignal(running.app.desktop.away.stopped, timeout=WAIT_MS):
        login1.lock()
    clock.advance(hours=1)
    login1.unlock()
    assert entries(running.services.engine) == [(task.id, start, locked)]
    assert running.app.idle_prompt.dialog is None


def test_locked_hint_and_the_screen_saver_count_as_a_lock(services_on_bus: dict[str, Any], start_app: Any,
                                                          qtbot: Any, clock: Any) -> None:
    login1 = services_on_bus["add"]("login1", Login1(services_on_bus["address"]))
    saver = services_on_bus["add"]("saver", ScreenSaver(services_on_bus["address"]))
    running = _start(start_app, qtbot, Settings())
    _login1_ready(running, login1, qtbot)
    task = running.tracker.create_task("Write", local=True)
    running.tracker.start(str(task.id))
    clock.advance(minutes=5)
    locked = clock.now()
    login1.locked_hint(True)  # GNOME's way
    qtbot.waitUntil(lambda: running.app.desktop.away.away is not None, timeout=WAIT_MS)
    clock.advance(minutes=1)
    saver.set_active(True)  # the same absence, told again: still from the first
    clock.advance(minutes=20)
    saver.set_active(False)
    qtbot.waitUntil(lambda: running.app.idle_prompt.dialog is not None, timeout=WAIT_MS)
    assert running.app.idle_prompt.current.since == locked
    assert "The screen was locked for 21 min" in running.app.idle_prompt.dialog.label.text()
    login1.locked_hint(False)  # the end told once more: no second question
    login1.lock()  # a marker: once it is seen, so is the LockedHint sent before it
    qtbot.waitUntil(lambda: "lock" in running.app.desktop.away.reasons, timeout=WAIT_MS)
    assert running.app.idle_prompt.current.since == locked
    assert "The screen was locked for 21 min" in running.app.idle_prompt.dialog.label.text()


def test_the_question_as_a_notification_and_its_answer(services_on_bus: dict[str, Any], start_app: Any,
                                                       qtbot: Any, clock: Any) -> None:
    login1 = services_on_bus["add"]("login1", Login1(services_on_bus["address"]))
    server = services_on_bus["add"]("notify", Notifications(services_on_bus["address"]))
    running = _start(start_app, qtbot, Settings())
    _login1_ready(running, login1, qtbot)
    qtbot.waitUntil(lambda: running.app.desktop.notifications.available is True, timeout=WAIT_MS)
    task, start, asleep = _sleep(running, login1, qtbot, clock, awake=10, asleep=30)
    qtbot.waitUntil(lambda: bool(server.bodies("Notify")), timeout=WAIT_MS)
    nid, shown = server.latest("time away")
    assert shown["actions"] == {"default": "Open", "keep": "Keep", "discard": "Discard", "stop": "Discard and stop"}
    assert "The computer was asleep for 30 min" in shown["body"]
    assert shown["timeout"] == 0  # stays until answered
    assert running.app.idle_prompt.dialog is None  # the notification asks; no dialog on top
    with qtbot.waitSignal(running.app.idle_prompt.resolved, timeout=WAIT_MS):
        server.invoke(nid, "discard")
    woke = start + timedelta(minutes=40)
    assert entries(running.services.engine) == [(task.id, start, asleep), (task.id, woke, None)]
