"""Periods a report covers: a week, a month, or any run of local days.

A Period is a run of whole local days in one time zone; its `day_edges` are the UTC
instants of each local midnight (days of 23 or 25 hours in DST weeks included). What a
person types for one — `--week`, `--month`, `--from/--to` — is parsed here too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta, tzinfo
from functools import cached_property

from .errors import UsageError
from .weeks import local_midnight
from .when import WEEK_SHIFTS, check_year, names_a_day, parse_day, parse_week

MAX_DAYS = 366  # a report covers at most a year: a longer one is a typing mistake
KINDS = ("week", "month", "range")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december")
_MONTH = re.compile(r"(\d{4})\s*-\s*(\d{1,2})")


@dataclass(frozen=True)
class Period:
    first: date
    last: date  # inclusive
    tz: tzinfo
    kind: str = "range"
    week_start: int = 0  # 0 = Monday … 6 = Sunday: how weeks are cut for shifting and grids

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown kind of period: {self.kind!r}")
        if self.last < self.first:
            raise UsageError(f"the period ends ({self.last}) before it starts ({self.first})")
        if (self.last - self.first).days >= MAX_DAYS:
            raise UsageError(f"a report covers at most {MAX_DAYS} days; {self.first} to {self.last} is longer")

    @cached_property
    def days(self) -> tuple[date, ...]:
        return tuple(self.first + timedelta(days=i) for i in range((self.last - self.first).days + 1))

    @cached_property
    def label(self) -> str:
        """'2026-W47', '2026-11', or '2026-11-16 – 2026-11-29' (one day: '2026-11-16')."""
        if self.kind == "week":
            monday = self.first + timedelta(days=(0 - self.first.weekday()) % 7)
            year, number, _ = monday.isocalendar()
            return f"{year}-W{number:02d}"
        if self.kind == "month":
            return f"{self.first:%Y-%m}"
        return self.first.isoformat() if self.first == self.last else f"{self.first} – {self.last}"

    @property
    def slug(self) -> str:
        """The label fit for a file name: '2026-W47', '2026-11', '2026-11-16_2026-11-29'."""
        return self.label.replace(" – ", "_")

    @property
    def start(self) -> datetime:
        return self.day_edges[0]

    @property
    def end(self) -> datetime:
        return self.day_edges[-1]

    @cached_property
    def day_edges(self) -> tuple[datetime, ...]:
        """The UTC instants that bound each local day: one more than there are days."""
        return tuple(local_midnight(self.first + timedelta(days=i), self.tz) for i in range(len(self.days) + 1))

    def weeks(self) -> list[range]:
        """Day indexes cut at each week start: the blocks of a grid too wide for a page
        or a terminal. A week is one block; a month starting on a Sunday begins with a
        block of one day."""
        blocks, begin = [], 0
        for i, day in enumerate(self.days):
            if i > begin and day.weekday() == self.week_start:
                blocks.append(range(begin, i))
                begin = i
        blocks.append(range(begin, len(self.days)))
        return blocks

    def shifted(self, steps: int) -> Period:
        """The period `steps` later (earlier when negative) of the same kind and length:
        the window's previous/next buttons."""
        if self.kind == "month":
            index = self.first.year * 12 + self.first.month - 1 + steps
            return month_period(index // 12, index % 12 + 1, self.tz, self.week_start)
        length = (self.last - self.first).days + 1
        return replace(self, first=self.first + timedelta(days=length * steps),
                       last=self.last + timedelta(days=length * steps))

    def contains(self, moment: datetime) -> bool:
        return self.start <= moment < self.end


def week_period(day: date, tz: tzinfo, week_start: int = 0) -> Period:
    """The week (starting on `week_start`) that holds `day`."""
    first = day - timedelta(days=(day.weekday() - week_start) % 7)
    return Period(first, first + timedelta(days=6), tz, "week", week_start)


def iso_week_period(year: int, number: int, tz: tzinfo, week_start: int = 0) -> Period:
    """ISO week `number` of `year`, starting on `week_start` on or before its Monday."""
    monday = date.fromisocalendar(year, number, 1)
    return week_period(monday - timedelta(days=(monday.weekday() - week_start) % 7), tz, week_start)


def month_period(year: int, month: int, tz: tzinfo, week_start: int = 0) -> Period:
    first = date(year, month, 1)
    following = date(year + month // 12, month % 12 + 1, 1)
    return Period(first, following - timedelta(days=1), tz, "month", week_start)


def parse_period(
    tz: tzinfo,
    now: datetime,
    *,
    week: str | None = None,
    month: str | None = None,
    start: str | None = None,
    end: str | None = None,
    week_start: int = 0,
) -> Period:
    """The period chosen by at most one of `week`, `month` or `start`/`end` (a run of
    days, both included; `end` defaults to today). Nothing chosen: this week."""
    chosen = [name for name, value in (("--week", week), ("--month", month), ("--from/--to", start or end))
              if value is not None]
    if len(chosen) > 1:
        raise UsageError(f"choose one period: {' or '.join(chosen)}")
    if end is not None and start is None:
        raise UsageError("--to needs --from")
    if start is not None:
        first = parse_day(start, tz, now)
        last = parse_day(end, tz, now) if end is not None else now.astimezone(tz).date()
        return Period(first, last, tz, "range", week_start)
    if month is not None:
        return month_period(*parse_month(month, tz, now), tz, week_start)
    spec = (week or "this").strip().lower()
    if spec in WEEK_SHIFTS:
        today = now.astimezone(tz).date()
        return week_period(today + timedelta(days=7 * WEEK_SHIFTS[spec]), tz, week_start)
    if names_a_day(spec):
        return week_period(parse_day(spec, tz, now), tz, week_start)  # the week holding that day
    return iso_week_period(*parse_week(spec, tz, now), tz, week_start)


def parse_month(text: str, tz: tzinfo, now: datetime) -> tuple[int, int]:
    """`2026-11`, `this`, `last`, `next`, or a month's name (`nov`, `november`: this
    year's) → (year, month)."""
    raw = text.strip().lower()
    today = now.astimezone(tz).date()
    if raw in WEEK_SHIFTS:
        index = today.year * 12 + today.month - 1 + WEEK_SHIFTS[raw]
        return index // 12, index % 12 + 1
    named = [i for i, name in enumerate(MONTHS, start=1) if len(raw) >= 3 and name.startswith(raw)]
    if named:
        return today.year, named[0]
    match = _MONTH.fullmatch(raw)
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise UsageError(f"not a month: {text!r} (e.g. 2026-11, nov, this or last)")
    year = int(match.group(1))
    check_year(year, now)
    return year, int(match.group(2))
