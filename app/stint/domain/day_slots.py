"""Free time in one local day: its gaps, the slot Add proposes, what a click on a gap
proposes, and how far an entry's edge may be dragged on the Day view's timeline.

Pure: takes the day's busy intervals (UTC, a running entry up to `now`), the day's
two local midnights and `now`; returns intervals. Nothing here reads a clock.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta, tzinfo

from .when import resolve_local

Interval = tuple[datetime, datetime]

LENGTH = timedelta(hours=1)  # what a proposal lasts when nothing else bounds it
CLICK_STEP = timedelta(minutes=15)  # a click on a long gap starts on a quarter hour
DRAG_STEP = timedelta(minutes=5)  # a dragged edge snaps to five minutes
SHORTEST = timedelta(minutes=1)  # a dragged entry keeps at least this much
WORKDAY_START = time(9)  # an empty day that is not today proposes 09:00–10:00


def merged(busy: Iterable[Interval]) -> list[Interval]:
    """`busy` sorted, with overlapping or touching intervals joined."""
    out: list[Interval] = []
    for start, end in sorted(busy):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def gaps(busy: Iterable[Interval], start: datetime, end: datetime) -> list[Interval]:
    """The free intervals of [start, end) that no busy interval covers."""
    free, cursor = [], start
    for lo, hi in merged(busy):
        if lo > cursor:
            free.append((cursor, min(lo, end)))
        cursor = max(cursor, hi)
        if cursor >= end:
            break
    if cursor < end:
        free.append((cursor, end))
    return [(lo, hi) for lo, hi in free if hi > lo]


def limit_of(day_start: datetime, day_end: datetime, now: datetime) -> datetime:
    """How far a day's free time reaches: up to now on today, the whole of another day."""
    return now if day_start <= now < day_end else day_end


def add_slot(busy: list[Interval], day: date, tz: tzinfo, day_start: datetime, day_end: datetime,
             now: datetime) -> Interval:
    """What Add proposes on `day`: the time after the day's last entry — up to now on
    today, an hour of it on another day. With nothing free after the last entry (a
    timer runs, or it ended just now): the latest gap between the day's entries, else
    the hour before the first. An empty day: the hour before now on today, 09:00–10:00
    on another day. Never a slot that overlaps an entry, when the day has room."""
    limit = limit_of(day_start, day_end, now)
    today = limit == now
    inside = [(max(lo, day_start), min(hi, day_end)) for lo, hi in merged(busy) if hi > day_start and lo < day_end]
    if not inside:
        if today:
            end = max(now, day_start)
            return max(day_start, end - LENGTH), end
        nine = resolve_local(datetime.combine(day, WORKDAY_START), tz)
        return nine, nine + LENGTH
    last_end = inside[-1][1]
    after = (last_end, now if today else min(day_end, last_end + LENGTH))
    if after[1] > after[0]:
        return after
    between = gaps(inside, inside[0][0], limit)
    if between:
        return between[-1]
    first = inside[0][0]
    if first > day_start:
        return max(day_start, first - LENGTH), first
    return last_end, last_end + LENGTH  # no room at all: the Tracker will say what it overlaps


def slot_at(busy: list[Interval], at: datetime, day_start: datetime, day_end: datetime,
            now: datetime) -> Interval | None:
    """What a click at `at` on the timeline proposes: the whole gap when it is short
    (up to two hours: a lunch break, a forgotten meeting), else an hour from the
    quarter hour clicked, inside the gap. None when `at` is on an entry or past the
    day's limit (now, on today)."""
    for lo, hi in gaps(busy, day_start, limit_of(day_start, day_end, now)):
        if lo <= at < hi:
            break
    else:
        return None
    if hi - lo <= 2 * LENGTH:
        return lo, hi
    start = max(lo, day_start + (at - day_start) // CLICK_STEP * CLICK_STEP)
    end = min(hi, start + LENGTH)
    return max(lo, end - LENGTH), end


def edge_range(others: Iterable[Interval], start: datetime, end: datetime | None, edge: str,
               day_start: datetime, day_end: datetime, now: datetime) -> Interval:
    """Where an entry's `edge` ("start" or "end") may be dragged: within its day,
    never onto another entry (`others`: the day's other busy intervals), never past
    now, and keeping the entry at least a minute long. `end` None: running."""
    if edge not in ("start", "end"):
        raise ValueError(f"edge must be 'start' or 'end', not {edge!r}")
    stop = end if end is not None else max(now, start)
    if edge == "start":
        before = [hi for lo, hi in others if hi <= start]
        low = max([day_start, *before])
        return low, max(low, min(stop, now) - SHORTEST)
    after = [lo for lo, hi in others if lo >= stop]
    high = min([day_end, now, *after])
    return start + SHORTEST, max(start + SHORTEST, high)


def snapped(moment: datetime, origin: datetime, low: datetime, high: datetime, step: timedelta = DRAG_STEP) -> datetime:
    """`moment` rounded to the nearest `step` after `origin` (a local midnight), kept
    within [low, high] — a bound that is not on the step stays reachable."""
    steps = round((moment - origin) / step)
    return min(high, max(low, origin + steps * step))
