"""When time away is worth a question, and the gap a crash left behind."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from stint.domain.away import crash_gap, threshold, worth_asking

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)


def gap(**overrides: object) -> datetime | None:
    values: dict[str, object] = dict(beat_at=T0, closed=False, pending_entry=None, pending_since=None,
                                     running_entry="e1", running_since=T0 - timedelta(hours=1),
                                     now=T0 + timedelta(minutes=30), idle_minutes=0)
    values.update(overrides)
    return crash_gap(**values)  # type: ignore[arg-type]


def test_threshold_follows_the_idle_setting() -> None:
    assert threshold(0) == timedelta(minutes=1)
    assert threshold(10) == timedelta(minutes=10)
    assert not worth_asking(T0, T0 + timedelta(seconds=59), 0)
    assert worth_asking(T0, T0 + timedelta(minutes=10), 10)
    assert not worth_asking(T0, T0 + timedelta(minutes=9), 10)


def test_the_gap_since_the_last_beat() -> None:
    assert gap() == T0


def test_no_gap_without_a_running_timer_or_a_beat_or_after_a_chosen_quit() -> None:
    assert gap(running_entry=None, running_since=None) is None
    assert gap(beat_at=None) is None
    assert gap(closed=True) is None


def test_a_timer_started_after_the_last_beat_ran_in_plain_sight() -> None:
    assert gap(running_since=T0 + timedelta(minutes=5)) is None


def test_a_restart_right_away_asks_nothing() -> None:
    assert gap(now=T0 + timedelta(minutes=1, seconds=59)) is None
    assert gap(now=T0 + timedelta(minutes=2)) == T0
    assert gap(now=T0 + timedelta(minutes=9), idle_minutes=10) is None


def test_an_unanswered_question_wins_for_the_same_timer_only() -> None:
    earlier = T0 - timedelta(minutes=20)
    assert gap(pending_entry="e1", pending_since=earlier, closed=True) == earlier
    assert gap(pending_entry="other", pending_since=earlier) == T0
