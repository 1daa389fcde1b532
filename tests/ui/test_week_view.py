"""The Reports tab: grid values against a hand-computed week, totals pinned in view
at 900×600, the chart by project with its legend, the export menu, the report
choices (period, grid or detail, filters) and export of every format on the worker
thread — the same bytes as the CLI writes."""

from __future__ import annotations

import json
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import io  # noqa: E402
from datetime import date, datetime, timezone  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import QPoint, QRect, Qt  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from stint.cli.main import run as cli  # noqa: E402
from stint.store.db import transaction  # noqa: E402
from stint.store.models import Entry  # noqa: E402
from stint.ui.colors import project_colors  # noqa: E402
from stint.ui.report_models import NOTE, TASK  # noqa: E402
from stint.ui.week_view import EXPORTS, WeekView  # noqa: E402
from stint.ui.window import MainWindow  # noqa: E402

from .window_fixtures import TZ, add_account, services  # noqa: E402,F401


def _at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 3, day, hour, minute, tzinfo=TZ).astimezone(timezone.utc)


@pytest.fixture
def week(services):
    """Week 10 of 2026 (Mon 2 – Sun 8 March), by hand:

        Alpha · Build   Mon 1:30 (08:00–09:30), Wed 0:20 (14:00–14:20), Sun 2:00  → 3:50
        Review          Sun 0:10 (running since 11:50, clock at 12:00)            → 0:10
        Write           Tue 0:50 (23:30 Tue – 00:20 Wed crosses midnight: Tue 0:30, Wed 0:20) → 0:50
        (Build on Sat 28 February, 1:00, is the week before's.)
    """
    t = services.tracker
    t.create_task("Build", project="Alpha", local=True)
    t.create_task("Review", local=True)
    t.create_task("Write", local=True)
    t.log("Build", _at(2, 8), _at(2, 9, 30))
    t.log("Build", _at(4, 14), _at(4, 14, 20))
    t.log("Build", _at(8, 9), _at(8, 11))
    t.log("Write", _at(3, 23, 30), _at(4, 0, 20), "draft")
    t.log("Build", datetime(2026, 2, 28, 9, tzinfo=TZ), datetime(2026, 2, 28, 10, tzinfo=TZ))  # week before
    services.clock.set(_at(8, 11, 50))  # after every logged entry: a timer cannot run into one
    t.start("Review")
    services.clock.advance(600)
    return services


_H = Qt.Orientation.Horizontal
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_DECORATION = Qt.ItemDataRole.DecorationRole


def _grid(view: WeekView) -> list[list[str]]:
    model = view.grid_model
    return [[view.cell_text(r, c) for c in range(model.columnCount())] for r in range(model.rowCount())]


def test_grid_matches_the_hand_computed_week(week, qtbot):
    view = WeekView(week)
    qtbot.addWidget(view)
    assert view.timesheet.period.label == "2026-W10"
    assert view.title.text() == "Timesheet 2026-W10 · 2–8 Mar 2026"
    assert _grid(view) == [
        ["Review", "", "", "", "", "", "", "0:10", "0:10"],
        ["Write", "", "0:30", "0:20", "", "", "", "", "0:50"],
        ["Alpha · Build", "1:30", "", "0:20", "", "", "", "2:00", "3:50"],
        ["Total", "1:30", "0:30", "0:40", "0:00", "0:00", "0:00", "2:10", "4:50"],
    ]
    assert [view.grid_model.headerData(c, _H) for c in range(9)] == [
        "Task", "Mon 2", "Tue 3", "Wed 4", "Thu 5", "Fri 6", "Sat 7", "Sun 8", "Total"]
    assert view.chart.values == [5400, 1800, 2400, 0, 0, 0, 7800]


def test_rounding_and_week_start_follow_the_settings(week, qtbot):
    view = WeekView(week)
    qtbot.addWidget(view)
    week.update_settings(week.settings._replace(rounding_minutes=15, rounding_mode="up", week_start=6))
    # Sunday-first: Sun 1 – Sat 7 March; the Sunday 8th (and Review) falls out, rounding up
    # per entry and day.
    assert view.timesheet.days[0].isoformat() == "2026-03-01"
    # Wed: Build 0:20 → 0:30 and Write's 0:20 after midnight → 0:30.
    assert _grid(view)[-1] == ["Total", "0:00", "1:30", "0:30", "1:00", "0:00", "0:00", "0:00", "3:00"]
    assert view.rounding_label.text() == "each entry rounded up to 15 min per day"


def test_navigation(week, qtbot):
    view = WeekView(week)
    qtbot.addWidget(view)
    view.shift(-1)
    assert view.timesheet.period.label == "2026-W09"
    assert _grid(view)[0][:2] == ["Alpha · Build", ""] and _grid(view)[0][6] == "1:00"
    view.go_this_week()
    assert view.timesheet.period.label == "2026-W10"


def test_flagged_rows_are_marked(week, qtbot):
    with transaction(week.engine) as s:
        entry = s.query(Entry).filter(Entry.started_at == _at(3, 23, 30)).one()
        entry.sync = "local-only"
    view = WeekView(week)
    qtbot.addWidget(view)
    flagged = view.grid_model.index(1, 0)
    assert flagged.data() == "Write"
    assert flagged.data(_DECORATION) is not None
    assert "local only" in flagged.data(_TOOLTIP)
    assert view.grid_model.index(0, 0).data(_DECORATION) is None
    assert view.grid_model.index(0, 0).data(_TOOLTIP) == "Review"


def _inside(widget: QWidget, window: QWidget) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


def _shown_at_900x600(services, qtbot) -> MainWindow:  # noqa: ANN001
    """The window at 900×600 on the Reports tab, on screen."""
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.resize(900, 600)
    window.tabs.setCurrentWidget(window.week)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_totals_stay_in_view_at_900x600_and_the_message_covers_nothing(week, qtbot, tmp_path):
    for i in range(30):  # more tasks than the window has rows for
        week.tracker.create_task(f"Task {i:02d}", local=True)
        week.tracker.log(f"Task {i:02d}", _at(2, 0, i), _at(2, 0, i + 1))  # Monday 00:00–00:30
    window = _shown_at_900x600(week, qtbot)
    view = window.week
    with qtbot.waitSignal(view.export_finished, timeout=20_000):
        view.export_to("csv", tmp_path / f"a-rather-long-file-name-for-the-report-{'x' * 60}.csv")
    qtbot.wait(1)  # the layout settles after the message shows
    grid = view.grid
    foot, tail = grid.view("foot", "body"), grid.view("body", "tail")
    assert grid.hbar.isHidden()  # a week fits: no day and no total is scrolled out of sight
    assert grid.vbar.isVisible()  # the rows scroll …
    for scrolled in (grid.vbar.minimum(), grid.vbar.maximum()):
        grid.vbar.setValue(scrolled)
        for pinned in (foot, tail, grid.view("foot", "tail")):  # … the totals stay
            assert pinned.isVisible() and window.rect().contains(_inside(pinned, window)), pinned
    assert foot.rowAt(2) == view.grid_model.rowCount() - 1
    assert view.cell_text(view.grid_model.rowCount() - 1, 8) == "5:20"  # 4:50 + 30 × 0:01
    assert view.notice.isVisible() and "Saved to" in view.notice.text()
    assert not _inside(view.notice, window).intersects(_inside(grid, window))
    assert window.rect().contains(_inside(view.chart, window))


def test_the_chart_splits_each_day_by_project_with_a_legend(week, qtbot):
    view = WeekView(week)
    qtbot.addWidget(view)
    view.resize(800, 500)
    view.show()
    qtbot.waitExposed(view)
    chart = view.chart
    assert [(s.name, s.values) for s in chart.series] == [
        ("(no project)", (0, 1800, 1200, 0, 0, 0, 600)),  # Write and Review
        ("Alpha", (5400, 0, 1200, 0, 0, 0, 7200)),
    ]
    assert [s.name for s, _ in chart.legend_rows()] == ["(no project)", "Alpha"]
    colors = project_colors([None, "Alpha"])
    image = chart.grab().toImage()
    ratio = image.devicePixelRatio()

    def pixel(rect) -> int:  # noqa: ANN001
        return image.pixelColor(int(rect.center().x() * ratio), int(rect.center().y() * ratio)).rgb()

    segments = {(day, k): rect for day, k, rect in chart.segment_rects()}
    assert segments[6, 0].bottom() > segments[6, 1].bottom()  # no project at the bottom of Sunday, Alpha on it
    assert segments[6, 0].height() == pytest.approx(segments[6, 1].height() * 600 / 7200, abs=1)
    assert segments[2, 0].height() == pytest.approx(segments[2, 1].height(), abs=1)  # Wednesday: 0:20 each
    assert pixel(segments[2, 0]) == colors[None].rgb() and pixel(segments[2, 1]) == colors["Alpha"].rgb()
    assert pixel(segments[0, 1]) == colors["Alpha"].rgb() and (0, 0) not in segments
    for series, swatch in chart.legend_rows():
        assert pixel(swatch) == colors[None if series.name == "(no project)" else series.name].rgb()


def test_the_export_menu_lists_the_formats_for_files(week, qtbot):
    view = WeekView(week)
    qtbot.addWidget(view)
    menu = view.export_button.menu()
    assert [a.text() for a in menu.actions()] == ["CSV", "Excel (.xlsx)", "PDF", "HTML", "JSON"]
    assert [a.data() for a in menu.actions()] == ["csv", "xlsx", "pdf", "html", "json"]


def test_a_month_in_detail_filtered_by_project_exports_what_the_cli_exports(week, qtbot, tmp_path):
    view = WeekView(week)
    qtbot.addWidget(view)
    view.choices.kind.setCurrentIndex(view.choices.kind.findData("month"))
    assert view.report.period.label == "2026-03"
    assert view.cell_text(len(view.report.rows), 32) == "4:50"  # the month: the week (28 February is not in it)
    view.choices.set_layout("detail")
    view.choices.project.setCurrentIndex(view.choices.project.findData("Alpha"))
    assert view.pages.currentIndex() == 1
    detail = view.detail_model
    rows = [[detail.index(r, c).data() for c in range(9)] for r in range(detail.rowCount())]
    assert rows == [
        ["Mon 2 Mar", "08:00", "09:30", "1:30", "Alpha", "Build", "", "local", "local task"],
        ["Wed 4 Mar", "14:00", "14:20", "0:20", "Alpha", "Build", "", "local", "local task"],
        ["Sun 8 Mar", "09:00", "11:00", "2:00", "Alpha", "Build", "", "local", "local task"],
    ]
    assert view.detail_total.text() == "Total: 3:50"
    assert view.rounding_label.text() == "only project Alpha"
    ours, theirs = tmp_path / "window.csv", tmp_path / "cli.csv"
    with qtbot.waitSignal(view.export_finished, timeout=20_000) as done:
        view.export_to("csv", ours)
    assert done.args == [True, str(ours)]
    err = io.StringIO()
    week.err = err
    assert cli(["timesheet", "--month", "2026-03", "--detail", "--project", "Alpha", "-o", str(theirs)], week) == 0
    assert ours.read_bytes() == theirs.read_bytes()
    assert ours.read_text().count("Build") == 3


def test_a_month_opens_on_today_and_then_stays_where_the_person_scrolled(week, qtbot):
    week.tracker.stop()
    week.clock.set(_at(27, 10))  # Friday 27 March
    window = _shown_at_900x600(week, qtbot)
    view, grid = window.week, window.week.grid
    view.choices.kind.setCurrentIndex(view.choices.kind.findData("month"))
    qtbot.wait(1)  # the layout settles
    body = grid.view("body", "body")
    assert not grid.hbar.isHidden()  # 31 days do not fit in 900 pixels

    def in_sight(column: int) -> bool:
        left = body.columnViewportPosition(column)
        return left >= 0 and left + body.columnWidth(column) <= body.viewport().width()

    assert in_sight(27) and not in_sight(1)
    grid.hbar.triggerAction(grid.hbar.SliderAction.SliderToMinimum)  # the person scrolls to the 1st
    view.refresh()  # a change elsewhere reloads the report
    qtbot.wait(1)
    assert in_sight(1) and not in_sight(27)
    view.shift(-1)  # February, which holds no today: from its first day
    qtbot.wait(1)
    assert in_sight(1)


def test_a_long_task_name_leaves_the_notes_room_in_the_detail_list(week, qtbot):
    title = "Onboarding flow redesign for the enterprise customers of the northern region (phase 2)"
    note = "night: database failover"
    week.tracker.create_task(title, local=True)
    week.tracker.log(title, _at(5, 9), _at(5, 10), note)
    window = _shown_at_900x600(week, qtbot)
    window.week.choices.set_layout("detail")
    qtbot.wait(1)  # the header lays its sections out
    table, header = window.week.detail, window.week.detail.horizontalHeader()
    metrics = table.fontMetrics()
    assert header.sectionSize(NOTE) > metrics.horizontalAdvance(note)  # the note reads whole …
    assert header.sectionSize(TASK) < metrics.horizontalAdvance(title)  # … the title is elided (full in its tooltip)
    row = next(r for r in range(window.week.detail_model.rowCount())
               if window.week.detail_model.index(r, TASK).data() == title)
    assert window.week.detail_model.index(row, TASK).data(_TOOLTIP) == title


def test_dates_and_the_account_filter(week, qtbot):
    add_account(week, "work")
    week.tracker.create_task("Ticket", account="work")
    week.tracker.log("Ticket", _at(2, 6), _at(2, 7))
    view = WeekView(week)
    qtbot.addWidget(view)
    choices = view.choices
    choices.kind.setCurrentIndex(choices.kind.findData("range"))
    choices.first.setDate(date(2026, 3, 2))
    choices.last.setDate(date(2026, 3, 3))
    assert view.report.period.days == (date(2026, 3, 2), date(2026, 3, 3))
    assert _grid(view) == [
        ["Ticket", "1:00", "", "1:00"],
        ["Write", "", "0:30", "0:30"],
        ["Alpha · Build", "1:30", "", "1:30"],
        ["Total", "2:30", "0:30", "3:00"],
    ]
    choices.account.setCurrentIndex(choices.account.findData("work"))
    assert _grid(view) == [["Ticket", "1:00", "", "1:00"], ["Total", "1:00", "0:00", "1:00"]]
    choices.account.setCurrentIndex(choices.account.findText("Local tasks"))
    assert [row[0] for row in _grid(view)] == ["Write", "Alpha · Build", "Total"]
    choices.first.setDate(date(2026, 3, 5))  # after the end: said, the report kept
    assert "before it starts" in view.notice.text()
    assert view.report.period.days == (date(2026, 3, 2), date(2026, 3, 3))


@pytest.mark.parametrize("fmt", [fmt for fmt, _text in EXPORTS])
def test_export_each_format_on_the_worker(week, qtbot, tmp_path, fmt):
    view = WeekView(week)
    qtbot.addWidget(view)
    target = tmp_path / f"sheet.{fmt}"
    with qtbot.waitSignal(view.export_finished, timeout=20_000) as finished:
        job = view.export_to(fmt, target)
    assert finished.args == [True, str(target)]
    assert job.error is None
    data = target.read_bytes()
    assert data
    if fmt == "json":
        assert "Build" in json.dumps(json.loads(data))
    elif fmt == "pdf":
        assert data.startswith(b"%PDF")
    elif fmt == "xlsx":
        assert data.startswith(b"PK")
    else:
        assert b"Build" in data
    assert str(target) in view.notice.text()


def test_export_failure_is_shown(week, qtbot, tmp_path):
    view = WeekView(week)
    qtbot.addWidget(view)
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    with qtbot.waitSignal(view.export_finished, timeout=20_000) as finished:
        view.export_to("csv", blocker / "sheet.csv")
    assert finished.args[0] is False
    assert "Export failed" in view.notice.text() and view.notice.level == "error"



def test_a_legend_too_long_for_the_chart_says_how_many_it_leaves_out(qtbot):
    from PySide6.QtGui import QColor

    from stint.ui.bar_chart import BarChart, Series

    chart = BarChart()
    qtbot.addWidget(chart)
    chart.resize(600, 120)
    chart.set_data(["Mon"], [Series(f"P{i}", QColor("#4e79a7"), (60 * (i + 1),)) for i in range(12)])
    line = chart.fontMetrics().height() + 3
    fit = (120 - 4) // line
    assert [s.name for s, _ in chart.legend_rows()] == [f"P{i}" for i in range(fit - 1)]
    assert chart.values == [sum(60 * (i + 1) for i in range(12))]


def _double_click(qtbot, widget: QWidget, pos: QPoint) -> None:  # noqa: ANN001
    # Qt 6's QTest sends a double click without its first press; an item view needs both.
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=pos)
    qtbot.mouseDClick(widget, Qt.MouseButton.LeftButton, pos=pos)


def test_alt_arrows_step_through_time_in_the_tab_shown(week, qtbot):
    window = _shown_at_900x600(week, qtbot)
    window.windowHandle().requestActivate()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    day, reports = window.day, window.week

    def key(code: Qt.Key, day_then: date, week_then: str) -> None:
        qtbot.keyClick(window, code, Qt.KeyboardModifier.AltModifier)  # a button's key clicks it a moment later
        qtbot.waitUntil(lambda: (day.day, reports.report.period.label) == (day_then, week_then))

    assert (day.day, reports.report.period.label) == (date(2026, 3, 8), "2026-W10")
    key(Qt.Key.Key_Left, date(2026, 3, 8), "2026-W09")  # on the Reports tab: the week before; Day stays
    window.tabs.setCurrentWidget(day)
    key(Qt.Key.Key_Left, date(2026, 3, 7), "2026-W09")
    key(Qt.Key.Key_Left, date(2026, 3, 6), "2026-W09")
    key(Qt.Key.Key_Right, date(2026, 3, 7), "2026-W09")
    key(Qt.Key.Key_Home, date(2026, 3, 8), "2026-W09")
    window.tabs.setCurrentWidget(reports)
    key(Qt.Key.Key_Home, date(2026, 3, 8), "2026-W10")  # after the reload renamed the button


def test_a_double_click_on_a_day_opens_it_in_the_day_tab(week, qtbot):
    window = _shown_at_900x600(week, qtbot)
    view = window.week
    body = view.grid.view("body", "body")
    cell = body.visualRect(view.grid_model.index(1, 3))  # Write on Wednesday 4
    _double_click(qtbot, body.viewport(), cell.center())
    assert window.tabs.currentWidget() is window.day and window.day.day == date(2026, 3, 4)
    window.tabs.setCurrentWidget(view)
    view.choices.set_layout("detail")
    row = view.detail.visualRect(view.detail_model.index(0, 0))  # Mon 2 Mar, Build
    _double_click(qtbot, view.detail.viewport(), row.center())
    assert window.tabs.currentWidget() is window.day and window.day.day == date(2026, 3, 2)
