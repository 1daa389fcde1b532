"""The Tasks tab: the Qt model at 10,000 tasks, filters, start/stop, status changes."""

from __future__ import annotations

import os
from datetime import timedelta

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QColor  # noqa: E402

from stint.store.db import transaction  # noqa: E402
from stint.store.models import Op, Task, running_entry  # noqa: E402
from stint.ui.task_model import STATUS, STATUS_COLOR_ROLE, TRACKED, TaskFilterProxy, TaskTableModel, load_task_rows  # noqa: E402
from stint.ui.tasks_view import TasksView, contrast_text  # noqa: E402

from .window_fixtures import T0, add_account, bulk_tasks, services  # noqa: E402,F401


def _visible_titles(proxy: TaskFilterProxy) -> list[str]:
    return [proxy.index(r, 0).data() for r in range(proxy.rowCount())]


def test_ten_thousand_tasks_build_and_filter(services, qtbot):
    bulk_tasks(services, 10_000)
    view = TasksView(services)
    qtbot.addWidget(view)
    proxy = view.proxy
    assert proxy.rowCount() == 10_000

    view.search.setText("task 0999")  # matches Task 09990..09999
    assert sorted(_visible_titles(proxy)) == [f"Task {i:05d}" for i in range(9990, 10_000)]

    view.search.setText("gamma")  # the project matches too
    assert proxy.rowCount() == len([i for i in range(10_000) if i % 7 == 0])

    view.pending_only.setChecked(True)
    assert proxy.rowCount() == len([i for i in range(10_000) if i % 7 == 0 and i % 10 != 0])

    view.search.clear()
    view.pending_only.setChecked(False)
    view.status_filter.setCurrentIndex(view.status_filter.findData("Done"))
    assert proxy.rowCount() == 1000
    assert {proxy.index(r, STATUS).data() for r in range(proxy.rowCount())} == {"Done"}


def test_tracked_totals_come_from_entries_and_the_running_timer_ticks(services, qtbot):
    tracker = services.tracker
    tracker.create_task("Design", project="Site", local=True)
    tracker.create_task("Review", local=True)
    tracker.start("Design")
    services.clock.advance(1800)
    tracker.start("Review")  # stops Design after 0:30
    services.clock.advance(600)

    view = TasksView(services)
    qtbot.addWidget(view)
    model = view.model
    tracked = {model.row_at(r).title: model.index(r, TRACKED).data() for r in range(model.rowCount())}
    assert tracked == {"Design": "0:30", "Review": "0:10"}
    assert model.index(model.row_of(2), 0).data(Qt.ItemDataRole.FontRole).bold()

    with qtbot.waitSignal(model.dataChanged):
        view.tick(services.clock.advance(60 * 5))
    assert model.index(model.row_of(2), TRACKED).data() == "0:15"


def test_start_and_stop_from_the_tab(services, qtbot):
    services.tracker.create_task("Write docs", local=True)
    view = TasksView(services)
    qtbot.addWidget(view)
    assert view.select_task(1)
    assert view.start_button.text() == "Start"

    qtbot.mouseClick(view.start_button, Qt.MouseButton.LeftButton)
    with transaction(services.engine) as s:
        entry = running_entry(s)
        assert entry is not None and entry.task_id == 1
    assert view.start_button.text() == "Stop"
    assert view.model.running_task_id == 1

    services.clock.advance(90)
    qtbot.mouseClick(view.start_button, Qt.MouseButton.LeftButton)
    with transaction(services.engine) as s:
        assert running_entry(s) is None
    assert view.start_button.text() == "Start"
    assert view.model.running_task_id is None


def test_double_click_starts(services, qtbot):
    services.tracker.create_task("A", local=True)
    services.tracker.create_task("B", local=True)
    view = TasksView(services)
    qtbot.addWidget(view)
    view.show()
    view.select_task(2)
    index = view.table.selectionModel().selectedRows()[0]
    rect = view.table.visualRect(index)
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with transaction(services.engine) as s:
        assert running_entry(s).task_id == 2


def test_status_change_uses_the_tasks_account_statuses(services, qtbot):
    add_account(services)
    services.tracker.create_task("Remote one", account="work")
    view = TasksView(services)
    qtbot.addWidget(view)
    assert view.status_choices(1) == [("OPEN", "Open"), ("IN_PROGRESS", "Doing"), ("CLOSED", "Closed")]
    view.select_task(1)
    menu = view._status_menu()
    [doing] = [a for a in menu.actions() if a.text() == "Doing"]
    doing.trigger()

    with transaction(services.engine) as s:
        assert s.get(Task, 1).status.name == "IN_PROGRESS"
        assert [op.kind for op in s.query(Op).order_by(Op.seq)] == ["create_task", "set_status"]
    row = view.model.row_of(1)
    assert view.model.index(row, STATUS).data() == "Doing"
    assert view.model.index(row, STATUS).data(STATUS_COLOR_ROLE) == QColor("#ffdd00")


def test_refused_start_is_shown(services, qtbot):
    services.tracker.create_task("A", local=True)
    services.tracker.create_task("B", local=True)
    services.tracker.log("A", T0 - timedelta(hours=1), T0 + timedelta(hours=1))
    view = TasksView(services)
    qtbot.addWidget(view)
    view.start_task(2)
    assert "already covers this moment" in view.notice.text()
    with transaction(services.engine) as s:
        assert running_entry(s) is None


def test_unchanged_refresh_does_not_reset(services, qtbot):
    services.tracker.create_task("A", local=True)
    model = TaskTableModel()
    rows, running = load_task_rows(services.db)
    model.set_rows(rows, running, T0)
    resets: list[int] = []
    model.modelReset.connect(lambda: resets.append(1))
    model.set_rows(*load_task_rows(services.db), T0)
    assert resets == []


def test_contrast_text():
    assert contrast_text(QColor("#ffdd00")) == QColor(Qt.GlobalColor.black)
    assert contrast_text(QColor("#222222")) == QColor(Qt.GlobalColor.white)
