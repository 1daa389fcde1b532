"""The decisions of the user actions, as pure functions of values and `now`.

The store (store/actions.py) reads what they need inside the action's write
transaction, calls them, and writes what they decide. Instants are whole seconds,
as the store keeps them.

Intervals are half-open, [start, end); an end of None reaches forever: a running
timer, or a timer about to start, will end at some unknown later time, so anything
after its start would overlap it once it stops.
"""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo
from typing import NamedTuple

from .errors import Refused, UsageError

MAX_TITLE = 255
# A finished entry is shorter than this; queries rely on it to stay index ranges.
MAX_ENTRY = timedelta(days=7)


class Span(NamedTuple):
    """Another entry, as the overlap rules see it."""

    id: str
    title: str
    start: datetime
    end: datetime | None


def clean_title(title: str) -> str:
    title = " ".join(title.split())
    if not title:
        raise UsageError("a task needs a title")
    if len(title) > MAX_TITLE:
        raise UsageError(f"a title can have at most {MAX_TITLE} characters, this one has {len(title)}")
    return title


def whole_seconds(moment: datetime) -> datetime:
    return moment.replace(microsecond=0)


def check_interval(start: datetime, end: datetime) -> None:
    if end <= start:
        raise Refused("the end must be after the start")
    if end - start >= MAX_ENTRY:
        raise Refused("an entry cannot be a week or longer")


def overlaps(start: datetime, end: datetime | None, other_start: datetime, other_end: datetime | None) -> bool:
    """Do [start, end) and [other_start, other_end) share an instant? Touching is fine."""
    return (end is None or other_start < end) and (other_end is None or start < other_end)


def first_overlap(start: datetime, end: datetime | None, others: list[Span]) -> Span | None:
    return next((o for o in others if overlaps(start, end, o.start, o.end)), None)


def describe(span: Span, tz: tzinfo) -> str:
    begin = span.start.astimezone(tz)
    until = f"{span.end.astimezone(tz):%H:%M}" if span.end else "running"
    return f"entry {span.id[:8]} ({span.title}, {begin:%Y-%m-%d %H:%M}–{until})"


def refuse_overlap(start: datetime, end: datetime | None, others: list[Span], tz: tzinfo) -> None:
    """Refuse [start, end) if it overlaps one of `others` (live entries)."""
    other = first_overlap(start, end, others)
    if other is not None:
        raise Refused(f"overlaps {describe(other, tz)}")


def refuse_start(now: datetime, others: list[Span], tz: tzinfo) -> None:
    """A timer started `now` runs over [now, forever): refuse it if a finished entry
    covers `now` or lies after it (it would overlap once the timer stops)."""
    other = first_overlap(now, None, others)
    if other is None:
        return
    if other.start <= now:
        raise Refused(f"{describe(other, tz)} already covers this moment; edit it first")
    raise Refused(f"{describe(other, tz)} lies ahead; a timer started now would overlap it")


def stop_at(started_at: datetime, at: datetime) -> datetime | None:
    """Where a timer that started at `started_at` ends when stopped at `at`; None when
    it would last less than a second (the same second, or a clock set back): such a
    timer tracked nothing, and no entry of zero length is kept for it."""
    return at if at > started_at else None


def idle_cut(started_at: datetime, since: datetime, now: datetime) -> datetime | None:
    """Where a running timer ends when the time since `since` is taken off it; None
    when nothing of it is left."""
    return stop_at(started_at, min(since, now))


class Edit(NamedTuple):
    start: datetime
    end: datetime | None
    changed: dict[str, object]  # what the server is told: start, end, note


def edit(started_at: datetime, ended_at: datetime | None, note: str, now: datetime, *,
         start: datetime | None, end: datetime | None, new_note: str | None) -> Edit:
    """An entry's times and note after an edit, checked; `changed` is empty when the
    edit changes nothing."""
    if end is not None and ended_at is None:
        raise Refused("this timer is still running; stop it, or change only its start or note")
    new_start = start or started_at
    new_end = end or ended_at
    if new_end is not None:
        check_interval(new_start, new_end)
    elif new_start > now:
        raise Refused("a running timer cannot start in the future")
    changed: dict[str, object] = {}
    if new_start != started_at:
        changed["start"] = new_start.isoformat()
    if new_end != ended_at:
        changed["end"] = new_end.isoformat() if new_end else None
    if new_note is not None and new_note != note:
        changed["note"] = new_note
    return Edit(new_start, new_end, changed)


def check_split(started_at: datetime, ended_at: datetime | None, at: datetime, now: datetime, tz: tzinfo) -> None:
    """Refuse to split an entry anywhere but strictly inside it (a running one: before
    now), so that both halves last at least a second."""
    end = ended_at if ended_at is not None else now
    if not started_at < at < end:
        until = f"{end.astimezone(tz):%H:%M}" if ended_at is not None else "now"
        raise Refused(f"split at a time inside the entry: after {started_at.astimezone(tz):%H:%M} and before {until}")
