"""The tray: tooltip, badge, and every menu action."""

from __future__ import annotations

import threading

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QSystemTrayIcon

from stint.domain.sync_state import Badge
from stint.ui.icons import IDLE, RUNNING, Base, TrayLook

from .app_fixtures import add_account, entries, start_app  # noqa: F401

__all__ = ["start_app"]


def _menu(running: Any) -> Any:
    tray = running.app.tray
    tray.menu.aboutToShow.emit()
    return tray


def _set_account(running: Any, account: int, **values: Any) -> None:
    from sqlalchemy import update

    from stint.store.db import transaction
    from stint.store.models import Account

    with transaction(running.services.engine) as s:
        s.execute(update(Account).where(Account.id == account).values(**values))


def test_tooltip_and_badge_follow_the_timer(start_app: Any, qtbot: Any, clock: Any) -> None:
    running = start_app()
    tray = running.app.tray
    assert "Not tracking" in tray.icon.toolTip() and "Today: 0:00" in tray.icon.toolTip()
    assert tray.look == IDLE
    task = running.tracker.create_task("Write report", local=True)
    running.tracker.start(str(task.id))
    qtbot.waitUntil(lambda: "Tracking: Write report — 0:00:00" in tray.icon.toolTip())
    assert tray.look == RUNNING
    clock.advance(3725)
    with qtbot.waitSignal(tray._tick.timeout, timeout=2000):
        pass
    assert "Write report — 1:02:05" in tray.icon.toolTip()
    assert "Today: 1:02" in tray.icon.toolTip()
    running.tracker.stop()
    qtbot.waitUntil(lambda: "Not tracking" in tray.icon.toolTip())
    assert tray.look == IDLE and not tray._tick.isActive()
    assert "Today: 1:02" in tray.icon.toolTip()  # the stopped entry still counts today


def test_todays_total_counts_only_today(start_app: Any, qtbot: Any, clock: Any) -> None:
    from datetime import timedelta

    running = start_app()
    task = running.tracker.create_task("Report", local=True)
    now = clock.now()  # 10:00 in Madrid
    running.tracker.log(str(task.id), now - timedelta(hours=12), now - timedelta(hours=9))  # 22:00-01:00: 1 h today
    running.tracker.log(str(task.id), now - timedelta(days=1, hours=3), now - timedelta(days=1, hours=2))  # yesterday
    running.tracker.start(str(task.id))
    clock.advance(minutes=30)
    running.app.live.refresh()
    assert "Today: 1:30" in running.app.tray.tooltip_text()
    assert _menu(running).action("today").text() == "Today: 1:30"


def test_the_clock_stays_visible_under_every_sync_badge(start_app: Any, qtbot: Any) -> None:
    running = start_app()
    tray = running.app.tray
    account = add_account(running.services.engine, "work")
    task = running.tracker.create_task("Queued task", account="work")
    qtbot.waitUntil(lambda: "1 change waiting to sync" in tray.icon.toolTip())
    assert tray.look == IDLE  # waiting for the next cycle is no trouble
    running.tracker.start(str(task.id))
    for state, error, badge, says in (
            ("offline", "connection refused", Badge.TROUBLE, "work: offline — the server cannot be reached"),
            ("server_trouble", "HTTP 503: maintenance", Badge.TROUBLE, "work: server trouble — HTTP 503: maintenance"),
            ("needs_signin", "HTTP 401", Badge.SIGN_IN, "work: needs sign-in — the server refused the saved credentials"),
            ("needs_secret", "WORK_TOKEN is not set", Badge.SIGN_IN,
             "work: needs its secret — the variable NONE is not set for the app")):
        _set_account(running, account, state=state, last_error=error)
        qtbot.waitUntil(lambda s=says: s in tray.icon.toolTip())  # seen by the database watcher
        assert tray.look == TrayLook(Base.RUNNING, badge) and "Tracking: Queued task" in tray.icon.toolTip()
    _set_account(running, account, state="ok", last_error=None)
    from stint.store.db import transaction
    from stint.store.models import Op

    with transaction(running.services.engine) as s:
        s.query(Op).filter(Op.kind == "create_task").update({"state": "failed", "last_error": "title taken"})
    qtbot.waitUntil(lambda: tray.look == TrayLook(Base.RUNNING, Badge.REFUSED))
    assert "work: 1 change refused by the server" in tray.icon.toolTip()


def test_the_badged_icons_differ_from_the_plain_clock_at_every_size(qapp: Any) -> None:
    from stint.ui.icons import SIZES, tray_icon

    for size in SIZES:
        plain = tray_icon(RUNNING).pixmap(size, size).toImage()
        seen = [plain]
        for badge in Badge:
            image = tray_icon(TrayLook(Base.RUNNING, badge)).pixmap(size, size).toImage()
            assert image.size() == plain.size() and all(image != other for other in seen), (size, badge)
            # The top-left quarter (the clock's face and most of the play triangle) is untouched.
            quarter = size // 2
            assert image.copy(0, 0, quarter, quarter) == plain.copy(0, 0, quarter, quarter), (size, badge)
            seen.append(image)


def test_the_tray_menu_offers_no_shortcut_and_the_sync_actions(start_app: Any, qtbot: Any) -> None:
    running = start_app()
    account = add_account(running.services.engine, "work")
    _set_account(running, account, state="needs_signin", last_error="HTTP 401")
    running.tracker.create_task("One", account="work")
    tray = _menu(running)
    actions = tray.menu.actions()
    assert actions and all(a.shortcut().isEmpty() for a in actions)
    assert tray.action("state-work").text() == "work: needs sign-in — the server refused the saved credentials"
    with qtbot.waitSignal(tray.sign_in_requested) as asked:
        tray.action("signin-work").trigger()
    assert asked.args == ["work"]
    assert tray.action("settings") is not None


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


def test_recent_tasks_follow_the_latest_entries_not_only_the_timer(start_app: Any, qtbot: Any) -> None:
    from datetime import timedelta

    running = start_app()
    tracker, now = running.tracker, running.services.clock.now()
    big = tracker.create_task("The week's big task", local=True)
    timed = tracker.create_task("Timed", local=True)
    done = tracker.create_task("Done already", local=True)
    tracker.create_task("Never tracked", local=True)
    tracker.log(str(timed.id), now - timedelta(days=2), now - timedelta(days=2) + timedelta(minutes=20))
    tracker.log(str(done.id), now - timedelta(hours=3), now - timedelta(hours=2))
    tracker.set_status(str(done.id), "done")
    tracker.log(str(big.id), now - timedelta(hours=8), now - timedelta(hours=4))  # by hand: the Day view
    tray = _menu(running)
    recent = [a.text() for a in tray.menu.actions() if a.objectName().startswith("recent-")]
    assert recent == ["The week's big task", "Timed", "Never tracked"]


def test_changes_held_back_by_server_trouble_are_one_click_away(start_app: Any, qtbot: Any) -> None:
    running = start_app()
    account = add_account(running.services.engine, "work")
    running.tracker.create_task("One", account="work")
    running.tracker.create_task("Two", account="work")
    _set_account(running, account, state="server_trouble", last_error="HTTP 503: maintenance")
    tray = _menu(running)
    names = [a.objectName() for a in tray.menu.actions()]
    # Under the account's state, once; the count is not said twice.
    assert names.count("waiting-work") == 1 and "waiting" not in names
    assert names.index("waiting-work") == names.index("state-work") + 1
    assert tray.action("waiting-work").text() == "2 changes waiting to sync…"
    with qtbot.waitSignal(tray.failed_changes_requested):
        tray.action("waiting-work").trigger()
    _set_account(running, account, state="ok", last_error=None)
    assert _menu(running).action("waiting-work") is None  # waiting for the next cycle is no trouble


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
    assert not action.isEnabled() and "no server account yet" in action.text()
    add_account(running.services.engine)
    action = _menu(running).action("sync")
    assert action.isEnabled() and "Sync now" in action.text().replace("&", "")


def test_sync_now_runs_a_forced_cycle_off_the_gui_thread(start_app: Any, qtbot: Any) -> None:
    running = start_app()
    add_account(running.services.engine)
    running.app.live.refresh()
    action = _menu(running).action("sync")
    assert action.isEnabled() and action.text() == "S&ync now"
    assert running.app.tray.action("state-work").text() == "work: not synced yet"
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
