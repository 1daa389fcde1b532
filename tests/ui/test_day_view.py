"""The Day tab: entries of one local day; add, edit and delete through the dialog."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from datetime import date, datetime, timedelta, timezone  # noqa: E402

from PySide6.QtWidgets import QDialogButtonBox, QMessageBox  # noqa: E402

from stint.store.db import transaction  # noqa: E402
from stint.store.models import Entry  # noqa: E402
from stint.ui.day_view import DURATION, END, START, TASK, DayView  # noqa: E402

from .window_fixtures import TZ, answer_box, services  # noqa: E402,F401


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
    return [tuple(m.index(r, c).data() for c in (START, END, DURATION, TASK)) for r in range(m.rowCount())]


def test_shows_the_days_entries_in_local_time_and_ticks(services, qtbot):
    t = services.tracker
    t.create_task("Design", local=True)
    t.log("Design", _utc(8), _utc(9, 30), "morning")
    t.log("Design", _utc(9, 0, day=1), _utc(10, 0, day=1))  # another day
    t.start("Design")  # 10:00 Madrid
    view = DayView(services)
    qtbot.addWidget(view)
    assert view.day == date(2026, 3, 2)
    assert _table(view) == [("08:00", "09:30", "1:30", "Design"), ("10:00", "running", "0:00", "Design")]
    view.tick(services.clock.advance(minutes=25))
    assert view.model.index(1, DURATION).data() == "0:25"
    assert view.total_label.text() == "Total: 1:55"

    view.shift(1)  # the timer still running from yesterday shows with its date
    assert _table(view) == [("03-02 10:00", "running", "0:25", "Design")]
    view.shift(-2)
    assert _table(view) == [("09:00", "10:00", "1:00", "Design")]


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
    assert _table(view) == [("07:00", "08:15", "1:15", "Design")]  # refreshed through the bridge


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


def test_edit_through_the_dialog(services, qtbot):
    services.tracker.create_task("Design", local=True)
    entry = services.tracker.log("Design", _utc(8), _utc(9))
    services.tracker.log("Design", _utc(11), _utc(12))
    view = DayView(services)
    qtbot.addWidget(view)
    assert view.select_entry(entry.id)
    dialog = view.entry_dialog(view.selected())
    qtbot.addWidget(dialog)
    assert not dialog.task.isEnabled()

    dialog.set_times(_utc(8), _utc(11, 30))  # overlaps the 11:00 entry
    _ok(dialog)
    assert "overlaps" in dialog.notice.text()
    assert _entries(services)[0] == ("Design", _utc(8), _utc(9), "")

    dialog.set_times(_utc(8), _utc(10, 45))
    dialog.note.setText("longer")
    _ok(dialog)
    assert _entries(services)[0] == ("Design", _utc(8), _utc(10, 45), "longer")


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
    services.clock.advance(timedelta(days=1).total_seconds())
    view.go_today()
    assert view.day == date(2026, 3, 3)
