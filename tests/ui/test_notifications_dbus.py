"""Notifications you can answer, on a real session bus with a test notification server:
the button of each reaches the app; without buttons, or without a server, the tray
balloon (a click on it does the same) and the dialog take over."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from stint.config import Settings

from ..desktop.desktop_fakes import Notifications
from ..desktop.dbus_services import serving
from ..desktop.fixtures import dbus_address  # noqa: F401
from .app_fixtures import add_account, start_app  # noqa: F401

WAIT_MS = 10_000


@pytest.fixture
def server(dbus_address: str) -> Iterator[Notifications]:
    with serving(Notifications(dbus_address)) as service:
        yield service


def _ready(running: Any, qtbot: Any) -> None:
    qtbot.waitUntil(lambda: running.app.desktop.notifications.available is not None, timeout=WAIT_MS)


def test_needs_sign_in_has_a_sign_in_button(server: Notifications, start_app: Any, engine: Any,
                                            qtbot: Any) -> None:
    add_account(engine, "work", state="needs_signin")
    running = start_app()  # told at start, before the server answered what it shows: queued, not lost
    qtbot.waitUntil(lambda: bool(server.shown), timeout=WAIT_MS)
    nid, shown = server.latest("work needs attention")
    assert shown["actions"] == {"default": "Sign in…", "signin:work": "Sign in…"}
    assert shown["app"] == "Stint" and shown["hints"]["desktop-entry"] == ("s", "dev.stint.Stint")
    assert shown["hints"]["urgency"] == ("y", 2)
    server.invoke(nid, "signin:work")  # straight to that account's sign-in
    qtbot.waitUntil(lambda: "signin:work" in running.app.dialogs and running.app.dialogs["signin:work"].isVisible(),
                    timeout=WAIT_MS)
    dialog = running.app.dialogs["signin:work"]
    assert dialog.account.name == "work" and dialog.ok_button.text() == "&Sign in"
    dialog.reject()


def test_the_untracked_reminder_starts_the_task_search(server: Notifications, start_app: Any, qtbot: Any,
                                                       clock: Any) -> None:
    running = start_app(settings=Settings(remind_untracked=True))
    _ready(running, qtbot)
    running.app.notifier.check()
    clock.advance(minutes=16)
    running.app.notifier.check()
    qtbot.waitUntil(lambda: bool(server.shown), timeout=WAIT_MS)
    nid, shown = server.latest("nothing is being tracked")
    assert shown["actions"] == {"default": "Start…", "start": "Start…"}
    server.invoke(nid, "default")  # a click on the notification itself
    qtbot.waitUntil(lambda: "quick_start" in running.app.dialogs and running.app.dialogs["quick_start"].isVisible(),
                    timeout=WAIT_MS)


def test_a_server_without_buttons_gets_the_text_and_the_dialog_asks(dbus_address: str, start_app: Any,
                                                                    qtbot: Any, clock: Any) -> None:
    plain = Notifications(dbus_address, actions=False).start()
    try:
        running = start_app(settings=Settings(remind_untracked=True))
        _ready(running, qtbot)
        assert running.app.desktop.notifications.actions is False
        running.app.notifier.check()
        clock.advance(minutes=16)
        running.app.notifier.check()
        qtbot.waitUntil(lambda: bool(plain.shown), timeout=WAIT_MS)
        assert plain.latest("nothing is being tracked")[1]["actions"] == {}
        task = running.tracker.create_task("Write", local=True)
        running.tracker.start(str(task.id))
        running.app.desktop.away.begin("lock")
        clock.advance(minutes=5)
        running.app.desktop.away.end("lock")
        assert running.app.idle_prompt.dialog is not None and running.app.idle_prompt.dialog.isVisible()
        assert len(plain.shown) == 1  # the reminder only: the question is not sent without buttons
    finally:
        plain.stop()


def test_without_a_server_the_tray_balloon_is_clicked(start_app: Any, qtbot: Any, clock: Any) -> None:
    running = start_app(settings=Settings(remind_untracked=True))  # no bus at all
    assert running.app.desktop.notifications is None
    told: list[tuple[str, str, str]] = []
    running.app.notifier.notified.connect(lambda *args: told.append(args))
    running.app.notifier.check()
    clock.advance(minutes=16)
    running.app.notifier.check()
    assert told and told[-1][1] == "Stint: nothing is being tracked"
    assert running.app.desktop.fallback_action == "start"
    running.app.tray.icon.messageClicked.emit()  # what Qt says when the balloon is clicked
    qtbot.waitUntil(lambda: "quick_start" in running.app.dialogs and running.app.dialogs["quick_start"].isVisible(),
                    timeout=WAIT_MS)

