"""Free time in a day, against hand-computed intervals. Madrid, Thursday 19 November
2026 (UTC+1): local midnight is 23:00 UTC the day before."""

from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from stint.domain.day_slots import add_slot, edge_range, gaps, merged, slot_at, snapped

MADRID = ZoneInfo("Europe/Madrid")
DAY = date(2026, 11, 19)


def at(hour: int, minute: int = 0, day: int = 19) -> datetime:
    """Madrid wall clock on `day` November 2026, as UTC."""
    return datetime(2026, 11, day, hour, minute, tzinfo=MADRID).astimezone(timezone.utc)


START, END = at(0), at(0, day=20)
WORK = [(at(9), at(10, 30)), (at(12), at(13)), (at(14), at(16))]


def test_merged_joins_overlapping_and_touching() -> None:
    assert merged([(at(12), at(13)), (at(9), at(10)), (at(10), at(11)), (at(12, 30), at(12, 45))]) == [
        (at(9), at(11)), (at(12), at(13))]


def test_gaps_between_entries() -> None:
    assert gaps(WORK, at(8), at(17)) == [(at(8), at(9)), (at(10, 30), at(12)), (at(13), at(14)), (at(16), at(17))]
    assert gaps(WORK, at(9), at(16)) == [(at(10, 30), at(12)), (at(13), at(14))]
    assert gaps([], at(8), at(9)) == [(at(8), at(9))]


def test_add_on_today_proposes_after_the_last_entry_up_to_now() -> None:
    assert add_slot(WORK, DAY, MADRID, START, END, now=at(17, 20)) == (at(16), at(17, 20))


def test_add_on_a_past_day_proposes_the_hour_after_the_last_entry() -> None:
    assert add_slot(WORK, DAY, MADRID, START, END, now=at(9, day=21)) == (at(16), at(17))
    late = [(at(22, 30), at(0, day=20))]  # ends at midnight: no room after it, none between
    assert add_slot(late, DAY, MADRID, START, END, now=at(9, day=21)) == (at(21, 30), at(22, 30))


def test_add_with_a_timer_running_proposes_the_latest_gap() -> None:
    running = [*WORK, (at(16, 30), at(17, 20))]  # running since 16:30, now 17:20
    assert add_slot(running, DAY, MADRID, START, END, now=at(17, 20)) == (at(16), at(16, 30))


def test_add_on_an_empty_day() -> None:
    assert add_slot([], DAY, MADRID, START, END, now=at(17, 20)) == (at(16, 20), at(17, 20))
    assert add_slot([], DAY, MADRID, START, END, now=at(0, 20)) == (at(0), at(0, 20))
    assert add_slot([], DAY, MADRID, START, END, now=at(12, day=25)) == (at(9), at(10))


def test_add_ignores_time_of_other_days() -> None:
    overnight = [(at(22, 30, day=18), at(1, 15))]  # Wednesday 22:30 – Thursday 01:15
    assert add_slot(overnight, DAY, MADRID, START, END, now=at(8)) == (at(1, 15), at(8))


def test_a_click_on_a_short_gap_proposes_all_of_it() -> None:
    assert slot_at(WORK, at(12, 40), START, END, now=at(17)) is None  # on an entry
    assert slot_at(WORK, at(11, 5), START, END, now=at(17)) == (at(10, 30), at(12))


def test_a_click_on_a_long_gap_proposes_an_hour_from_the_quarter() -> None:
    assert slot_at(WORK, at(3, 20), START, END, now=at(17)) == (at(3, 15), at(4, 15))
    assert slot_at(WORK, at(8, 50), START, END, now=at(17)) == (at(8), at(9))  # kept inside the gap
    assert slot_at(WORK, at(19), START, END, now=at(17)) is None  # after now
    assert slot_at(WORK, at(19, 10), START, END, now=at(9, day=21)) == (at(19), at(20))


def test_edges_stop_at_the_neighbours_now_and_a_minute() -> None:
    others = [(at(9), at(10, 30)), (at(14), at(16))]
    assert edge_range(others, at(12), at(13), "start", START, END, now=at(17)) == (at(10, 30), at(12, 59))
    assert edge_range(others, at(12), at(13), "end", START, END, now=at(17)) == (at(12, 1), at(14))
    assert edge_range([], at(16), at(16, 30), "end", START, END, now=at(17)) == (at(16, 1), at(17))
    assert edge_range([], at(16), None, "start", START, END, now=at(17)) == (at(0), at(16, 59))
    with pytest.raises(ValueError):
        edge_range([], at(16), None, "middle", START, END, now=at(17))


def test_snapping_to_five_minutes_within_bounds() -> None:
    assert snapped(at(12, 7) + timedelta(seconds=40), START, at(10), at(14)) == at(12, 10)
    assert snapped(at(12, 2), START, at(10), at(14)) == at(12)
    assert snapped(at(10, 31), START, at(10, 32), at(14)) == at(10, 32)  # a bound off the step
