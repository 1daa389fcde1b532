"""Timesheet maths: entries cut at local midnight, summed as tasks × days, and listed
one part per day for the detailed report.

Pure: takes spans of time and a Period, returns a Timesheet. An entry that crosses
midnight becomes one part per local day it touches (22:30–24:00 on Thursday, 00:00–
01:15 on Friday). Rounding applies to each part, and both the grid and the detailed
list are sums of the same rounded parts — so they always agree, to the second.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property

from .durations import format_duration, format_elapsed
from .errors import UsageError
from .periods import Period
from .weeks import split_by_day

__all__ = ["Filters", "Part", "Rounding", "Row", "Span", "Timesheet", "build", "decimal_hours", "format_duration",
           "format_elapsed"]

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
    entry_id: str = ""
    note: str = ""
    account: str | None = None  # None: a local task
    sync: str = ""


@dataclass(frozen=True)
class Part:
    """The part of one entry that falls on one local day: a line of the detailed report."""

    span: Span
    day: int  # index into the period's days
    start: datetime  # UTC
    end: datetime  # UTC; for a running entry, now
    tracked: int  # seconds on the clock
    seconds: int  # after rounding: what the grid sums
    continued: bool  # the entry began on an earlier day
    continues: bool  # the entry goes on into the next day

    @property
    def running(self) -> bool:
        return self.span.end is None and not self.continues


@dataclass
class Row:
    task_key: object
    task: str
    project: str | None
    days: list[int]
    flags: set[str] = field(default_factory=set)

    @property
    def total(self) -> int:
        return sum(self.days)


@dataclass(frozen=True)
class Filters:
    """Which entries a report keeps. Empty: all. Names match ignoring case; `local`
    keeps the tasks on no account."""

    projects: tuple[str, ...] = ()
    accounts: tuple[str, ...] = ()
    local: bool = False

    @classmethod
    def of(cls, projects: Iterable[str] = (), accounts: Iterable[str] = (), local: bool = False) -> Filters:
        return cls(tuple(projects), tuple(accounts), local)

    @cached_property
    def _folded(self) -> tuple[frozenset[str], frozenset[str]]:
        return frozenset(p.casefold() for p in self.projects), frozenset(a.casefold() for a in self.accounts)

    def keeps(self, span: Span) -> bool:
        projects, accounts = self._folded
        if projects and (span.project or "").casefold() not in projects:
            return False
        if accounts or self.local:
            return self.local if span.account is None else span.account.casefold() in accounts
        return True

    @property
    def active(self) -> bool:
        return bool(self.projects or self.accounts or self.local)


@dataclass
class Timesheet:
    period: Period
    rows: list[Row]
    parts: list[Part] = field(default_factory=list)
    rounding: Rounding | None = None

    @property
    def days(self) -> tuple[date, ...]:
        return self.period.days

    @property
    def day_totals(self) -> list[int]:
        totals = [0] * len(self.days)
        for row in self.rows:
            for i, seconds in enumerate(row.days):
                totals[i] += seconds
        return totals

    @property
    def total(self) -> int:
        return sum(row.total for row in self.rows)

    def project_totals(self) -> list[tuple[str | None, int]]:
        """(project, seconds) in the rows' order; None is the tasks without a project."""
        totals: dict[str | None, int] = {}
        for row in self.rows:
            totals[row.project] = totals.get(row.project, 0) + row.total
        return list(totals.items())


def build(
    spans: Iterable[Span],
    period: Period,
    now: datetime,
    rounding: Rounding | None = None,
    filters: Filters | None = None,
) -> Timesheet:
    """Cut `spans` at each local midnight of `period`, round each part, and sum the parts
    into rows per task and columns per day. A running span counts up to `now`. Rows come
    sorted by project, then task title; parts by start."""
    edges = list(period.day_edges)
    rows: dict[object, Row] = {}
    parts: list[Part] = []
    for span in spans:
        if filters is not None and not filters.keeps(span):
            continue
        end = span.end if span.end is not None else max(now, span.start)
        if end <= edges[0] or span.start >= edges[-1]:
            continue
        row = rows.get(span.task_key)
        if row is None:
            row = rows[span.task_key] = Row(span.task_key, span.task, span.project, [0] * len(period.days))
        if span.flag:
            row.flags.add(span.flag)
        for day, seconds in split_by_day(span.start, end, edges):
            counted = rounding.apply(seconds) if rounding else seconds
            row.days[day] += counted
            lo, hi = max(span.start, edges[day]), min(end, edges[day + 1])
            parts.append(Part(span, day, lo, hi, seconds, counted, continued=span.start < edges[day],
                              continues=end > edges[day + 1]))
    ordered = sorted(rows.values(), key=lambda r: ((r.project or "").casefold(), r.task.casefold()))
    parts.sort(key=lambda p: (p.start, p.span.task.casefold()))
    return Timesheet(period, ordered, parts, rounding)



def decimal_hours(seconds: int) -> str:
    """Decimal hours with two decimals, as Kimai and Toggl put them in CSV files."""
    return f"{seconds / 3600:.2f}"
