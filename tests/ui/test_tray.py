"""The tray: tooltip, badge, and every menu action."""

from __future__ import annotations

import threading

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QSystemTrayIcon

from stint.ui.icons import TrayState

from .app_fixtures import add_account, entries, start_app  # noqa: F401

__all__ = ["start_app"]


def _menu(running: Any) -> Any:
    tray = running.app.tray
    tray.menu.aboutToShow.emit()
    return tray


def test_tooltip_and_badge_follow_the_timer(start_app: Any, qtbot: Any, clock: Any) -> None:
    running = start_app()
    tray = running.app.tray
    assert "Not tracking" in tray.icon.toolTip()
    assert tray.state is TrayState.IDLE
    task = running.tracker.create_task("Write report", local=True)
    running.tracker.start(str(task.id))
    qtbot.waitUntil(lambda: "Tracking: Write report — 0:00:00" in tray.icon.toolTip())
    assert tray.state is TrayState.RUNNING
    clock.advance(3725)
    with qtbot.waitSignal(tray._tick.timeout, timeout=2000):
        pass
    assert "Write report — 1:02:05" in tray.icon.toolTip()
    running.tracker.stop()
    qtbot.waitUntil(lambda: "Not tracking" in tray.icon.toolTip())
    assert tray.state is TrayState.IDLE and not tray._tick.isActive()


def test_badge_shows_pending_and_errors(start_app: Any, qtbot: Any) -> None:
    running = start_app()
    tray = running.app.tray
    account = add_account(running.services.engine, "work")
    running.tracker.create_task("Queued task", account="work")
    qtbot.waitUntil(lambda: tray.state is TrayState.PENDING)
    assert "1 change(s) waiting to sync" in tray.icon.toolTip()
    from stint.store.db import transaction
    from stint.store.models import Account

    with transaction(running.services.engine) as s:
        s.get(Account, account).state = "needs_signin"
    qtbot.waitUntil(lambda: tray.state is TrayState.ERROR)  # seen by the database watcher
    assert "work: sign in again" in tray.icon.toolTip()


def test_stop_and_recent_tasks(start_app: Any, qtbot: Any) -> None:
    running = start_app()
    tracker = running.tracker
    first = tracker.create_task("First", local=True)
    second = tracker.create_task("Second", project="Acme", local=True)
    tracker.start(str(first.id))
    tray = _menu(running)
    assert tray.action("running").text().startswith("▶ First")
    assert not tray.action("running").isEnabled()
    assert tray.action(f"recent-{first.id}").isChecked()
    assert tray.action(f"recent-{second.id}").text() == "Second  (Acme)"
    running.services.clock.advance(minutes=5)
    tray.action("stop").trigger()
    assert entries(running.services.engine)[-1][2] is not None
    tray = _menu(running)
    assert tray.action("stop") is None and tray.action("running").text() == "Not tracking"
    tray.action(f"recent-{second.id}").trigger()
    assert entries(running.services.engine)[-1][0] == second.id
    assert entries(running.services.engine)[-1][2] is None
    # Recently started first, at most eight.
    for n in range(10):
        tracker.create_task(f"Other {n}", local=True)
    tray = _menu(running)
    recent = [a for a in tray.menu.actions() if a.objectName().startswith("recent-")]
    assert len(recent) == 8 and recent[0].objectName() == f"recent-{second.id}"


def test_start_task_search_picks_and_starts(start_app: Any, qtbot: Any) -> None:
    running = start_app()
    for title in ("Alpha review", "Beta report", "Gamma report"):
        running.tracker.create_task(title, local=True)
    _menu(running).action("start-task").trigger()
    dialog = running.app.dialogs["quick_start"]
    assert dialog.isVisible()
    qtbot.keyClicks(dialog.search, "report")
    assert dialog.list.count() == 2
    qtbot.keyClick(dialog.search, Qt.Key.Key_Down)
    picked = dialog.list.currentItem().text()
    qtbot.keyClick(dialog.search, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    tray = _menu(running)
    assert tray.action("running").text().startswith("▶ " + picked.split("   [")[0])


def test_new_task_dialog_creates_and_starts(start_app: Any, qtbot: Any) -> None:
    running = start_app()
    _menu(running).action("new-task").trigger()
    dialog = running.app.dialogs["new_task"]
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    qtbot.keyClicks(dialog.title, "Plan sprint")
    qtbot.keyClicks(dialog.project, "Acme")
    assert dialog.where.currentData() == ""  # no account: local only
    dialog.start_now.setChecked(True)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    tray = _menu(running)
    assert tray.action("running").text().startswith("▶ Plan sprint")


def test_new_task_dialog_shows_errors_inline(start_app: Any, qtbot: Any) -> None:
    running = start_app()
    _menu(running).action("new-task").trigger()
    dialog = running.app.dialogs["new_task"]
    qtbot.keyClicks(dialog.title, "x" * 300)
    dialog.create()
    assert dialog.isVisible() and "at most 255" in dialog.error.plain()


def test_open_toggle_and_quit(start_app: Any, qtbot: Any) -> None:
    running = start_app()
    app = running.app
    _menu(running).action("open").trigger()
    assert app.window is not None and app.window.isVisible()
    app.tray.icon.activated.emit(QSystemTrayIcon.ActivationReason.Trigger)
    assert not app.window.isVisible()
    app.tray.icon.activated.emit(QSystemTrayIcon.ActivationReason.Trigger)
    assert app.window.isVisible()
    _menu(running).action("quit").trigger()
    assert running.quits == [True]


def test_sync_now_is_disabled_without_an_account_and_says_why(start_app: Any) -> None:
    running = start_app()
    action = _menu(running).action("sync")
    assert not action.isEnabled() and "no server account" in action.text()
    add_account(running.services.engine)
    action = _menu(running).action("sync")
    assert action.isEnabled() and "Sync now" in action.text().replace("&", "")


def test_sync_now_runs_a_forced_cycle_off_the_gui_thread(start_app: Any, qtbot: Any) -> None:
    running = start_app()
    add_account(running.services.engine)
    running.app.live.refresh()
    action = _menu(running).action("sync")
    assert action.isEnabled() and "last: never, 0 waiting" in action.text()
    with qtbot.waitSignal(running.services.bridge.sync_finished):
        action.trigger()
    assert running.syncs[-1] is True  # forced


def test_local_changes_and_the_interval_start_cycles(start_app: Any, qtbot: Any) -> None:
    running = start_app()
    sync = running.app.sync
    assert not sync.request()  # no account: nothing to run
    add_account(running.services.engine)
    running.app.live.refresh()
    # The first local change with an account starts the job; its first cycle runs at once.
    with qtbot.waitSignal(running.services.bridge.sync_finished):
        running.tracker.create_task("Queued", account="work")
    assert running.syncs == [False]
    qtbot.waitUntil(lambda: not sync.busy)
    # Asked again while a cycle runs: one more cycle afterwards, not two at once.
    running.gate = threading.Event()
    assert sync.request()
    qtbot.waitUntil(lambda: len(running.syncs) == 2 and sync.busy)
    assert sync.request() and sync.request()
    running.gate.set()
    qtbot.waitUntil(lambda: len(running.syncs) == 3 and not sync.busy)


def test_a_refused_action_is_reported(start_app: Any, qtbot: Any) -> None:
    running = start_app()
    task = running.tracker.create_task("Only", local=True)
    running.tracker.start(str(task.id))
    tray = _menu(running)
    running.tracker.stop()  # elsewhere, while the menu is open: its Stop is stale now
    with qtbot.waitSignal(running.app.notifier.notified) as blocker:
        tray.action("stop").trigger()
    assert "no timer is running" in blocker.args[2]
