"""Quitting with a timer running asks: keep it running, stop it now, or cancel."""

from __future__ import annotations

from typing import Any

import pytest

from .app_fixtures import answer_quit, entries, start_app  # noqa: F401

__all__ = ["start_app"]


def _running(running: Any, clock: Any) -> None:
    task = running.tracker.create_task("Write report", local=True)
    running.tracker.start(str(task.id))
    clock.advance(minutes=42)


@pytest.mark.parametrize("choice, quits, still_running", [
    ("&Keep it running", [True], True),
    ("&Stop it and quit", [True], False),
    ("Cancel", [], True),
])
def test_quit_with_a_timer_running_asks(start_app: Any, clock: Any, choice: str, quits: list[bool],
                                        still_running: bool) -> None:
    running = start_app()
    _running(running, clock)
    seen: list[str] = []
    answer_quit(choice, seen)
    running.app.tray.menu.aboutToShow.emit()
    running.app.tray.action("quit").trigger()
    assert seen == ["“Write report” is running (0:42:00)."]
    assert running.quits == quits
    assert (entries(running.services.engine)[-1][2] is None) is still_running


def test_quit_without_a_timer_asks_nothing(start_app: Any) -> None:
    running = start_app()
    running.app.quit_by_person()
    assert running.quits == [True]


def test_closing_the_trayless_window_with_a_timer_can_be_cancelled(start_app: Any, clock: Any) -> None:
    running = start_app(tray=False)
    _running(running, clock)
    window = running.app.window
    answer_quit("Cancel")
    window.close()
    assert window.isVisible() and running.quits == []
    answer_quit("&Keep it running")
    window.close()
    assert running.quits == [True] and entries(running.services.engine)[-1][2] is None
