"""The main window: tabs, shortcuts, the status line, failed ops, geometry."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QKeySequence  # noqa: E402
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
    qtbot.keyClick(window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    with transaction(services.engine) as s:
        assert running_entry(s).task.title == "Write"
    window.tasks.table.setFocus()
    qtbot.keyClick(window.tasks.table, Qt.Key.Key_Space)
    with transaction(services.engine) as s:
        assert running_entry(s) is None
    assert {name: a.shortcut().toString() for name, a in window.actions_by_name.items()
            if name in ("new_task", "export", "start_stop", "quit", "search")} == {
        "new_task": "Ctrl+N", "export": "Ctrl+E", "start_stop": "Ctrl+T", "quit": "Ctrl+Q", "search": "Ctrl+F"}
    standard = QKeySequence.StandardKey  # the platform's own: Ctrl+W or Ctrl+F4, F5 and Ctrl+R…
    assert window.actions_by_name["close"].shortcuts() == QKeySequence.keyBindings(standard.Close)
    assert not any(a.shortcut().toString() == "Ctrl+S" for a in window.actions_by_name.values())  # Save's


def test_the_start_stop_key_with_nothing_selected_never_stops_the_timer(services, qtbot):
    task = services.tracker.create_task("Write", local=True)
    services.tracker.start(str(task.id))
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    window.tasks.table.clearSelection()
    window.actions_by_name["start_stop"].trigger()
    window.tasks.table.setFocus()
    qtbot.keyClick(window.tasks.table, Qt.Key.Key_Space)
    with transaction(services.engine) as s:
        assert running_entry(s) is not None  # still running
    assert window.tasks.notice.plain() == "Select a task to start or stop its timer."
    window.actions_by_name["stop"].trigger()  # Stop timer says what it does
    with transaction(services.engine) as s:
        assert running_entry(s) is None


def test_the_usual_menus(services, qtbot):
    from PySide6.QtGui import QAction, QKeySequence

    window = MainWindow(services)
    qtbot.addWidget(window)
    menus = {a.text(): [x.text() for x in a.menu().actions() if x.text()] for a in window.menuBar().actions()}
    assert list(menus) == ["&File", "&Edit", "&Tracking", "&View", "&Help"]
    assert "&Quit" in menus["&File"] and "&Preferences…" in menus["&Edit"] and "&About Stint" in menus["&Help"]
    actions = window.actions_by_name
    assert actions["quit"].menuRole() is QAction.MenuRole.QuitRole
    assert actions["settings"].menuRole() is QAction.MenuRole.PreferencesRole
    assert actions["sync"].shortcuts() == QKeySequence.keyBindings(QKeySequence.StandardKey.Refresh)
    with qtbot.waitSignal(services.bridge.quit_requested):
        actions["quit"].trigger()


def test_about_names_the_version_and_the_folders(services, qtbot):
    from stint import __version__
    from stint.ui.about import AboutDialog

    dialog = AboutDialog(services)
    qtbot.addWidget(dialog)
    text = dialog.text.text()
    assert f"Stint {__version__}" in text
    for folder in (services.paths.data, services.paths.config, services.paths.logs):
        assert str(folder) in text


def test_status_line_counts_and_ticks(services, qtbot):
    add_account(services)
    t = services.tracker
    t.create_task("Remote", account="work")
    window = MainWindow(services)
    qtbot.addWidget(window)
    status = window.status
    assert status.connection_label.text() == "Waiting to sync"
    assert status.connection_label.toolTip() == "work: 1 change waiting to sync"
    assert status.pending_label.text() == "1 change waiting to sync"
    assert status.failed_button.isHidden() and status.sign_in_button.isHidden()

    t.start("Remote")  # the Tracker's change signal refreshes the line
    assert status.pending_label.text() == "2 changes waiting to sync"
    services.clock.advance(65)
    window.tick()
    assert status.timer_label.text() == "▶ Remote — 0:01:05 · today 0:01"

    fail_op(services, "create_task", "422: title taken")
    with transaction(services.engine) as s:
        account = s.query(Account).one()
        account.state, account.last_error = "offline", "connection refused"
    services.bridge.changed.emit("sync")
    assert status.failed_button.text() == "1 refused" and not status.failed_button.isHidden()
    assert status.pending_label.text() == "1 change waiting to sync"
    assert status.connection_label.text() == "1 change refused"
    assert status.connection_label.toolTip() == ("work: offline — the server cannot be reached\n"
                                                 "work: 1 change refused by the server")


def test_the_status_line_says_what_the_tray_says_and_offers_sign_in(services, qtbot):
    add_account(services)
    window = MainWindow(services)
    qtbot.addWidget(window)
    status = window.status
    for state, error, short in (("server_trouble", "HTTP 503: maintenance", "Server trouble"),
                                ("offline", "timed out", "Offline"),
                                ("needs_signin", "HTTP 401", "Needs sign-in")):
        with transaction(services.engine) as s:
            account = s.query(Account).one()
            account.state, account.last_error = state, error
        services.bridge.changed.emit("sync")
        assert status.connection_label.text() == short
    assert status.connection_label.toolTip() == "work: needs sign-in — the server refused the saved credentials"
    assert status.sign_in_button.isVisibleTo(window) and status.sign_in_button.text() == "Sign in to work…"
    with qtbot.waitSignal(services.bridge.sign_in_requested) as asked:
        status.sign_in_button.click()
    assert asked.args == ["work"]


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
        assert window.status.snapshot.running is not None and window.status.snapshot.running.title == "Committed"
        assert services.snapshot().running is not None
    finally:
        writer.execute("ROLLBACK")
        writer.close()


def test_changes_held_back_by_server_trouble_are_listed_with_the_error(services, qtbot):
    """A 5xx storm: nothing is refused, but what waits is listed, with the server's
    message and the next try, and the status line's waiting count opens the list."""
    from datetime import datetime, timezone

    add_account(services)
    services.tracker.create_task("Remote", account="work")
    services.tracker.create_task("Second", account="work")
    next_try = datetime(2026, 3, 2, 9, 5, tzinfo=timezone.utc)
    with transaction(services.engine) as s:
        account = s.query(Account).one()
        account.state, account.last_error, account.next_sync_at = "server_trouble", "HTTP 503: maintenance", next_try
        first = s.query(Op).order_by(Op.seq).first()
        first.last_error = "HTTP 502: bad gateway"  # the op that was sent, kept with its own error
    services.bridge.changed.emit("sync")
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    assert window.status.pending_label.isVisible() and window.status.pending_label.text() == \
        "2 changes waiting to sync"
    seen: list[list[list[str]]] = []

    def look(dialog: OpsDialog) -> None:
        table = dialog.waiting_table
        seen.append([[table.item(r, c).text() for c in range(5)] for r in range(table.rowCount())])
        assert not dialog.table.isVisible() and table.isVisible()  # nothing refused: only what waits
        assert dialog.windowTitle() == "Changes waiting to be sent" and not dialog.retry_button.isVisible()
        dialog.reject()

    on_next(OpsDialog, look)
    qtbot.mouseClick(window.status.pending_label, Qt.MouseButton.LeftButton)
    when = f"{next_try.astimezone(services.tz):%Y-%m-%d %H:%M}"
    assert seen == [[["work", "create task", "Remote", when, "HTTP 502: bad gateway"],
                     ["work", "create task", "Second", when, "HTTP 503: maintenance"]]]
    # Up to date again: nothing is held back.
    with transaction(services.engine) as s:
        s.query(Account).one().state = "ok"
        s.query(Op).update({"state": "done", "last_error": None})
    assert OpsDialog(services).waiting == []
