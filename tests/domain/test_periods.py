"""Periods: weeks, months and runs of days, their local midnights, and what people type."""

from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from stint.domain.errors import UsageError
from stint.domain.periods import Period, iso_week_period, month_period, parse_period, week_period

MADRID = ZoneInfo("Europe/Madrid")
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)  # Monday 23 November, 10:00 in Madrid


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=timezone.utc)


def test_an_iso_week() -> None:
    week = iso_week_period(2026, 47, MADRID)
    assert (week.first, week.last, week.label, week.kind) == (date(2026, 11, 16), date(2026, 11, 22), "2026-W47", "week")
    assert len(week.days) == 7
    assert week.start == utc(2026, 11, 15, 23) and week.end == utc(2026, 11, 22, 23)


def test_a_sunday_first_week_is_named_after_its_monday() -> None:
    week = iso_week_period(2026, 47, MADRID, week_start=6)
    assert week.first == date(2026, 11, 15) and week.label == "2026-W47"
    assert week_period(date(2026, 11, 15), MADRID, 6) == week


def test_a_month_with_the_spring_forward_day() -> None:
    march = month_period(2026, 3, MADRID)
    assert (march.first, march.last, march.label, march.slug) == (date(2026, 3, 1), date(2026, 3, 31), "2026-03",
                                                                  "2026-03")
    lengths = [(b - a).total_seconds() / 3600 for a, b in zip(march.day_edges, march.day_edges[1:])]
    assert lengths == [24.0] * 28 + [23.0] + [24.0] * 2  # Sunday 29 March is 23 hours
    assert march.end - march.start == timedelta(days=31, hours=-1)


def test_a_month_cut_into_weeks() -> None:
    # November 2026 starts on a Sunday: a one-day block, four full weeks, then Monday 30.
    november = month_period(2026, 11, MADRID)
    assert [(november.days[b[0]].day, len(b)) for b in november.weeks()] == [(1, 1), (2, 7), (9, 7), (16, 7),
                                                                            (23, 7), (30, 1)]
    assert iso_week_period(2026, 47, MADRID).weeks() == [range(0, 7)]


def test_a_run_of_days() -> None:
    run = Period(date(2026, 11, 16), date(2026, 11, 29), MADRID)
    assert run.label == "2026-11-16 – 2026-11-29" and run.slug == "2026-11-16_2026-11-29"
    assert Period(date(2026, 11, 16), date(2026, 11, 16), MADRID).label == "2026-11-16"


def test_shifting_keeps_the_kind() -> None:
    assert iso_week_period(2026, 53, MADRID).shifted(1).label == "2027-W01"
    assert month_period(2026, 12, MADRID).shifted(1).label == "2027-01"
    assert month_period(2026, 3, MADRID).shifted(-1).last == date(2026, 2, 28)
    run = Period(date(2026, 11, 16), date(2026, 11, 29), MADRID)
    assert run.shifted(-1) == Period(date(2026, 11, 2), date(2026, 11, 15), MADRID)


def test_a_period_ending_before_it_starts_or_longer_than_a_year_is_refused() -> None:
    with pytest.raises(UsageError, match="ends"):
        Period(date(2026, 11, 16), date(2026, 11, 15), MADRID)
    with pytest.raises(UsageError, match="at most 366 days"):
        Period(date(2025, 1, 1), date(2026, 1, 2), MADRID)


@pytest.mark.parametrize(
    "options,first,last,label",
    [
        ({}, date(2026, 11, 23), date(2026, 11, 29), "2026-W48"),
        ({"week": "last"}, date(2026, 11, 16), date(2026, 11, 22), "2026-W47"),
        ({"week": "2026-48"}, date(2026, 11, 23), date(2026, 11, 29), "2026-W48"),
        ({"week": "2026-11-18"}, date(2026, 11, 16), date(2026, 11, 22), "2026-W47"),  # the week holding a day
        ({"week": "yesterday"}, date(2026, 11, 16), date(2026, 11, 22), "2026-W47"),
        ({"month": "2026-11"}, date(2026, 11, 1), date(2026, 11, 30), "2026-11"),
        ({"month": "last"}, date(2026, 10, 1), date(2026, 10, 31), "2026-10"),
        ({"month": "feb"}, date(2026, 2, 1), date(2026, 2, 28), "2026-02"),
        ({"start": "2026-11-02", "end": "2026-11-15"}, date(2026, 11, 2), date(2026, 11, 15),
         "2026-11-02 – 2026-11-15"),
        ({"start": "mon"}, date(2026, 11, 23), date(2026, 11, 23), "2026-11-23"),  # --to defaults to today
    ],
)
def test_parse_period(options: dict[str, str], first: date, last: date, label: str) -> None:
    period = parse_period(MADRID, NOW, **options)
    assert (period.first, period.last, period.label) == (first, last, label)


@pytest.mark.parametrize(
    "options,message",
    [
        ({"week": "this", "month": "this"}, "choose one period: --week or --month"),
        ({"end": "2026-11-02"}, "--to needs --from"),
        ({"month": "2026-13"}, "not a month"),
        ({"month": "1970-01"}, "out of range"),
        ({"month": "9999-12"}, "out of range"),
        ({"start": "2026-11-20", "end": "2026-11-02"}, "ends"),
        ({"start": "0001-01-01", "end": "2026-11-02"}, "out of range"),
        ({"week": "soon"}, "not a week"),
    ],
)
def test_bad_periods_are_one_line_usage_errors(options: dict[str, str], message: str) -> None:
    with pytest.raises(UsageError, match=message):
        parse_period(MADRID, NOW, **options)
