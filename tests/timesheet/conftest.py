"""Reports built by hand through the real domain code, in Europe/Madrid.

`dst_grid` / `dst_detail` cover ISO week 2026-W13 (Mon 23 – Sun 29 March): clocks go
forward on the Sunday, so a whole Sunday is 23 hours. The entries:

    e1  Revisión del informe, Acme, work, synced     Mon 09:00–10:30 (note on two lines)
    e2  Revisión del informe, Acme, work, pending    Tue 23:00 – Wed 01:00 (crosses midnight)
    e3  <script> task, no project, work, local-only  Thu 14:00–14:45 (a note that is a formula)
    e4  日本語 task, Ops, home, failed                Sun 00:00 – Mon 00:00 (the whole short day)

Grid rows, in the order `build` sorts them (project, then title; no project first):

    <script> task                 Thu 0:45                                  local-only
    Revisión del informe, Acme    Mon 1:30, Tue 1:00, Wed 1:00
    日本語 task, Ops               Sun 23:00                                 failed

Detail lines (one per entry and day), below as DST_LINES.

`october` is the month of October 2026 (the clocks go back on Sunday 25: a 25-hour
day), seen on Saturday 31 at 23:30 with a timer running since 22:00:

    o1  Standup, Team, work, synced   Thu 1 09:00–09:20
    o2  Night shift, Ops, local       Sun 25 00:00 – Mon 26 00:00 (25 hours)
    o3  Standup, Team, work, pending  Sat 31 22:00 – running (1:30 so far)
"""

from __future__ import annotations

from datetime import datetime, timezone
from zoneinfo import ZoneInfo

import pytest

from stint.domain.periods import Period, iso_week_period, month_period
from stint.domain.timesheet import Span, build
from stint.timesheet.report import Report, ReportOptions

MADRID = ZoneInfo("Europe/Madrid")
NOW = datetime(2026, 12, 1, tzinfo=timezone.utc)

SCRIPT_TITLE = "<script>alert('x')</script> & \"co\""
SPANISH_TITLE = "Revisión del informe"
CJK_TITLE = "日本語のタスク 😀"
FORMULA_NOTE = "=cmd|' /C calc'!A0"
TWO_LINE_NOTE = "first draft\nsecond line"

DST_ROWS = [  # (task, project, days) as the fixture must come out
    (SCRIPT_TITLE, None, [0, 0, 0, 2700, 0, 0, 0]),
    (SPANISH_TITLE, "Acme", [5400, 3600, 3600, 0, 0, 0, 0]),
    (CJK_TITLE, "Ops", [0, 0, 0, 0, 0, 0, 23 * 3600]),
]
DST_DAY_TOTALS = [5400, 3600, 3600, 2700, 0, 0, 82800]
DST_TOTAL = 98100
# (date, start, end, seconds, project, task, note, account, sync, entry), by hand.
DST_LINES = [
    ("2026-03-23", "09:00", "10:30", 5400, "Acme", SPANISH_TITLE, TWO_LINE_NOTE, "work", "synced", "e1"),
    ("2026-03-24", "23:00", "24:00", 3600, "Acme", SPANISH_TITLE, "", "work", "pending", "e2"),
    ("2026-03-25", "00:00", "01:00", 3600, "Acme", SPANISH_TITLE, "", "work", "pending", "e2"),
    ("2026-03-26", "14:00", "14:45", 2700, None, SCRIPT_TITLE, FORMULA_NOTE, "work", "local-only", "e3"),
    ("2026-03-29", "00:00", "24:00", 82800, "Ops", CJK_TITLE, "", "home", "failed", "e4"),
]
OCTOBER_NOW = datetime(2026, 10, 31, 23, 30, tzinfo=MADRID).astimezone(timezone.utc)


def at(*args: int) -> datetime:
    # In UTC, as the store hands spans over: Python subtracts two datetimes that share a
    # tzinfo as wall-clock times, which would make the DST Sunday 24 hours long.
    return datetime(*args, tzinfo=MADRID).astimezone(timezone.utc)


DST_SPANS = [
    Span("es", SPANISH_TITLE, "Acme", at(2026, 3, 23, 9), at(2026, 3, 23, 10, 30), entry_id="e1",
         note=TWO_LINE_NOTE, account="work", sync="synced"),
    Span("es", SPANISH_TITLE, "Acme", at(2026, 3, 24, 23), at(2026, 3, 25, 1), entry_id="e2", account="work",
         sync="pending"),
    Span("xss", SCRIPT_TITLE, None, at(2026, 3, 26, 14), at(2026, 3, 26, 14, 45), flag="local-only", entry_id="e3",
         note=FORMULA_NOTE, account="work", sync="local-only"),
    Span("jp", CJK_TITLE, "Ops", at(2026, 3, 29), at(2026, 3, 30), flag="failed", entry_id="e4", account="home",
         sync="failed"),
]
OCTOBER_SPANS = [
    Span("su", "Standup", "Team", at(2026, 10, 1, 9), at(2026, 10, 1, 9, 20), entry_id="o1", account="work",
         sync="synced"),
    Span("ns", "Night shift", "Ops", at(2026, 10, 25), at(2026, 10, 26), entry_id="o2", sync="local"),
    Span("su", "Standup", "Team", at(2026, 10, 31, 22), None, entry_id="o3", account="work", sync="pending"),
]


def report(spans: list[Span], period: Period, now: datetime = NOW, **options: object) -> Report:
    opts = ReportOptions(period, **options)  # type: ignore[arg-type]
    return Report(opts, build(spans, period, now, opts.rounding, opts.filters), now)


@pytest.fixture
def dst_grid() -> Report:
    made = report(DST_SPANS, iso_week_period(2026, 13, MADRID))
    # Guard the fixture itself, so a failure below is about the exporter.
    assert [(r.task, r.project, r.days) for r in made.rows] == DST_ROWS
    return made


@pytest.fixture
def dst_detail() -> Report:
    made = report(DST_SPANS, iso_week_period(2026, 13, MADRID), detail=True, person="Ana García")
    assert [p.seconds for p in made.parts] == [line[3] for line in DST_LINES]
    return made


@pytest.fixture
def october_grid() -> Report:
    return report(OCTOBER_SPANS, month_period(2026, 10, MADRID), OCTOBER_NOW)


@pytest.fixture
def october_detail() -> Report:
    return report(OCTOBER_SPANS, month_period(2026, 10, MADRID), OCTOBER_NOW, detail=True)


@pytest.fixture
def plain_sheet() -> Report:
    """2026-W47 (16–22 Nov), one ordinary task."""
    spans = [Span(1, "Standup", "Team", at(2026, 11, 16, 9), at(2026, 11, 16, 9, 20), entry_id="p1", sync="local")]
    return report(spans, iso_week_period(2026, 47, MADRID))


@pytest.fixture
def empty_sheet() -> Report:
    return report([], iso_week_period(2026, 47, MADRID))


def with_rows(base: Report, spans: list[Span], **options: object) -> Report:
    """A report over `base`'s period from other spans."""
    return report(spans, base.period, base.made_at, **options)
