"""Timesheets built by hand through the real domain code, in Europe/Madrid.

`dst_sheet` is ISO week 2026-W13 (Mon 23 – Sun 29 March): clocks go forward on the
Sunday, so a whole Sunday is 23 hours. Its rows, in the order `build` sorts them
(project, then title; no project first):

    <script> task, no project, local-only   Thu 0:45
    Revisión del informe, Acme              Mon 1:30, Tue 1:00, Wed 1:00 (crosses midnight)
    日本語 task, Ops, failed                 Sun 23:00 (the whole short day)
"""

from __future__ import annotations

from datetime import datetime, timezone
from zoneinfo import ZoneInfo

import pytest

from stint.domain.timesheet import Span, Timesheet, build
from stint.domain.weeks import make_week

MADRID = ZoneInfo("Europe/Madrid")
NOW = datetime(2026, 12, 1, tzinfo=timezone.utc)

SCRIPT_TITLE = "<script>alert('x')</script> & \"co\""
SPANISH_TITLE = "Revisión del informe"
CJK_TITLE = "日本語のタスク 😀"

DST_ROWS = [  # (task, project, days) as the fixture must come out
    (SCRIPT_TITLE, None, [0, 0, 0, 2700, 0, 0, 0]),
    (SPANISH_TITLE, "Acme", [5400, 3600, 3600, 0, 0, 0, 0]),
    (CJK_TITLE, "Ops", [0, 0, 0, 0, 0, 0, 23 * 3600]),
]
DST_DAY_TOTALS = [5400, 3600, 3600, 2700, 0, 0, 82800]
DST_TOTAL = 98100


def at(*args: int) -> datetime:
    # In UTC, as the store hands spans over: Python subtracts two datetimes that share a
    # tzinfo as wall-clock times, which would make the DST Sunday 24 hours long.
    return datetime(*args, tzinfo=MADRID).astimezone(timezone.utc)


@pytest.fixture
def dst_sheet() -> Timesheet:
    spans = [
        Span("es", SPANISH_TITLE, "Acme", at(2026, 3, 23, 9), at(2026, 3, 23, 10, 30)),
        Span("es", SPANISH_TITLE, "Acme", at(2026, 3, 24, 23), at(2026, 3, 25, 1)),
        Span("xss", SCRIPT_TITLE, None, at(2026, 3, 26, 14), at(2026, 3, 26, 14, 45), flag="local-only"),
        Span("jp", CJK_TITLE, "Ops", at(2026, 3, 29), at(2026, 3, 30), flag="failed"),
    ]
    sheet = build(spans, make_week(2026, 13, MADRID), NOW)
    # Guard the fixture itself, so a failure below is about the exporter.
    assert [(r.task, r.project, r.days) for r in sheet.rows] == DST_ROWS
    return sheet


@pytest.fixture
def plain_sheet() -> Timesheet:
    """2026-W47 (16–22 Nov), one ordinary task."""
    spans = [Span(1, "Standup", "Team", at(2026, 11, 16, 9), at(2026, 11, 16, 9, 20))]
    return build(spans, make_week(2026, 47, MADRID), NOW)


@pytest.fixture
def empty_sheet() -> Timesheet:
    return build([], make_week(2026, 47, MADRID), NOW)
