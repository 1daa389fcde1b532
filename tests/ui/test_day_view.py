"""The Day tab: each entry's part of the day (against hand-computed values), the
timeline (a click on a gap, a dragged edge), what Add proposes, and add, edit and
delete through the dialog.

The week by hand (Madrid, UTC+1 in March 2026):

    Thu 5   09:00–12:30  Alpha · Build   3:30
            13:30–15:00  Review          1:30
            22:30–24:00→ Write           1:30   (the entry runs to Fri 01:15)
                                  total  6:30
    Fri 6   →00:00–01:15 Write           1:15
            08:00–09:45  Review          1:45
            10:30–running Alpha · Build  0:10   (clock at 10:40)
                                  total  3:10
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from datetime import date, datetime, timedelta, timezone  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import QPoint, Qt  # noqa: E402
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox  # noqa: E402

from stint.store.db import transaction  # noqa: E402
from stint.store.models import Entry  # noqa: E402
from stint.ui.day_view import DURATION, END, NOTE, START, SYNC, TASK, DayView  # noqa: E402
from stint.ui.entry_dialog import EntryDialog, from_qdatetime, to_qdatetime  # noqa: E402

from .window_fixtures import TZ, add_account, answer_box, on_next, services  # noqa: E402,F401


def _utc(hour: int, minute: int = 0, day: int = 2) -> datetime:
    """A Madrid wall-clock time on March `day` 2026 as UTC (Madrid is UTC+1 then)."""
    return datetime(2026, 3, day, hour, minute, tzinfo=TZ).astimezone(timezone.utc)


def _entries(services) -> list[tuple[str, datetime, datetime | None, str]]:
    with transaction(services.engine) as s:
        return [(e.task.title, e.started_at, e.ended_at, e.note)
                for e in s.query(Entry).filter(Entry.deleted.is_(False)).order_by(Entry.started_at)]


def _ok(dialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def _table(view: DayView) -> list[tuple[str, str, str, str]]:
    m = view.model
    return [tuple(m.index(r, c).data() for c in (TASK, START, END, DURATION)) for r in range(m.rowCount())]


@pytest.fixture
def week(services):
    t = services.tracker
    t.create_task("Build", project="Alpha", local=True)
    t.create_task("Review", local=True)
    t.create_task("Write", local=True)
    services.clock.set(_utc(10, 30, day=6))
    t.log("Build", _utc(9, day=5), _utc(12, 30, day=5), "wireframes")
    t.log("Review", _utc(13, 30, day=5), _utc(15, day=5))
    t.log("Write", _utc(22, 30, day=5), _utc(1, 15, day=6), "night\nshift")
    t.log("Review", _utc(8, day=6), _utc(9, 45, day=6))
    t.start("Build")  # 10:30 Friday
    services.clock.advance(minutes=10)
    return services


def test_an_entry_across_midnight_shows_its_part_on_each_day(week, qtbot):
    view = DayView(week)
    qtbot.addWidget(view)
    assert view.day == date(2026, 3, 6)
    assert _table(view) == [("Write", "→00:00", "01:15", "1:15:00"), ("Review", "08:00", "09:45", "1:45:00"),
                            ("Alpha · Build", "10:30", "running", "0:10:00")]
    assert view.total_label.text() == "Total: 3:10:00"
    assert view.model.index(0, START).data(Qt.ItemDataRole.ToolTipRole) == "Began on Thu 5 Mar at 22:30"
    assert view.model.index(0, NOTE).data() == "night shift"  # one line; the tooltip keeps the note whole
    assert view.model.index(0, NOTE).data(Qt.ItemDataRole.ToolTipRole) == "night\nshift"
    assert view.model.index(0, SYNC).data() == "local task"

    view.tick(week.clock.advance(minutes=5))  # the running entry counts live, and the total with it
    assert view.model.index(2, DURATION).data() == "0:15:00"
    assert view.total_label.text() == "Total: 3:15:00"

    view.shift(-1)
    assert _table(view) == [("Alpha · Build", "09:00", "12:30", "3:30:00"), ("Review", "13:30", "15:00", "1:30:00"),
                            ("Write", "22:30", "24:00→", "1:30:00")]
    assert view.total_label.text() == "Total: 6:30:00"  # the rows add up to it: 3:30 + 1:30 + 1:30
    assert view.model.index(2, END).data(Qt.ItemDataRole.ToolTipRole) == "Goes on until Fri 6 Mar at 01:15"


def test_a_sync_state_that_needs_a_look_is_marked_and_explained(week, qtbot):
    with transaction(week.engine) as s:
        s.query(Entry).filter(Entry.started_at == _utc(8, day=6)).one().sync = "failed"
    view = DayView(week)
    qtbot.addWidget(view)
    failed, fine = view.model.index(1, SYNC), view.model.index(0, SYNC)
    assert failed.data() == "failed" and fine.data() == "local task"
    assert failed.data(Qt.ItemDataRole.DecorationRole) is not None
    assert failed.data(Qt.ItemDataRole.ToolTipRole) == "failed — the server rejected this time; it is kept only here"
    assert fine.data(Qt.ItemDataRole.DecorationRole) is None and fine.data(Qt.ItemDataRole.ToolTipRole) is None


def test_a_timer_running_across_midnight_counts_on_both_days(services, qtbot):
    services.tracker.create_task("Night", local=True)
    services.clock.set(_utc(23, day=5))
    services.tracker.start("Night")
    services.clock.set(_utc(0, 30, day=6))
    view = DayView(services)
    qtbot.addWidget(view)
    assert _table(view) == [("Night", "→00:00", "running", "0:30:00")]
    view.shift(-1)
    assert _table(view) == [("Night", "23:00", "24:00→", "1:00:00")]
    assert view.model.index(0, END).data(Qt.ItemDataRole.ToolTipRole) == "Still running"


def test_columns_a_person_can_read(services, qtbot):
    title = "Design the onboarding flow for the enterprise customers of the northern region"
    services.tracker.create_task(title, project="Acme", local=True)
    services.tracker.log("1", _utc(8), _utc(9))
    view = DayView(services)
    qtbot.addWidget(view)
    view.resize(700, 400)
    view.show()
    qtbot.waitExposed(view)
    headers = [view.model.headerData(c, Qt.Orientation.Horizontal) for c in range(view.model.columnCount())]
    assert headers == ["Project · task", "Start", "End", "Duration", "Note", "Sync"]
    assert view.table.textElideMode() == Qt.TextElideMode.ElideMiddle
    assert view.table.columnWidth(TASK) < view.table.fontMetrics().horizontalAdvance(f"Acme · {title}")
    assert view.model.index(0, TASK).data(Qt.ItemDataRole.ToolTipRole) == f"Acme · {title}\nAccount: local"
    assert view.date_edit.text() == "Monday 2026-03-02"  # the date says its weekday


def test_add_proposes_the_time_after_the_last_entry_up_to_now(week, qtbot):
    view = DayView(week)
    qtbot.addWidget(view)
    proposed: list[tuple[datetime, datetime]] = []

    def read(dialog: EntryDialog) -> None:
        proposed.append((from_qdatetime(dialog.start.dateTime(), TZ), from_qdatetime(dialog.end.dateTime(), TZ)))
        dialog.reject()

    on_next(EntryDialog, read)
    view.add_entry()  # Build runs since 10:30: the latest gap, 09:45–10:30
    week.tracker.stop()
    week.clock.advance(minutes=20)  # stopped at 10:40, now 11:00
    on_next(EntryDialog, read)
    view.add_entry()
    assert proposed == [(_utc(9, 45, day=6), _utc(10, 30, day=6)), (_utc(10, 40, day=6), _utc(11, day=6))]


def test_a_duration_sets_the_end(week, qtbot):
    view = DayView(week)
    qtbot.addWidget(view)
    dialog = view.entry_dialog()
    qtbot.addWidget(dialog)
    dialog.set_times(_utc(6, day=6), _utc(7, day=6))
    assert dialog.duration.text() == "1:00"
    dialog.duration.clear()
    qtbot.keyClicks(dialog.duration, "90m")
    assert from_qdatetime(dialog.end.dateTime(), TZ) == _utc(7, 30, day=6)
    dialog.duration.clear()
    qtbot.keyClicks(dialog.duration, "1:15")
    _ok(dialog)
    assert ("Build", _utc(6, day=6), _utc(7, 15, day=6), "") in _entries(week)
    dialog = view.entry_dialog()
    qtbot.addWidget(dialog)
    dialog.set_times(_utc(4, day=6), _utc(5, day=6))
    dialog.duration.setText("an hour")
    _ok(dialog)
    assert "not a duration" in dialog.notice.text() and dialog.result() != dialog.DialogCode.Accepted
    assert len(_entries(week)) == 6


def _y(view: DayView, moment: datetime) -> int:
    return round(view.timeline.y_of(moment))


def _click(qtbot, view: DayView, moment: datetime) -> None:
    qtbot.mouseClick(view.timeline, Qt.MouseButton.LeftButton, pos=QPoint(view.timeline.width() - 20, _y(view, moment)))


@pytest.fixture
def shown(week, qtbot):
    view = DayView(week)
    qtbot.addWidget(view)
    view.resize(900, 1000)  # about 40 px an hour: room to aim
    view.show()
    qtbot.waitExposed(view)
    return view


def test_a_click_on_a_gap_proposes_an_entry_there(shown, qtbot):
    proposed: list[tuple[datetime, datetime]] = []

    def read(dialog: EntryDialog) -> None:
        proposed.append((from_qdatetime(dialog.start.dateTime(), TZ), from_qdatetime(dialog.end.dateTime(), TZ)))
        dialog.reject()

    on_next(EntryDialog, read)
    _click(qtbot, shown, _utc(9, 59, day=6))  # the short gap 09:45–10:30: all of it
    qtbot.waitUntil(lambda: len(proposed) == 1)
    on_next(EntryDialog, read)
    _click(qtbot, shown, _utc(4, 40, day=6))  # the long night gap: an hour from 04:30
    qtbot.waitUntil(lambda: len(proposed) == 2)
    assert proposed == [(_utc(9, 45, day=6), _utc(10, 30, day=6)), (_utc(4, 30, day=6), _utc(5, 30, day=6))]
    _click(qtbot, shown, _utc(8, 30, day=6))  # on an entry: selects it, proposes nothing
    assert shown.selected().task == "Review"


def test_dragging_an_edge_changes_that_time(shown, qtbot, week):
    timeline, x = shown.timeline, shown.timeline.width() - 20
    qtbot.mousePress(timeline, Qt.MouseButton.LeftButton, pos=QPoint(x, _y(shown, _utc(9, 45, day=6))))
    qtbot.mouseMove(timeline, QPoint(x, _y(shown, _utc(10, 2, day=6))))
    qtbot.mouseRelease(timeline, Qt.MouseButton.LeftButton, pos=QPoint(x, _y(shown, _utc(10, 2, day=6))))
    assert ("Review", _utc(8, day=6), _utc(10, day=6), "") in _entries(week)  # snapped to 10:00

    qtbot.mousePress(timeline, Qt.MouseButton.LeftButton, pos=QPoint(x, _y(shown, _utc(10, day=6))))
    qtbot.mouseMove(timeline, QPoint(x, _y(shown, _utc(11, 30, day=6))))
    qtbot.mouseRelease(timeline, Qt.MouseButton.LeftButton, pos=QPoint(x, _y(shown, _utc(11, 30, day=6))))
    assert ("Review", _utc(8, day=6), _utc(10, 30, day=6), "") in _entries(week)  # stopped by Build at 10:30

    start = _y(shown, _utc(8, day=6))
    qtbot.mousePress(timeline, Qt.MouseButton.LeftButton, pos=QPoint(x, start))
    qtbot.mouseMove(timeline, QPoint(x, _y(shown, _utc(7, 20, day=6))))
    qtbot.mouseRelease(timeline, Qt.MouseButton.LeftButton, pos=QPoint(x, _y(shown, _utc(7, 20, day=6))))
    assert ("Review", _utc(7, 20, day=6), _utc(10, 30, day=6), "") in _entries(week)
    assert _table(shown)[1] == ("Review", "07:20", "10:30", "3:10:00")


def test_where_two_entries_touch_each_edge_can_be_dragged(shown, qtbot, week):
    review = next(p.span.entry_id for p in shown.model.parts if p.span.task == "Review")
    week.tracker.split_entry(review, _utc(9, day=6))  # Review 08:00–09:00 and 09:00–09:45, touching
    timeline, x, line = shown.timeline, shown.timeline.width() - 20, _y(shown, _utc(9, day=6))
    first, second = (p for p in shown.model.parts if p.span.task == "Review")
    assert timeline.edge_at(line - 2) == (first, "end")
    assert timeline.edge_at(line + 2) == (second, "start")

    qtbot.mousePress(timeline, Qt.MouseButton.LeftButton, pos=QPoint(x, line + 2))
    qtbot.mouseMove(timeline, QPoint(x, _y(shown, _utc(9, 20, day=6))))
    qtbot.mouseRelease(timeline, Qt.MouseButton.LeftButton, pos=QPoint(x, _y(shown, _utc(9, 20, day=6))))
    reviews = [e[1:3] for e in _entries(week) if e[0] == "Review" and e[1].day == 6]
    assert reviews == [(_utc(8, day=6), _utc(9, day=6)), (_utc(9, 20, day=6), _utc(9, 45, day=6))]


def test_edit_moves_an_entry_to_another_task_picked_by_typing(week, qtbot):
    view = DayView(week)
    qtbot.addWidget(view)
    view.select_entry(view.model.parts[1].span.entry_id)  # Review 08:00–09:45
    dialog = view.entry_dialog(view.selected())
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.task.lineEdit().clear()
    qtbot.keyClicks(dialog.task.lineEdit(), "alpha · bu")  # any part of project or title, any case
    assert dialog.task.completer().currentCompletion() == "Alpha · Build"
    dialog.task.setCurrentIndex(dialog.task.findText("Alpha · Build"))
    dialog.duration.clear()
    qtbot.keyClicks(dialog.duration, "1h")
    _ok(dialog)
    assert ("Build", _utc(8, day=6), _utc(9, day=6), "") in _entries(week)
    assert all(e[0] != "Review" or e[1].day != 6 for e in _entries(week))
    assert _table(view)[1] == ("Alpha · Build", "08:00", "09:00", "1:00:00")


def test_the_picker_tells_apart_tasks_of_the_same_name_on_two_servers(week, qtbot):
    for account in ("work", "home"):
        add_account(week, account)
        week.tracker.create_task("Support", project="Web", account=account)
    week.tracker.create_task("Support", project="Web", local=True)
    dialog = EntryDialog(week)
    qtbot.addWidget(dialog)
    names = [dialog.task.itemText(i) for i in range(dialog.task.count())]
    assert sorted(n for n in names if "Support" in n) == ["Web · Support", "Web · Support (home)",
                                                           "Web · Support (work)"]
    assert "Alpha · Build" in names  # a name no other task has stays as it is


def test_continue_starts_the_entrys_task_again_with_its_note(week, qtbot):
    view = DayView(week)
    qtbot.addWidget(view)
    view.shift(-1)
    view.select_entry(view.model.parts[0].span.entry_id)  # Thursday's Build: it runs already
    view.continue_button.click()
    assert view.notice.text() == "Alpha · Build is already running"
    view.select_entry(view.model.parts[2].span.entry_id)  # Thursday night's Write, "night\nshift"
    view.continue_button.click()
    assert view.day == date(2026, 3, 5)
    view.go_today()
    assert _table(view)[2:] == [("Alpha · Build", "10:30", "10:40", "0:10:00"), ("Write", "10:40", "running", "0:00:00")]
    assert view.model.index(3, NOTE).data() == "night shift"
    view.select_entry(view.model.parts[-1].span.entry_id)
    assert not view.continue_button.isEnabled()  # it is the running one


def test_split_cuts_an_entry_in_two_at_the_time_chosen(week, qtbot):
    from stint.ui.split_dialog import SplitDialog

    view = DayView(week)
    qtbot.addWidget(view)
    view.select_entry(view.model.parts[1].span.entry_id)  # Review 08:00–09:45
    seen: list[str] = []

    def split(dialog: SplitDialog) -> None:
        seen.append(dialog.parts.text())  # proposed: the middle, on five minutes
        dialog.at.setDateTime(to_qdatetime(_utc(9, 45, day=6), TZ))  # the end: refused, the dialog stays
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        seen.append(dialog.notice.text())
        dialog.at.setDateTime(to_qdatetime(_utc(8, 30, day=6), TZ))
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    on_next(SplitDialog, split)
    view.split_selected()
    assert seen[0] == "08:00–08:50  +  08:50–09:45"
    assert "split at a time inside the entry" in seen[1]
    assert _table(view)[1:3] == [("Review", "08:00", "08:30", "0:30:00"), ("Review", "08:30", "09:45", "1:15:00")]
    assert view.total_label.text() == "Total: 3:10:00"  # the same day, the same total


def test_add_through_the_dialog(services, qtbot):
    services.tracker.create_task("Design", local=True)
    view = DayView(services)
    qtbot.addWidget(view)
    dialog = view.entry_dialog()
    qtbot.addWidget(dialog)
    dialog.set_times(_utc(7), _utc(8, 15))
    dialog.note.setText("early")
    _ok(dialog)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert _entries(services) == [("Design", _utc(7), _utc(8, 15), "early")]
    assert _table(view) == [("Design", "07:00", "08:15", "1:15:00")]  # refreshed through the bridge


def test_what_was_just_saved_is_selected_on_its_day(week, qtbot):
    view = DayView(week)  # Friday 6 March
    qtbot.addWidget(view)

    def on_thursday(dialog: EntryDialog) -> None:
        dialog.set_times(_utc(16, day=5), _utc(17, day=5))  # the person changes the date in the dialog
        dialog.note.setText("late add")
        _ok(dialog)

    on_next(EntryDialog, on_thursday)
    view.add_entry()
    assert view.day == date(2026, 3, 5)  # the day it landed on, with it selected
    assert view.selected().note == "late add" and view.selected().start == _utc(16, day=5)

    view.set_day(date(2026, 3, 6))
    view.select_entry(view.model.parts[1].span.entry_id)  # Review 08:00–09:45

    def to_build(dialog: EntryDialog) -> None:
        dialog.task.setCurrentIndex(dialog.task.findText("Alpha · Build"))
        _ok(dialog)

    on_next(EntryDialog, to_build)
    view.edit_selected()
    assert view.day == date(2026, 3, 6)
    assert (view.selected().task, view.selected().start) == ("Build", _utc(8, day=6))  # the moved one, new id


def test_refused_overlap_keeps_the_dialog_open_and_changes_nothing(services, qtbot):
    services.tracker.create_task("Design", local=True)
    services.tracker.log("Design", _utc(8), _utc(9))
    before = _entries(services)
    view = DayView(services)
    qtbot.addWidget(view)
    dialog = view.entry_dialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.set_times(_utc(8, 30), _utc(9, 30))
    _ok(dialog)
    assert dialog.isVisible() and dialog.result() != dialog.DialogCode.Accepted
    assert "overlaps entry" in dialog.notice.text() and dialog.notice.isVisible()
    assert _entries(services) == before

    dialog.set_times(_utc(9, 30), _utc(9, 0))  # end before start
    _ok(dialog)
    assert "the end must be after the start" in dialog.notice.text()
    assert _entries(services) == before

    dialog.set_times(_utc(9), _utc(9, 30))  # fixed: accepted
    _ok(dialog)
    assert not dialog.isVisible()
    assert len(_entries(services)) == 2


def test_delete_asks_first(services, qtbot):
    services.tracker.create_task("Design", local=True)
    entry = services.tracker.log("Design", _utc(8), _utc(9))
    view = DayView(services)
    qtbot.addWidget(view)
    view.select_entry(entry.id)

    seen: list[str] = []
    answer_box(QMessageBox.StandardButton.No, seen)
    view.delete_selected()
    assert len(_entries(services)) == 1
    assert "Design" in seen[0]

    answer_box(QMessageBox.StandardButton.Yes)
    view.delete_selected()
    assert _entries(services) == []
    assert view.model.rowCount() == 0


def test_today_follows_the_clock(services, qtbot):
    view = DayView(services)
    qtbot.addWidget(view)
    view.shift(-3)
    assert view.day == date(2026, 2, 27)
    services.clock.advance(days=1)
    view.go_today()
    assert view.day == date(2026, 3, 3)


def test_keys_on_the_list_edit_and_delete(week, qtbot):
    view = DayView(week)
    qtbot.addWidget(view)
    view.show()
    view.windowHandle().requestActivate()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is view)
    view.select_entry(view.model.parts[1].span.entry_id)  # Review 08:00–09:45
    view.table.setFocus()
    opened: list[str] = []

    def close(dialog: EntryDialog) -> None:
        opened.append(dialog.windowTitle())
        dialog.reject()

    on_next(EntryDialog, close)
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: opened == ["Edit entry"])
    view.windowHandle().requestActivate()  # back from the dialog
    qtbot.waitUntil(lambda: QApplication.activeWindow() is view)
    view.table.setFocus()
    answer_box(QMessageBox.StandardButton.Yes)
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    assert [row[0] for row in _table(view)] == ["Write", "Alpha · Build"]


def test_the_day_the_clocks_go_back_has_25_hours(services, qtbot):
    """Madrid, Sunday 25 October 2026: 03:00 summer time is 02:00 winter time. An entry
    from 01:30 (summer) to 03:30 (winter) lasts three hours, not two."""
    services.tracker.create_task("Night", local=True)
    services.tracker.log("Night", datetime(2026, 10, 24, 23, 30, tzinfo=timezone.utc),
                         datetime(2026, 10, 25, 2, 30, tzinfo=timezone.utc))
    view = DayView(services)
    qtbot.addWidget(view)
    view.set_day(date(2026, 10, 25))
    assert _table(view) == [("Night", "01:30", "03:30", "3:00:00")]
    assert view.total_label.text() == "Total: 3:00:00"
    timeline = view.timeline
    assert timeline.day_end - timeline.day_start == timedelta(hours=25)
