"""WHEN and WEEK as people type them, in Madrid (UTC+1 in winter, UTC+2 in summer)."""

from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

import pytest

from stint.domain.errors import UsageError
from stint.domain.when import parse_day, parse_week, parse_when, resolve_local

MADRID = ZoneInfo("Europe/Madrid")
BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)  # Monday, 10:00 in Madrid


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=timezone.utc)


def test_naive_time_is_local() -> None:
    assert parse_when("2026-11-20T09:00", MADRID, NOW) == utc(2026, 11, 20, 8, 0)


def test_offset_is_respected() -> None:
    assert parse_when("2026-11-20T09:00+05:00", MADRID, NOW) == utc(2026, 11, 20, 4, 0)
    assert parse_when("2026-11-20T09:00Z", MADRID, NOW) == utc(2026, 11, 20, 9, 0)


def test_space_separator_and_date_only() -> None:
    assert parse_when("2026-11-20 09:30", MADRID, NOW) == utc(2026, 11, 20, 8, 30)
    assert parse_when("2026-11-20", MADRID, NOW) == utc(2026, 11, 19, 23, 0)


def test_now_and_a_bare_time_are_today() -> None:
    assert parse_when("now", MADRID, NOW) == NOW
    assert parse_when("8:15", MADRID, NOW) == utc(2026, 11, 23, 7, 15)
    assert parse_when("17:30", MADRID, NOW) == utc(2026, 11, 23, 16, 30)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("yesterday 17:00", utc(2026, 11, 22, 16)),  # Sunday 17:00 local
        ("Yesterday  at 17:00", utc(2026, 11, 22, 16)),
        ("today 9:05", utc(2026, 11, 23, 8, 5)),
        ("tomorrow 08:00", utc(2026, 11, 24, 7)),
        ("mon 9:00", utc(2026, 11, 23, 8)),  # today is Monday: today
        ("monday 9:00", utc(2026, 11, 23, 8)),
        ("sun 9:00", utc(2026, 11, 22, 8)),  # the latest Sunday: yesterday
        ("tue 9:00", utc(2026, 11, 17, 8)),  # the latest Tuesday: six days ago
        ("fri 18:30", utc(2026, 11, 20, 17, 30)),
    ],
)
def test_day_words_and_weekdays_with_a_time(text: str, expected: datetime) -> None:
    assert parse_when(text, MADRID, NOW) == expected


@pytest.mark.parametrize(
    "text,expected",
    [("-15m", utc(2026, 11, 23, 8, 45)), ("-1h", utc(2026, 11, 23, 8)), ("-1h30m", utc(2026, 11, 23, 7, 30)),
     ("-90m", utc(2026, 11, 23, 7, 30)), ("+10m", utc(2026, 11, 23, 9, 10))],
)
def test_relative_times(text: str, expected: datetime) -> None:
    assert parse_when(text, MADRID, NOW) == expected


def test_summer_offset() -> None:
    assert parse_when("2026-07-01T12:00", MADRID, NOW) == utc(2026, 7, 1, 10, 0)


def test_a_time_in_the_spring_forward_gap_is_refused_naming_the_choices() -> None:
    # Berlin, last Sunday of March 2026: 02:00 CET jumps to 03:00 CEST; 02:15 never happens.
    with pytest.raises(UsageError) as refused:
        parse_when("2026-03-29 02:15", BERLIN, NOW)
    assert str(refused.value) == (
        "2026-03-29 02:15 does not exist in Europe/Berlin (the clocks jump from 02:00 to 03:00): give 01:15 or 03:15"
    )
    # The two choices named are real times, an hour of real time apart.
    assert parse_when("2026-03-29 03:15", BERLIN, NOW) - parse_when("2026-03-29 01:15", BERLIN, NOW) == \
        utc(2026, 1, 1, 1) - utc(2026, 1, 1)


def test_the_gap_is_refused_in_every_form_that_names_a_wall_clock_time() -> None:
    sunday = datetime(2026, 3, 29, 12, tzinfo=timezone.utc)
    with pytest.raises(UsageError, match="does not exist"):
        parse_when("2:30", BERLIN, sunday)
    with pytest.raises(UsageError, match="does not exist"):
        parse_when("today 2:59", BERLIN, sunday)
    # An explicit offset says which instant is meant: accepted.
    assert parse_when("2026-03-29T02:15+01:00", BERLIN, NOW) == utc(2026, 3, 29, 1, 15)


def test_an_ambiguous_fall_back_time_takes_the_first_and_says_so() -> None:
    # Madrid, 25 October 2026: 03:00 CEST goes back to 02:00 CET, so 02:30 happens twice.
    notes: list[str] = []
    assert parse_when("2026-10-25 02:30", MADRID, NOW, note=notes.append) == utc(2026, 10, 25, 0, 30)
    assert notes == [
        "2026-10-25 02:30 happens twice in Europe/Madrid (the clocks go back an hour); took the first, "
        "2026-10-25T02:30+02:00 — for the second give 2026-10-25T02:30+01:00"
    ]
    assert parse_when("2026-10-25T02:30+01:00", MADRID, NOW) == utc(2026, 10, 25, 1, 30)


def test_an_ordinary_time_makes_no_note() -> None:
    notes: list[str] = []
    parse_when("2026-10-25 04:30", MADRID, NOW, note=notes.append)
    assert notes == []
    assert resolve_local(datetime(2026, 10, 25, 4, 30), MADRID) == datetime(2026, 10, 25, 4, 30, tzinfo=MADRID)


@pytest.mark.parametrize(
    "text", ["0001-01-01T00:00", "1970-01-01T00:00", "1999-12-31T23:59", "2028-01-01T00:00", "2099-01-01T09:00",
             "9999-12-31T23:59", "9999-12-31T23:59-05:00", "0001-01-01T00:00+14:00"],
)
def test_years_outside_the_sane_range_are_refused(text: str) -> None:
    with pytest.raises(UsageError, match=r"out of range: Stint takes dates from 2000-01-01 to the end of next year"):
        parse_when(text, MADRID, NOW)


def test_the_sane_range_edges_are_accepted() -> None:
    assert parse_when("2000-01-01T00:00", MADRID, NOW) == utc(1999, 12, 31, 23)
    assert parse_when("2027-12-31T23:59", MADRID, NOW) == utc(2027, 12, 31, 22, 59)


def test_a_relative_time_too_far_away_is_refused_not_a_crash() -> None:
    with pytest.raises(UsageError):
        parse_when("-99999999h", MADRID, NOW)
    with pytest.raises(UsageError, match="out of range"):
        parse_when("-300000h", MADRID, NOW)  # ~34 years ago


@pytest.mark.parametrize("bad", ["", "2026-13-01T00:00", "2026-11-20T09:00+99:00", "soon", "-15", "mon9"])
def test_bad_values_are_usage_errors(bad: str) -> None:
    with pytest.raises(UsageError, match="not a date and time"):
        parse_when(bad, MADRID, NOW)


@pytest.mark.parametrize("bad,message", [("25:00", "not a time of day"), ("yesterday", "needs a time too"),
                                         ("mon", "needs a time too"), ("today 9:75", "not a time of day")])
def test_half_typed_times_say_what_is_missing(bad: str, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        parse_when(bad, MADRID, NOW)


def test_days() -> None:
    assert parse_day("2026-11-02", MADRID, NOW) == date(2026, 11, 2)
    assert parse_day("today", MADRID, NOW) == date(2026, 11, 23)
    assert parse_day("yesterday", MADRID, NOW) == date(2026, 11, 22)
    assert parse_day("wed", MADRID, NOW) == date(2026, 11, 18)
    with pytest.raises(UsageError, match="not a date"):
        parse_day("2026-02-30", MADRID, NOW)
    with pytest.raises(UsageError, match="out of range"):
        parse_day("1970-01-01", MADRID, NOW)


def test_weeks() -> None:
    assert parse_week(None, MADRID, NOW) == (2026, 48)
    assert parse_week("this", MADRID, NOW) == (2026, 48)
    assert parse_week("LAST", MADRID, NOW) == (2026, 47)
    assert parse_week("next", MADRID, NOW) == (2026, 49)
    assert parse_week("2026-W47", MADRID, NOW) == (2026, 47)
    assert parse_week("2026w5", MADRID, NOW) == (2026, 5)
    assert parse_week("2020-W53", MADRID, NOW) == (2020, 53)


@pytest.mark.parametrize("text", ["2026-48", "2026-W48", "2026W48", "W48", "w48", "48"])
def test_week_48_however_it_is_written(text: str) -> None:
    assert parse_week(text, MADRID, NOW) == (2026, 48)


def test_week_at_year_boundary() -> None:
    new_year = datetime(2027, 1, 1, 12, tzinfo=timezone.utc)  # a Friday in ISO week 2026-W53
    assert parse_week("this", MADRID, new_year) == (2026, 53)


@pytest.mark.parametrize("bad", ["2026-W", "2026-W54", "2025-W53", "2026-W00", "next week", "1970-W01", "9999-W52"])
def test_bad_weeks(bad: str) -> None:
    with pytest.raises(UsageError):
        parse_week(bad, MADRID, NOW)


def test_a_week_that_does_not_exist_names_the_weeks_that_do() -> None:
    with pytest.raises(UsageError, match=r"2025 has no week 53 \(it has weeks 1 to 52\)"):
        parse_week("2025-53", MADRID, NOW)
