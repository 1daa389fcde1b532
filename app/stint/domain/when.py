"""Parsing what a person types for a moment (WHEN) or a week (WEEK)."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, timezone, tzinfo

from .errors import UsageError

_WEEK = re.compile(r"^(\d{4})-?W(\d{1,2})$", re.IGNORECASE)


def parse_when(text: str, tz: tzinfo, now: datetime | None = None) -> datetime:
    """An ISO 8601 moment; without an offset it is local time in `tz`. Returns UTC.

    `now` (aware) also allows the shorthands `now` and a bare `HH:MM` for today.
    """
    raw = text.strip()
    if now is not None and raw.lower() == "now":
        return now.astimezone(timezone.utc).replace(microsecond=0)
    try:
        if now is not None and re.fullmatch(r"\d{1,2}:\d{2}(:\d{2})?", raw):
            today = now.astimezone(tz).date()
            moment = datetime.combine(today, time.fromisoformat(raw.zfill(5) if len(raw) == 4 else raw))
        else:
            moment = datetime.fromisoformat(raw.replace(" ", "T", 1) if " " in raw else raw)
    except ValueError:
        raise UsageError(f"not a date and time: {text!r} (use ISO 8601, e.g. 2026-11-23T09:30)") from None
    if moment.tzinfo is None:
        moment = localize(moment, tz)
    return moment.astimezone(timezone.utc).replace(microsecond=0)


def localize(naive: datetime, tz: tzinfo) -> datetime:
    """Attach `tz` to a wall-clock time. PEP 495's fold=0 does what a person means:
    a time in a DST gap is moved forward by the gap, and in a repeated hour the
    first occurrence is taken."""
    return naive.replace(tzinfo=tz, fold=0)


def parse_week(text: str | None, tz: tzinfo, now: datetime) -> tuple[int, int]:
    """`this`, `last`, `next` or `YYYY-Www` → (ISO year, ISO week)."""
    spec = (text or "this").strip().lower()
    today = now.astimezone(tz).date()
    shifts = {"this": 0, "last": -7, "next": 7}
    if spec in shifts:
        year, week, _ = (today + timedelta(days=shifts[spec])).isocalendar()
        return year, week
    match = _WEEK.match(spec)
    if not match:
        raise UsageError(f"not a week: {text!r} (use 2026-W47, this or last)")
    year, week = int(match.group(1)), int(match.group(2))
    try:
        date.fromisocalendar(year, week, 1)
    except ValueError:
        raise UsageError(f"{year} has no week {week}") from None
    return year, week
