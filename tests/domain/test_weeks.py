from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from stint.domain.weeks import local_midnight, make_week, split_by_day, week_of

MADRID = ZoneInfo("Europe/Madrid")


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=timezone.utc)


def test_iso_week_monday_first() -> None:
    week = make_week(2026, 47, MADRID)
    assert week.days[0] == date(2026, 11, 16)
    assert week.days[-1] == date(2026, 11, 22)
    assert week.start == utc(2026, 11, 15, 23, 0)
    assert week.end == utc(2026, 11, 22, 23, 0)
    assert week.label == "2026-W47"


def test_sunday_first_week_starts_the_day_before() -> None:
    week = make_week(2026, 47, MADRID, week_start=6)
    assert week.days[0] == date(2026, 11, 15)
    assert week_of(utc(2026, 11, 15, 12), MADRID, 6).days == week.days


def test_week_of_a_moment_uses_local_date() -> None:
    # Sunday 23:30 UTC is already Monday in Madrid.
    assert week_of(utc(2026, 11, 22, 23, 30), MADRID).number == 48
    assert week_of(utc(2026, 11, 22, 22, 30), MADRID).number == 47


def test_spring_forward_week_has_a_23_hour_day() -> None:
    week = make_week(2026, 13, MADRID)  # Mon 23 March – Sun 29 March 2026
    edges = week.day_edges()
    lengths = [(b - a) / timedelta(hours=1) for a, b in zip(edges, edges[1:])]
    assert lengths == [24, 24, 24, 24, 24, 24, 23]


def test_fall_back_week_has_a_25_hour_day() -> None:
    week = make_week(2026, 43, MADRID)  # Mon 19 October – Sun 25 October 2026
    edges = week.day_edges()
    lengths = [(b - a) / timedelta(hours=1) for a, b in zip(edges, edges[1:])]
    assert lengths == [24, 24, 24, 24, 24, 24, 25]


def test_midnight_that_does_not_exist() -> None:
    # In America/Santiago clocks jumped from 00:00 to 01:00 on 2026-09-06.
    santiago = ZoneInfo("America/Santiago")
    start = local_midnight(date(2026, 9, 6), santiago)
    assert start.astimezone(santiago).date() == date(2026, 9, 6)
    assert start.astimezone(santiago).hour == 1


def test_split_by_day_at_local_midnight() -> None:
    week = make_week(2026, 47, MADRID)
    # Tuesday 22:00 to Wednesday 02:30 local = 21:00 to 01:30 UTC.
    parts = list(split_by_day(utc(2026, 11, 17, 21), utc(2026, 11, 18, 1, 30), week.day_edges()))
    assert parts == [(1, 2 * 3600), (2, 2 * 3600 + 1800)]


def test_split_drops_time_outside_the_week() -> None:
    week = make_week(2026, 47, MADRID)
    parts = list(split_by_day(utc(2026, 11, 15, 22), utc(2026, 11, 16, 0), week.day_edges()))
    assert parts == [(0, 3600)]  # only the hour after local midnight on Monday


def test_split_is_right_for_spans_given_in_local_time() -> None:
    week = make_week(2026, 13, MADRID)
    # The whole of Sunday 29 March, given in local time: 23 hours.
    start = datetime(2026, 3, 29, 0, 0, tzinfo=MADRID)
    end = datetime(2026, 3, 30, 0, 0, tzinfo=MADRID)
    assert list(split_by_day(start, end, week.day_edges())) == [(6, 23 * 3600)]
