"""The decisions of the user actions, as pure functions."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from stint.domain import tracking
from stint.domain.errors import Refused, UsageError
from stint.domain.tracking import Span

T = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)
MADRID = ZoneInfo("Europe/Madrid")


def at(minutes: float) -> datetime:
    return T + timedelta(minutes=minutes)


@pytest.mark.parametrize(("a", "b", "expected"), [
    ((0, 10), (10, 20), False),      # touching
    ((0, 10), (5, 20), True),
    ((5, 6), (0, 20), True),         # inside
    ((0, None), (30, 40), True),     # a timer reaches forever
    ((50, None), (30, 40), False),   # ... but not backwards
    ((0, 10), (9, None), True),
    ((0, 10), (10, None), False),
])
def test_overlaps_as_half_open_intervals(a, b, expected) -> None:
    def bounds(pair: tuple[float, float | None]) -> tuple[datetime, datetime | None]:
        return at(pair[0]), None if pair[1] is None else at(pair[1])

    assert tracking.overlaps(*bounds(a), *bounds(b)) is expected
    assert tracking.overlaps(*bounds(b), *bounds(a)) is expected


def test_a_start_is_refused_by_an_entry_covering_now_or_lying_ahead() -> None:
    tracking.refuse_start(at(0), [Span("aaaa1111", "Before", at(-60), at(0))], MADRID)  # ends as we start
    with pytest.raises(Refused, match=r"entry aaaa1111 \(Now, 2026-11-23 09:30–10:30\) already covers this moment"):
        tracking.refuse_start(at(0), [Span("aaaa1111", "Now", at(-30), at(30))], MADRID)
    with pytest.raises(Refused, match="bbbb2222 .* lies ahead; a timer started now would overlap it"):
        tracking.refuse_start(at(0), [Span("bbbb2222", "Later", at(60), at(90))], MADRID)


def test_refuse_overlap_names_the_entry_in_local_time() -> None:
    with pytest.raises(Refused, match=r"overlaps entry cccc3333 \(T, 2026-11-23 10:00–running\)"):
        tracking.refuse_overlap(at(-10), at(10), [Span("cccc3333-x", "T", at(0), None)], MADRID)
    tracking.refuse_overlap(at(-10), at(0), [Span("cccc3333-x", "T", at(0), None)], MADRID)


def test_a_timer_stopped_in_the_second_it_started_keeps_no_entry() -> None:
    assert tracking.stop_at(T, T + timedelta(seconds=1)) == T + timedelta(seconds=1)
    assert tracking.stop_at(T, T) is None
    assert tracking.stop_at(T, T - timedelta(seconds=5)) is None  # a clock set back


def test_idle_cut() -> None:
    assert tracking.idle_cut(at(0), since=at(30), now=at(50)) == at(30)
    assert tracking.idle_cut(at(0), since=at(-5), now=at(50)) is None
    assert tracking.idle_cut(at(0), since=at(80), now=at(50)) == at(50)


def test_titles() -> None:
    assert tracking.clean_title("  a \t b ") == "a b"
    for bad in ("", "  ", "x" * 256):
        with pytest.raises(UsageError):
            tracking.clean_title(bad)


def test_edit_rules() -> None:
    got = tracking.edit(at(0), at(60), "n", at(120), start=None, end=at(90), new_note="n")
    assert got == (at(0), at(90), {"end": at(90).isoformat()})
    assert tracking.edit(at(0), at(60), "n", at(120), start=None, end=None, new_note="n").changed == {}
    with pytest.raises(Refused, match="still running"):
        tracking.edit(at(0), None, "", at(10), start=None, end=at(5), new_note=None)
    with pytest.raises(Refused, match="future"):
        tracking.edit(at(0), None, "", at(10), start=at(20), end=None, new_note=None)
    with pytest.raises(Refused, match="end must be after"):
        tracking.edit(at(0), at(60), "", at(120), start=at(60), end=None, new_note=None)
    with pytest.raises(Refused, match="week or longer"):
        tracking.edit(at(0), at(60), "", at(120), start=None, end=at(7 * 24 * 60), new_note=None)
