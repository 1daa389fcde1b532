"""Toggl Track's and Clockify's detailed report, exported as CSV.

    Toggl:    User,Email,Client,Project,Task,Description,Billable,Start date,Start time,
              End date,End time,Duration,Tags,Amount ()
    Clockify: Project,Client,Description,Task,User,Group,Email,Tags,Billable,Start Date,
              Start Time,End Date,End Time,Duration (h),Duration (decimal),Billable Rate (USD),...

Both write local wall-clock times in the exporting user's zone (read in `tz`); the
Duration column settles a time in the hour a DST change repeats. Toggl writes
dates as YYYY-MM-DD; Clockify as the user's settings say (MM/DD/YYYY by default,
DD/MM/YYYY, DD.MM.YYYY, YYYY-MM-DD, ...) and 24-hour or AM/PM times. Whether
01/02/2026 is January or February is read off the file (a day above 12 shows
the order); where nothing shows it, month first (Clockify's default) unless
`day_first`, and the plan says so.

The task is the entry's Task where the source has one, else its Description; the
Description then goes to the note, with the tags ("[a, b]"). The project is the
Project; the Client is kept as the task's category. Neither file has record ids,
so each row's key is a digest of its user, times and texts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime, tzinfo

from ..domain.imports import Parsed, Problem, SourceEntry
from .common import (
    Malformed, Progress, Table, clean_title, content_key, hours_minutes_seconds, admits, local_interval,
    note_with_tags, report_progress, time_of_day,
)

TOGGL = "Toggl Track CSV"
CLOCKIFY = "Clockify CSV"
_TIMES = ("start date", "start time", "end date", "end time")
_DATE = re.compile(r"^(\d{1,4})[./-](\d{1,2})[./-](\d{1,4})$")


def looks_like_toggl(table: Table) -> bool:
    return table.has(*_TIMES, "duration") and not looks_like_clockify(table)


def looks_like_clockify(table: Table) -> bool:
    return table.has(*_TIMES) and ("duration (h)" in table.columns or "duration (decimal)" in table.columns)


def parse(table: Table, tz: tzinfo, *, clockify: bool, day_first: bool | None = None,
          progress: Progress | None = None) -> Parsed:
    name, short = (CLOCKIFY, "clockify") if clockify else (TOGGL, "toggl")
    if not table.has(*_TIMES):
        missing = ", ".join(c for c in _TIMES if c not in table.columns)
        raise Malformed(f"line 1: not a {name} export (no {missing} column)")
    parsed = Parsed(name)
    rows = list(table.rows())
    order = _date_order((row.get(c, "") for _, row in rows for c in ("start date", "end date")), day_first)
    if order.assumed:
        parsed.assumptions.append("dates like 03/04/2026 were read as month/day/year (Clockify's default); "
                                  "if they are day/month/year, import with day first")
    duration_column = "duration (h)" if clockify else "duration"
    total = len(rows)
    for index, (line, row) in enumerate(rows, 1):
        where = f"line {line}"
        report_progress(progress, index, total)
        if not row.get("start date"):
            if any(v.casefold() == "total" for v in row.values()):
                parsed.ignored.append(Problem(where, "a totals row"))
            else:
                parsed.problems.append(Problem(where, "no start date"))
            continue
        if not row.get("end date") or not row.get("end time"):
            parsed.ignored.append(Problem(where, "still running (no end)"))
            continue
        try:
            begin = datetime.combine(order.read(row["start date"]), time_of_day(row["start time"]))
            finish = datetime.combine(order.read(row["end date"]), time_of_day(row["end time"]))
        except ValueError as exc:
            parsed.problems.append(Problem(where, str(exc)))
            continue
        stated = hours_minutes_seconds(row.get(duration_column, ""))
        start, end = local_interval(begin, finish, tz, stated[0] if stated else None)
        if not admits(parsed, where, start, end):
            continue
        task, description = row.get("task", ""), row.get("description", "")
        tags = [t for t in row.get("tags", "").split(",") if t.strip()]
        parsed.entries.append(SourceEntry(
            key=content_key(short, row.get("email") or row.get("user") or row.get("member", ""),
                            begin.isoformat(), finish.isoformat(), row.get("project", ""), task, description),
            where=where, title=clean_title(task or description, "(no description)"),
            project=" ".join(row.get("project", "").split()) or None, start=start, end=end,
            note=note_with_tags(description if task else "", tags),
            category=" ".join(row.get("client", "").split()) or None,
        ))
    return parsed


class DateOrder:
    """How a file writes its dates: year first, or day and month in `day_first` order."""

    def __init__(self, day_first: bool, assumed: bool) -> None:
        self.day_first, self.assumed = day_first, assumed

    def read(self, text: str) -> date:
        match = _DATE.match(text.strip())
        if match is None:
            raise ValueError(f"not a date: {text!r}")
        a, b, c = match.groups()
        try:
            if len(a) == 4:
                return date(int(a), int(b), int(c))
            if len(c) != 4:
                raise ValueError
            day, month = (a, b) if self.day_first else (b, a)
            return date(int(c), int(month), int(day))
        except ValueError:
            raise ValueError(f"not a date: {text!r}") from None


def _date_order(texts: Iterable[str], day_first: bool | None) -> DateOrder:
    days_first = months_first = ambiguous = False
    for text in texts:
        match = _DATE.match(text.strip())
        if match is None or len(match[1]) == 4:
            continue
        a, b = int(match[1]), int(match[2])
        days_first |= a > 12
        months_first |= b > 12
        ambiguous |= a <= 12 and b <= 12 and a != b
    if days_first and months_first:
        raise Malformed("the dates are written both day/month and month/day; export them in one format")
    if day_first is not None:
        return DateOrder(day_first, False)
    if days_first or months_first:
        return DateOrder(days_first, False)
    return DateOrder(False, ambiguous)
