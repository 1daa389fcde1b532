from datetime import datetime, timezone
from zoneinfo import ZoneInfo

import pytest

from stint.domain.errors import UsageError
from stint.domain.when import parse_week, parse_when

MADRID = ZoneInfo("Europe/Madrid")
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)  # Monday, 10:00 in Madrid


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=timezone.utc)


def test_naive_time_is_local() -> None:
    assert parse_when("2026-11-20T09:00", MADRID) == utc(2026, 11, 20, 8, 0)


def test_offset_is_respected() -> None:
    assert parse_when("2026-11-20T09:00+05:00", MADRID) == utc(2026, 11, 20, 4, 0)
    assert parse_when("2026-11-20T09:00Z", MADRID) == utc(2026, 11, 20, 9, 0)


def test_space_separator_and_date_only() -> None:
    assert parse_when("2026-11-20 09:30", MADRID) == utc(2026, 11, 20, 8, 30)
    assert parse_when("2026-11-20", MADRID) == utc(2026, 11, 19, 23, 0)


def test_shorthands_need_now() -> None:
    assert parse_when("now", MADRID, NOW) == NOW
    assert parse_when("8:15", MADRID, NOW) == utc(2026, 11, 23, 7, 15)
    with pytest.raises(UsageError):
        parse_when("now", MADRID)


def test_summer_offset() -> None:
    assert parse_when("2026-07-01T12:00", MADRID) == utc(2026, 7, 1, 10, 0)


def test_time_in_dst_gap_moves_forward() -> None:
    # 02:30 does not exist on 2026-03-29 in Madrid; it is read as 03:30 CEST.
    assert parse_when("2026-03-29T02:30", MADRID) == utc(2026, 3, 29, 1, 30)


@pytest.mark.parametrize("bad", ["", "yesterday", "2026-13-01T00:00", "25:00", "2026-11-20T09:00+99:00"])
def test_bad_values_are_usage_errors(bad: str) -> None:
    with pytest.raises(UsageError, match="not a date and time"):
        parse_when(bad, MADRID, NOW)


def test_weeks() -> None:
    assert parse_week(None, MADRID, NOW) == (2026, 48)
    assert parse_week("this", MADRID, NOW) == (2026, 48)
    assert parse_week("LAST", MADRID, NOW) == (2026, 47)
    assert parse_week("2026-W47", MADRID, NOW) == (2026, 47)
    assert parse_week("2026w5", MADRID, NOW) == (2026, 5)
    assert parse_week("2020-W53", MADRID, NOW) == (2020, 53)


def test_week_at_year_boundary() -> None:
    new_year = datetime(2027, 1, 1, 12, tzinfo=timezone.utc)  # a Friday in ISO week 2026-W53
    assert parse_week("this", MADRID, new_year) == (2026, 53)


@pytest.mark.parametrize("bad", ["W47", "2026-W", "2026-W54", "2025-W53", "2026-W00", "next week"])
def test_bad_weeks(bad: str) -> None:
    with pytest.raises(UsageError):
        parse_week(bad, MADRID, NOW)
