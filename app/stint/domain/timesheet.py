"""Weekly timesheet maths: tasks × local days, with optional rounding.

Pure: takes spans of time and a Week, returns a Timesheet. Rounding applies to each
entry's time on a day — an entry that crosses midnight is rounded on each side.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from .errors import UsageError
from .weeks import Week, split_by_day

ROUND_MODES = ("up", "nearest")


@dataclass(frozen=True)
class Rounding:
    minutes: int
    mode: str = "up"

    def __post_init__(self) -> None:
        if not 1 <= self.minutes <= 24 * 60:
            raise UsageError(f"rounding must be 1 to 1440 minutes, not {self.minutes}")
        if self.mode not in ROUND_MODES:
            raise UsageError(f"rounding mode must be one of {', '.join(ROUND_MODES)}")

    def apply(self, seconds: int) -> int:
        step = self.minutes * 60
        if self.mode == "up":
            return math.ceil(seconds / step) * step
        return int(math.floor(seconds / step + 0.5)) * step


@dataclass(frozen=True)
class Span:
    """One entry's time as the timesheet needs it."""

    task_key: object
    task: str
    project: str | None
    start: datetime
    end: datetime | None  # None: running
    flag: str | None = None  # e.g. "local-only" or "failed": marked in views


@dataclass
class Row:
    task_key: object
    task: str
    project: str | None
    days: list[int] = field(default_factory=lambda: [0] * 7)
    flags: set[str] = field(default_factory=set)

    @property
    def total(self) -> int:
        return sum(self.days)


@dataclass
class Timesheet:
    week: Week
    rows: list[Row]

    @property
    def days(self) -> tuple[date, ...]:
        return self.week.days

    @property
    def day_totals(self) -> list[int]:
        return [sum(row.days[i] for row in self.rows) for i in range(7)]

    @property
    def total(self) -> int:
        return sum(row.total for row in self.rows)


def build(spans: Iterable[Span], week: Week, now: datetime, rounding: Rounding | None = None) -> Timesheet:
    """Sum `spans` into rows per task and columns per local day of `week`.

    A running span counts up to `now`. Rows come sorted by project, then task title.
    """
    edges = week.day_edges()
    rows: dict[object, Row] = {}
    for span in spans:
        end = span.end if span.end is not None else max(now, span.start)
        if end <= edges[0] or span.start >= edges[-1]:
            continue
        row = rows.get(span.task_key)
        if row is None:
            row = rows[span.task_key] = Row(span.task_key, span.task, span.project)
        if span.flag:
            row.flags.add(span.flag)
        for day, seconds in split_by_day(span.start, end, edges):
            row.days[day] += rounding.apply(seconds) if rounding else seconds
    ordered = sorted(rows.values(), key=lambda r: ((r.project or "").casefold(), r.task.casefold()))
    return Timesheet(week, ordered)


def format_duration(seconds: int) -> str:
    """H:MM, the way timesheets show it."""
    minutes = int(seconds) // 60
    return f"{minutes // 60}:{minutes % 60:02d}"


def format_elapsed(seconds: float) -> str:
    """H:MM:SS, the way a running timer shows it."""
    seconds = max(0, int(seconds))
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"
