"""Parsing what a person types for a moment (WHEN) or a day, in their time zone.

WHEN, local time unless it carries an offset; the result is UTC:

    2026-11-20T09:30   2026-11-20 09:30   2026-11-20T09:30+01:00   2026-11-20 (00:00)
    now                17:30 (today)      today 9:00   yesterday 17:00   tomorrow 8:00
    mon 9:00, monday 9:00      the latest Monday, today included
    -15m  -1h  -1h30m  +10m    that long before (after) now

A day (for --from/--to): 2026-11-20, today, yesterday, tomorrow, mon … sun.

Wall-clock times that a DST change skips or repeats are decided here, once:
- in the spring-forward gap (Madrid 2026-03-29 02:15) the time does not exist: it is
  refused, naming the two times the person may have meant (01:15 and 03:15);
- in the fall-back hour (Madrid 2026-10-25 02:30 happens twice) the first occurrence
  is taken — still summer time — and a note says so and how to write the second.

Dates must lie in SANE_RANGE: from 1 January 2000 to 31 December of next year. Older
or later dates are typing mistakes (0001, 1970, 2099, 9999), refused in one line.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, time, timedelta, timezone, tzinfo

from .errors import UsageError

FIRST_YEAR = 2000
SANE_RANGE = "from 2000-01-01 to the end of next year"
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
DAY_WORDS = {"today": 0, "yesterday": -1, "tomorrow": 1}

Note = Callable[[str], None]

_CLOCK = r"(\d{1,2}):(\d{2})(?::(\d{2}))?"
_DAY_AND_CLOCK = re.compile(rf"([a-z]+)\s+(?:at\s+)?{_CLOCK}")
_RELATIVE = re.compile(r"([+-])\s*(?:(\d+)\s*h)?\s*(?:(\d+)\s*m(?:in)?)?")
_EXAMPLES = "e.g. 2026-11-23T09:30, 17:30, yesterday 17:00, mon 9:00 or -15m"


def parse_when(text: str, tz: tzinfo, now: datetime, note: Note | None = None) -> datetime:
    """The UTC instant `text` names (forms in the module docstring). `note` hears about
    an ambiguous wall-clock time and how it was read."""
    raw = " ".join(text.strip().lower().split())
    if raw == "now":
        return now.astimezone(timezone.utc).replace(microsecond=0)
    relative = _RELATIVE.fullmatch(raw)
    if relative and (relative.group(2) or relative.group(3)):
        sign = -1 if relative.group(1) == "-" else 1
        try:
            delta = timedelta(hours=int(relative.group(2) or 0), minutes=int(relative.group(3) or 0))
            moment = (now + sign * delta).astimezone(timezone.utc).replace(microsecond=0)
        except OverflowError:
            raise UsageError(f"{text.strip()!r} is too far from now: Stint takes dates {SANE_RANGE}") from None
        return _checked(moment, now, tz)
    naive = _wall_clock(raw, text, tz, now)
    if naive is None:
        try:
            moment = datetime.fromisoformat(text.strip().replace(" ", "T", 1))
        except ValueError:
            raise UsageError(f"not a date and time: {text!r} ({_EXAMPLES})") from None
        if moment.tzinfo is not None:
            check_year(moment.year, now)
            return _checked(moment.astimezone(timezone.utc).replace(microsecond=0), now, tz)
        naive = moment
    check_year(naive.year, now)
    moment = resolve_local(naive, tz, note)
    return _checked(moment.astimezone(timezone.utc).replace(microsecond=0), now, tz)


def _wall_clock(raw: str, text: str, tz: tzinfo, now: datetime) -> datetime | None:
    """The local wall-clock time for `17:30`, `yesterday 17:00`, `mon 9:00`; None when
    `raw` is none of those forms."""
    today = now.astimezone(tz).date()
    clock = re.fullmatch(_CLOCK, raw)
    if clock:
        return datetime.combine(today, _time(clock.groups(), text))
    match = _DAY_AND_CLOCK.fullmatch(raw)
    if match:
        return datetime.combine(_named_day(match.group(1), today, text), _time(match.groups()[1:], text))
    if raw in DAY_WORDS or _weekday(raw) is not None:
        raise UsageError(f"{text.strip()!r} needs a time too, e.g. {raw} 9:00")
    return None


def _time(parts: tuple[str | None, ...], text: str) -> time:
    hour, minute, second = (int(p or 0) for p in parts)
    if hour > 23 or minute > 59 or second > 59:
        raise UsageError(f"not a time of day: {text!r} (use 00:00 to 23:59)")
    return time(hour, minute, second)


def parse_day(text: str, tz: tzinfo, now: datetime) -> date:
    """A local date: ISO (2026-11-20), today, yesterday, tomorrow or a weekday name."""
    raw = text.strip().lower()
    today = now.astimezone(tz).date()
    if raw in DAY_WORDS or _weekday(raw) is not None:
        return _named_day(raw, today, text)
    try:
        day = date.fromisoformat(raw)
    except ValueError:
        raise UsageError(f"not a date: {text!r} (e.g. 2026-11-20, today, yesterday or mon)") from None
    check_year(day.year, now)
    return day


def names_a_day(text: str) -> bool:
    """True for what `parse_day` reads as one day: an ISO date, today, mon, …"""
    raw = text.strip().lower()
    return raw in DAY_WORDS or _weekday(raw) is not None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw) is not None


def _named_day(word: str, today: date, text: str) -> date:
    if word in DAY_WORDS:
        return today + timedelta(days=DAY_WORDS[word])
    weekday = _weekday(word)
    if weekday is None:
        raise UsageError(f"not a date and time: {text!r} ({_EXAMPLES})")
    return today - timedelta(days=(today.weekday() - weekday) % 7)


def _weekday(word: str) -> int | None:
    """0 for 'mon', 'monday' (any prefix of three letters or more), …; None otherwise."""
    if len(word) < 3:
        return None
    return next((i for i, name in enumerate(WEEKDAYS) if name.startswith(word)), None)


def resolve_local(naive: datetime, tz: tzinfo, note: Note | None = None) -> datetime:
    """`naive` wall-clock time in `tz`, aware. Refuses a time in a DST gap (naming the
    two instants the person may have meant); takes the first of a repeated time and
    tells `note` so."""
    first = naive.replace(tzinfo=tz, fold=0)
    second = naive.replace(tzinfo=tz, fold=1)
    if first.utcoffset() == second.utcoffset():
        return first
    wall = naive.strftime("%Y-%m-%d %H:%M")
    # Through UTC: astimezone() to the datetime's own zone would hand it back unchanged.
    before = second.astimezone(timezone.utc).astimezone(tz)  # in a gap, fold=1 reads earlier
    after = first.astimezone(timezone.utc).astimezone(tz)
    if before.replace(tzinfo=None) != naive and after.replace(tzinfo=None) != naive:
        jump_from, jump_to = _gap_edges(second, first, tz)
        raise UsageError(
            f"{wall} does not exist in {zone_name(tz)} (the clocks jump from {jump_from:%H:%M} to "
            f"{jump_to:%H:%M}): give {before:%H:%M} or {after:%H:%M}"
        )
    if note is not None:
        note(
            f"{wall} happens twice in {zone_name(tz)} (the clocks go back an hour); took the first, "
            f"{first.isoformat(timespec='minutes')} — for the second give {second.isoformat(timespec='minutes')}"
        )
    return first


def _gap_edges(earlier: datetime, later: datetime, tz: tzinfo) -> tuple[datetime, datetime]:
    """The wall-clock times just before and after a DST gap lying between two instants."""
    lo, hi = earlier.astimezone(timezone.utc), later.astimezone(timezone.utc)
    offset_before = lo.astimezone(tz).utcoffset()
    while hi - lo > timedelta(minutes=1):  # bisect to the minute of the change
        mid = lo + (hi - lo) / 2
        if mid.astimezone(tz).utcoffset() == offset_before:
            lo = mid
        else:
            hi = mid
    change = hi.replace(second=0, microsecond=0)
    assert offset_before is not None
    return (change + offset_before).replace(tzinfo=None), change.astimezone(tz).replace(tzinfo=None)


def zone_name(tz: tzinfo) -> str:
    """'Europe/Madrid' for a ZoneInfo; otherwise whatever the zone calls itself."""
    return str(getattr(tz, "key", None) or tz)


def last_sane_year(now: datetime) -> int:
    return now.year + 1


def check_year(year: int, now: datetime) -> None:
    if not FIRST_YEAR <= year <= last_sane_year(now):
        raise UsageError(f"the year {year} is out of range: Stint takes dates {SANE_RANGE} ({last_sane_year(now)})")


def check_moment(moment: datetime, now: datetime, tz: tzinfo) -> None:
    """Refuse an instant whose local date lies outside SANE_RANGE."""
    check_year(moment.astimezone(tz).year, now)


def _checked(moment: datetime, now: datetime, tz: tzinfo) -> datetime:
    check_moment(moment, now, tz)
    return moment


_WEEK = re.compile(r"(?:(\d{4})\s*-?\s*)?w?(\d{1,2})", re.IGNORECASE)
WEEK_SHIFTS = {"this": 0, "last": -1, "next": 1}


def parse_week(text: str | None, tz: tzinfo, now: datetime) -> tuple[int, int]:
    """`this`, `last`, `next`, `2026-W48`, `2026-48`, `2026W48`, `W48` or `48` (this
    year's) → (ISO year, ISO week)."""
    spec = (text or "this").strip().lower()
    today = now.astimezone(tz).date()
    if spec in WEEK_SHIFTS:
        year, week, _ = (today + timedelta(days=7 * WEEK_SHIFTS[spec])).isocalendar()
        return year, week
    match = _WEEK.fullmatch(spec)
    if not match:
        raise UsageError(f"not a week: {text!r} (e.g. 2026-W48, 2026-48, W48, this, last or next)")
    year = int(match.group(1)) if match.group(1) else today.isocalendar()[0]
    week = int(match.group(2))
    check_year(year, now)
    try:
        date.fromisocalendar(year, week, 1)
    except ValueError:
        raise UsageError(f"{year} has no week {week} (it has weeks 1 to {date(year, 12, 28).isocalendar()[1]})") from None
    return year, week
