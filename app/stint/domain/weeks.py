"""Weeks and days in the user's time zone, and cutting intervals at local midnight."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone, tzinfo


@dataclass(frozen=True)
class Week:
    """Seven local days starting on `days[0]`; `bounds` are the UTC instants of the
    first day's local midnight and the midnight after the last day."""

    year: int
    number: int
    days: tuple[date, ...]
    tz: tzinfo

    @property
    def label(self) -> str:
        return f"{self.year}-W{self.number:02d}"

    @property
    def start(self) -> datetime:
        return local_midnight(self.days[0], self.tz)

    @property
    def end(self) -> datetime:
        return local_midnight(self.days[-1] + timedelta(days=1), self.tz)

    def day_edges(self) -> list[datetime]:
        """The 8 UTC instants that bound the 7 local days (23 h or 25 h days included)."""
        return [local_midnight(self.days[0] + timedelta(days=i), self.tz) for i in range(8)]


def local_midnight(day: date, tz: tzinfo) -> datetime:
    """The UTC instant at which `day` begins in `tz` (the first instant of that date,
    even where a DST change skips or repeats midnight)."""
    naive = datetime.combine(day, time(0))
    aware = naive.replace(tzinfo=tz)
    utc = aware.astimezone(timezone.utc)
    if utc.astimezone(tz).date() != day:
        # Midnight did not exist (a DST gap at 00:00): the day begins at the gap's end.
        utc = naive.replace(tzinfo=tz, fold=1).astimezone(timezone.utc)
        while utc.astimezone(tz).date() != day:
            utc += timedelta(minutes=15)
    return utc


def make_week(year: int, number: int, tz: tzinfo, week_start: int = 0) -> Week:
    """ISO week `number` of `year`, starting on weekday `week_start` (0 = Monday, 6 =
    Sunday) on or before that ISO week's Monday."""
    monday = date.fromisocalendar(year, number, 1)
    first = monday - timedelta(days=(monday.weekday() - week_start) % 7)
    return Week(year, number, tuple(first + timedelta(days=i) for i in range(7)), tz)


def week_of(moment: datetime, tz: tzinfo, week_start: int = 0) -> Week:
    """The week (with `week_start`) that contains `moment`."""
    local_day = moment.astimezone(tz).date()
    first = local_day - timedelta(days=(local_day.weekday() - week_start) % 7)
    # Name the week after the ISO week of its Monday (or the nearest following Monday).
    monday = first + timedelta(days=(0 - first.weekday()) % 7)
    year, number, _ = monday.isocalendar()
    return Week(year, number, tuple(first + timedelta(days=i) for i in range(7)), tz)


def split_by_day(start: datetime, end: datetime, edges: list[datetime]) -> Iterator[tuple[int, int]]:
    """Yield (day index, seconds) for the part of [start, end) in each day between
    consecutive `edges`. Parts outside the edges are dropped.

    Everything is compared in UTC: Python subtracts two datetimes of the same zone
    as wall-clock times, which would make a DST day 24 hours long."""
    start, end = start.astimezone(timezone.utc), end.astimezone(timezone.utc)
    edges = [edge.astimezone(timezone.utc) for edge in edges]
    for i in range(len(edges) - 1):
        lo = max(start, edges[i])
        hi = min(end, edges[i + 1])
        if hi > lo:
            yield i, int((hi - lo).total_seconds())
