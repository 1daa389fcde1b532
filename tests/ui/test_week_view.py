"""The Week tab: grid values against a hand-computed week, rounding, flags, the bar
chart, and export of every format on the worker thread."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import json  # noqa: E402
from datetime import datetime, timezone  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtGui import QPalette  # noqa: E402

from stint.store.db import transaction  # noqa: E402
from stint.store.models import Entry  # noqa: E402
from stint.timesheet.export import FORMATS  # noqa: E402
from stint.ui.week_view import WeekView  # noqa: E402

from .window_fixtures import TZ, services  # noqa: E402,F401


def _at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 3, day, hour, minute, tzinfo=TZ).astimezone(timezone.utc)


@pytest.fixture
def week(services):
    """Week 10 of 2026 (Mon 2 – Sun 8 March), by hand:

        Alpha · Build   Mon 1:30 (08:00–09:30), Wed 0:20 (14:00–14:20), Sun 2:00  → 3:50
        Review          Sun 0:10 (running since 11:50, clock at 12:00)            → 0:10
        Write           Tue 0:50 (23:30 Tue – 00:20 Wed crosses midnight: Tue 0:30, Wed 0:20) → 0:50

    and Build Sat 28 February 1:00 in the week before (not shown).
    """
    t = services.tracker
    t.create_task("Build", project="Alpha", local=True)
    t.create_task("Review", local=True)
    t.create_task("Write", local=True)
    t.log("Build", _at(2, 8), _at(2, 9, 30))
    t.log("Build", _at(4, 14), _at(4, 14, 20))
    t.log("Build", _at(8, 9), _at(8, 11))
    t.log("Write", _at(3, 23, 30), _at(4, 0, 20))
    t.log("Build", datetime(2026, 2, 28, 9, tzinfo=TZ), datetime(2026, 2, 28, 10, tzinfo=TZ))  # week before
    services.clock.set(_at(8, 11, 50))  # after every logged entry: a timer cannot run into one
    t.start("Review")
    services.clock.advance(600)
    return services


def _grid(view: WeekView) -> list[list[str]]:
    return [[view.cell_text(r, c) for c in range(9)] for r in range(view.grid.rowCount())]


def test_grid_matches_the_hand_computed_week(week, qtbot):
    view = WeekView(week)
    qtbot.addWidget(view)
    assert view.timesheet.period.label == "2026-W10"
    assert _grid(view) == [
        ["Review", "", "", "", "", "", "", "0:10", "0:10"],
        ["Write", "", "0:30", "0:20", "", "", "", "", "0:50"],
        ["Alpha · Build", "1:30", "", "0:20", "", "", "", "2:00", "3:50"],
        ["Total", "1:30", "0:30", "0:40", "0:00", "0:00", "0:00", "2:10", "4:50"],
    ]
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
    assert "15" in view.rounding_label.text()


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
    flagged = view.grid.item(1, 0)
    assert flagged.text() == "Write"
    assert not flagged.icon().isNull()
    assert "local only" in flagged.toolTip()
    assert view.grid.item(0, 0).icon().isNull() and not view.grid.item(0, 0).toolTip()


def test_bar_chart_paints_bars_in_the_highlight_colour(week, qtbot):
    view = WeekView(week)
    qtbot.addWidget(view)
    view.resize(700, 500)
    view.show()
    qtbot.waitExposed(view)
    image = view.chart.grab().toImage()
    highlight = view.chart.palette().color(QPalette.ColorRole.Highlight)
    rects = view.chart.bar_rects()
    sunday, thursday = rects[6], rects[3]
    assert sunday.height() > rects[0].height() > 0 and thursday.height() == 0
    ratio = image.devicePixelRatio()
    pixel = image.pixelColor(int(sunday.center().x() * ratio), int(sunday.center().y() * ratio))
    assert pixel.rgb() == highlight.rgb()
    above_thursday = image.pixelColor(int(thursday.center().x() * ratio), int((thursday.top() - 20) * ratio))
    assert above_thursday.rgb() != highlight.rgb()


@pytest.mark.parametrize("fmt", FORMATS)
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
