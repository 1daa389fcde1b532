"""The main window: tabs, shortcuts, the status line, failed ops, geometry."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from stint.store.db import transaction  # noqa: E402
from stint.store.models import Account, Op, running_entry  # noqa: E402
from stint.ui.ops_dialog import OpsDialog  # noqa: E402
from stint.ui.window import MainWindow  # noqa: E402

from .window_fixtures import add_account, fail_op, make_services, on_next, services  # noqa: E402,F401


def test_tabs_and_shortcuts(services, qtbot):
    services.tracker.create_task("Write", local=True)
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    window.windowHandle().requestActivate()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is window.week
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is window.day
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is window.tasks
    assert window.tasks.search.hasFocus()

    window.tasks.select_task(1)
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    with transaction(services.engine) as s:
        assert running_entry(s).task.title == "Write"
    window.tasks.table.setFocus()
    qtbot.keyClick(window.tasks.table, Qt.Key.Key_Space)
    with transaction(services.engine) as s:
        assert running_entry(s) is None
    assert {name: a.shortcut().toString() for name, a in window.actions_by_name.items()
            if name in ("new_task", "export", "start_stop")} == {
        "new_task": "Ctrl+N", "export": "Ctrl+E", "start_stop": "Ctrl+S"}


def test_status_line_counts_and_ticks(services, qtbot):
    add_account(services)
    t = services.tracker
    t.create_task("Remote", account="work")
    window = MainWindow(services)
    qtbot.addWidget(window)
    status = window.status
    assert status.connection_label.text() == "Online"
    assert status.pending_label.text() == "1 change(s) waiting"
    assert status.failed_button.isHidden()

    t.start("Remote")  # the Tracker's change signal refreshes the line
    assert status.pending_label.text() == "2 change(s) waiting"
    services.clock.advance(65)
    window.tick()
    assert status.timer_label.text() == "▶ Remote — 0:01:05"

    fail_op(services, "create_task", "422: title taken")
    with transaction(services.engine) as s:
        account = s.query(Account).one()
        account.state, account.last_error = "error", "connection refused"
    services.bridge.changed.emit("sync")
    assert status.failed_button.text() == "1 failed" and not status.failed_button.isHidden()
    assert status.pending_label.text() == "1 change(s) waiting"
    assert status.connection_label.text() == "Offline"
    assert "connection refused" in status.connection_label.toolTip()


def test_failed_count_opens_the_ops_dialog(services, qtbot):
    add_account(services)
    services.tracker.create_task("Remote", account="work")
    fail_op(services, "create_task", "422: title taken")
    window = MainWindow(services)
    qtbot.addWidget(window)
    seen: list[list[str]] = []

    def look(dialog: OpsDialog) -> None:
        seen.append([dialog.table.item(0, c).text() for c in range(5)][:3] + [dialog.table.item(0, 4).text()])
        dialog.reject()

    on_next(OpsDialog, look)
    qtbot.mouseClick(window.status.failed_button, Qt.MouseButton.LeftButton)
    assert seen == [["work", "create task", "Remote", "422: title taken"]]


def test_ops_dialog_retry_and_discard(services, qtbot):
    add_account(services)
    t = services.tracker
    t.create_task("One", account="work")
    t.create_task("Two", account="work")
    first = fail_op(services, "create_task", "422: first")
    second = fail_op(services, "create_task", "500: second")
    synced: list[int] = []
    services.bridge.sync_requested.connect(lambda: synced.append(1))
    dialog = OpsDialog(services)
    qtbot.addWidget(dialog)
    assert [op.error for op in dialog.ops] == ["422: first", "500: second"]

    dialog.select_seq(first)
    with qtbot.waitSignal(services.bridge.changed):
        dialog.retry_button.click()
    dialog.select_seq(second)
    dialog.discard_button.click()
    with transaction(services.engine) as s:
        states = {op.seq: (op.state, op.attempts, op.last_error) for op in s.query(Op)}
    assert states[first] == ("pending", 0, None)
    assert states[second][0] == "discarded"
    assert dialog.ops == [] and dialog.table.rowCount() == 0
    assert synced == [1]


def test_geometry_and_tab_are_remembered(tmp_path, qtbot, qapp):
    home = tmp_path / "home"
    first = make_services(home)
    window = MainWindow(first)
    qtbot.addWidget(window)
    window.show()
    window.resize(777, 555)
    window.tabs.setCurrentIndex(2)
    window.close()
    first.engine.dispose()

    again = make_services(home)
    window2 = MainWindow(again)
    qtbot.addWidget(window2)
    assert window2.tabs.currentIndex() == 2
    assert (window2.width(), window2.height()) == (777, 555)
    assert (home / "window.ini").exists()
    again.engine.dispose()


def test_the_window_reads_while_another_process_holds_the_write_lock(services, qtbot):
    """Reads begin deferred: a sync or CLI writer holding the lock (here, with a
    change it has not committed) never makes the window wait for it."""
    import sqlite3

    services.tracker.create_task("Committed", local=True)
    services.tracker.start("Committed")
    writer = sqlite3.connect(services.paths.database, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("INSERT INTO task (title, status_id, created_at, updated_at) VALUES ('Uncommitted', 1, 0, 0)")
    try:
        window = MainWindow(services)
        qtbot.addWidget(window)
        services.bridge.changed.emit("all")  # every view reloads
        assert window.tasks.model.rowCount() == 1
        assert window.day.model.rowCount() == 1
        assert window.status.summary.running_task == "Committed"
        assert services.snapshot().running is not None
    finally:
        writer.execute("ROLLBACK")
        writer.close()
