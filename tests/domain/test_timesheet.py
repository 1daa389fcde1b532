from datetime import datetime, timezone
from zoneinfo import ZoneInfo

import pytest

from stint.domain.errors import UsageError
from stint.domain.timesheet import Rounding, Span, build, format_duration
from stint.domain.periods import iso_week_period as make_week

MADRID = ZoneInfo("Europe/Madrid")
H = 3600


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=timezone.utc)


def span(key: int, start: datetime, end: datetime | None, project: str | None = "P", flag: str | None = None) -> Span:
    return Span(key, f"task {key}", project, start, end, flag)


WEEK = make_week(2026, 47, MADRID)  # Mon 16 – Sun 22 November, UTC+1
NOW = utc(2026, 11, 25, 12)


def test_rows_columns_and_totals() -> None:
    sheet = build(
        [
            span(1, utc(2026, 11, 16, 8), utc(2026, 11, 16, 10)),  # Mon 2 h
            span(1, utc(2026, 11, 18, 8), utc(2026, 11, 18, 8, 45)),  # Wed 45 min
            span(2, utc(2026, 11, 22, 9), utc(2026, 11, 22, 9, 30), project=None),  # Sun 30 min
        ],
        WEEK,
        NOW,
    )
    assert [r.task for r in sheet.rows] == ["task 2", "task 1"]  # no project sorts first
    by_task = {r.task: r for r in sheet.rows}
    assert by_task["task 1"].days == [2 * H, 0, 2700, 0, 0, 0, 0]
    assert by_task["task 1"].total == 2 * H + 2700
    assert sheet.day_totals == [2 * H, 0, 2700, 0, 0, 0, 1800]
    assert sheet.total == 2 * H + 2700 + 1800


def test_entry_crossing_local_midnight_is_split() -> None:
    # Thu 23:00 local (22:00 UTC) to Fri 01:30 local.
    sheet = build([span(1, utc(2026, 11, 19, 22), utc(2026, 11, 20, 0, 30))], WEEK, NOW)
    assert sheet.rows[0].days == [0, 0, 0, 1 * H, int(1.5 * H), 0, 0]


def test_entries_partly_outside_the_week_count_only_inside() -> None:
    sheet = build(
        [
            span(1, utc(2026, 11, 15, 22), utc(2026, 11, 16, 1)),  # Sun 23:00 – Mon 02:00 local
            span(2, utc(2026, 11, 22, 22), utc(2026, 11, 23, 2)),  # Sun 23:00 – Mon (next week)
        ],
        WEEK,
        NOW,
    )
    by = {r.task: r.days for r in sheet.rows}
    assert by["task 1"] == [2 * H, 0, 0, 0, 0, 0, 0]
    # 22:00 UTC on Sunday is 23:00 local Sunday: one hour inside the week.
    assert by["task 2"] == [0, 0, 0, 0, 0, 0, 1 * H]


def test_running_timer_counts_up_to_now() -> None:
    now = utc(2026, 11, 20, 11, 15)
    sheet = build([span(1, utc(2026, 11, 20, 9), None)], WEEK, now)
    assert sheet.rows[0].days[4] == 2 * H + 900


def test_running_timer_from_last_week_counts_from_monday() -> None:
    now = utc(2026, 11, 16, 1)  # Monday 02:00 local
    sheet = build([span(1, utc(2026, 11, 15, 21), None)], WEEK, now)  # since Sunday 22:00 local
    assert sheet.rows[0].days == [2 * H, 0, 0, 0, 0, 0, 0]


def test_spring_forward_day_is_23_hours() -> None:
    week = make_week(2026, 13, MADRID)
    # Sunday 29 March, whole local day: 23:00 UTC Saturday to 22:00 UTC Sunday.
    sheet = build([span(1, utc(2026, 3, 28, 23), utc(2026, 3, 29, 22))], week, utc(2026, 4, 1))
    assert sheet.rows[0].days[6] == 23 * H
    assert sheet.total == 23 * H


def test_fall_back_day_is_25_hours() -> None:
    week = make_week(2026, 43, MADRID)
    # Sunday 25 October, whole local day: 22:00 UTC Saturday to 23:00 UTC Sunday.
    sheet = build([span(1, utc(2026, 10, 24, 22), utc(2026, 10, 25, 23))], week, utc(2026, 10, 30))
    assert sheet.rows[0].days[6] == 25 * H


def test_rounding_up_each_entry() -> None:
    spans = [
        span(1, utc(2026, 11, 16, 8), utc(2026, 11, 16, 8, 7)),  # 7 min → 15
        span(1, utc(2026, 11, 16, 9), utc(2026, 11, 16, 9, 15)),  # 15 min → 15
        span(1, utc(2026, 11, 16, 10), utc(2026, 11, 16, 10, 16)),  # 16 min → 30
    ]
    sheet = build(spans, WEEK, NOW, Rounding(15, "up"))
    assert sheet.rows[0].days[0] == 60 * 60


def test_rounding_to_nearest() -> None:
    spans = [
        span(1, utc(2026, 11, 16, 8), utc(2026, 11, 16, 8, 7)),  # 7 min → 0
        span(1, utc(2026, 11, 16, 9), utc(2026, 11, 16, 9, 8)),  # 8 min → 15
        span(1, utc(2026, 11, 16, 10), utc(2026, 11, 16, 10, 7, 30)),  # 7.5 min → 15
    ]
    sheet = build(spans, WEEK, NOW, Rounding(15, "nearest"))
    assert sheet.rows[0].days[0] == 30 * 60


def test_rounding_applies_to_each_side_of_midnight() -> None:
    # 23:50 to 00:10 local: 10 minutes on each day, each rounded up to 15.
    sheet = build([span(1, utc(2026, 11, 17, 22, 50), utc(2026, 11, 17, 23, 10))], WEEK, NOW, Rounding(15))
    assert sheet.rows[0].days[1:3] == [900, 900]


@pytest.mark.parametrize("minutes,mode", [(0, "up"), (1441, "up"), (15, "down")])
def test_bad_rounding(minutes: int, mode: str) -> None:
    with pytest.raises(UsageError):
        Rounding(minutes, mode)


def test_flags_mark_rows() -> None:
    sheet = build([span(1, utc(2026, 11, 16, 8), utc(2026, 11, 16, 9), flag="local-only")], WEEK, NOW)
    assert sheet.rows[0].flags == {"local-only"}


def test_empty_week() -> None:
    sheet = build([], WEEK, NOW)
    assert sheet.rows == [] and sheet.total == 0 and sheet.day_totals == [0] * 7


def test_format_duration() -> None:
    assert format_duration(0) == "0:00"
    assert format_duration(59) == "0:00"
    assert format_duration(3 * H + 25 * 60) == "3:25"
    assert format_duration(100 * H) == "100:00"


def test_format_elapsed() -> None:
    from stint.domain.timesheet import format_elapsed

    assert format_elapsed(0) == "0:00:00"
    assert format_elapsed(-5) == "0:00:00"
    assert format_elapsed(3 * H + 25 * 60 + 7.9) == "3:25:07"
    assert format_elapsed(100 * H) == "100:00:00"
