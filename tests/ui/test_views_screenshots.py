"""Screenshots of the Day and Reports views (grid and detail) with a realistic week,
at 1366×768 and at 900×600, kept in test-artifacts/ for a person to look at — and
checked for what must be in sight: every row of the day, the report's totals row and
column, and every note of the detail list."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from datetime import datetime, timezone  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import QPoint, QRect  # noqa: E402
from PySide6.QtWidgets import QWidget  # noqa: E402

from stint.domain.clock import FixedClock  # noqa: E402
from stint.ui.report_models import NOTE  # noqa: E402
from stint.ui.window import MainWindow  # noqa: E402

from .window_fixtures import TZ, make_services  # noqa: E402

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
TASKS = (  # (title, project)
    ("Onboarding flow redesign for enterprise customers (phase 2)", "Acme"),
    ("Support tickets", "Acme"),
    ("Code review", "Platform"),
    ("Release 4.2 planning", "Platform"),
    ("Incident follow-up", "Platform"),
    ("Hiring interviews", "People"),
    ("Invoices", "Finance"),
    ("Email and admin", None),
)
# (task number, day of November 2026, start, end, note): Monday 23 to Thursday 26.
WEEK = (
    (8, 23, "08:30", "09:00", "inbox"), (1, 23, "09:00", "12:30", "wireframes v2"),
    (3, 23, "13:30", "15:00", "PR #812, #815"), (2, 23, "15:15", "17:45", "12 tickets"),
    (4, 24, "09:00", "10:30", "scope"), (6, 24, "11:00", "12:00", "backend candidate"),
    (1, 24, "13:00", "17:30", "usability notes"), (5, 24, "22:30", "25:15", "night: database failover"),
    (5, 25, "10:00", "11:30", "postmortem"), (3, 25, "11:30", "13:00", ""), (7, 25, "14:00", "15:00", "invoices"),
    (1, 25, "15:00", "18:00", ""), (8, 26, "08:45", "09:15", ""), (2, 26, "09:15", "12:00", "queue down to 3"),
    (6, 26, "13:00", "14:30", "frontend candidate"),
)


def _at(day: int, clock: str) -> datetime:
    hour, minute = map(int, clock.split(":"))
    return datetime(2026, 11, day + hour // 24, hour % 24, minute, tzinfo=TZ).astimezone(timezone.utc)


@pytest.fixture
def busy(tmp_path, qapp):  # noqa: ANN001 - pytest-qt's fixture
    services = make_services(tmp_path / "home", FixedClock(_at(26, "15:00")))
    t = services.tracker
    for title, project in TASKS:
        t.create_task(title, project=project, local=True)
    for task, day, start, end, note in WEEK:
        t.log(str(task), _at(day, start), _at(day, end), note)
    t.start("4")  # Release planning since 15:00 on Thursday …
    services.clock.set(_at(26, "16:40"))  # … and now it is 16:40
    yield services
    services.close()


def _inside(widget: QWidget, window: QWidget) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


@pytest.mark.parametrize(("width", "height"), [(1366, 768), (900, 600)])
def test_day_and_reports_views_with_a_realistic_week(busy, qtbot, width, height):
    window = MainWindow(busy)
    qtbot.addWidget(window)
    window.resize(width, height)
    window.show()
    qtbot.waitExposed(window)
    ARTIFACTS.mkdir(exist_ok=True)

    window.tabs.setCurrentWidget(window.day)
    window.day.shift(-1)  # Wednesday: the night's second part, →00:00–01:15
    qtbot.wait(1)
    table = window.day.table
    assert window.day.model.rowCount() == 5
    last = table.visualRect(window.day.model.index(4, 0))
    assert table.viewport().rect().contains(last)  # every row of the day in sight
    assert window.day.total_label.text() == "Total: 8:15:00"  # 1:15 + 1:30 + 1:30 + 1:00 + 3:00
    day_shot = ARTIFACTS / f"day-view-{width}x{height}.png"
    assert window.grab().save(str(day_shot))

    window.tabs.setCurrentWidget(window.week)
    qtbot.wait(1)
    grid = window.week.grid
    for pinned in (grid.view("foot", "body"), grid.view("body", "tail"), grid.view("foot", "tail")):
        assert window.rect().contains(_inside(pinned, window))
    assert grid.hbar.isHidden()
    # Mon 8:00 + Tue 8:30 + Wed 8:15 + Thu 6:25 (4:45 logged and 1:40 running)
    assert window.week.cell_text(len(window.week.report.rows), 8) == "31:10"
    reports_shot = ARTIFACTS / f"reports-view-{width}x{height}.png"
    assert window.grab().save(str(reports_shot))

    window.week.choices.set_layout("detail")
    qtbot.wait(1)
    detail, header = window.week.detail, window.week.detail.horizontalHeader()
    longest_note = max((note for *_, note in WEEK), key=detail.fontMetrics().horizontalAdvance)
    assert header.sectionSize(NOTE) > detail.fontMetrics().horizontalAdvance(longest_note)  # every note whole
    assert window.week.detail_total.text() == "Total: 31:10"
    detail_shot = ARTIFACTS / f"reports-detail-{width}x{height}.png"
    assert window.grab().save(str(detail_shot))
    for shot in (day_shot, reports_shot, detail_shot):
        assert shot.stat().st_size > 10_000
        print(f"screenshot: {shot}")
