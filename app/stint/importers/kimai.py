"""Kimai's timesheet export as CSV (Kimai 2's default template; English or German
headers, as the exporting user's language writes them).

    Date,From,To,Duration,Currency,Price,Internal price,Hourly price,Fixed price,Name,
    User,E-mail,Staff number,Customer,Project,Activity,Description,Billable,Tags,...

Kimai writes the date (YYYY-MM-DD) and the begin and end as local times of day
(HH:MM, in the user's zone: read in `tz`); an end at or before the begin is on the
next day. Its Duration is decimal hours (1.50) or [h]h:mm[:ss]: written with
seconds it gives the end to the second (From and To are cut to the minute); it also
carries entries of a day or more, and settles a time in an hour a DST change
repeats. The Activity is the task, in the Project; the Customer is kept as the
task's category; the Description and Tags make the note. Rows carry no id unless
the template adds an ID column, so the key is otherwise a digest of the row.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, tzinfo

from ..domain.imports import Parsed, Problem, SourceEntry
from .common import (
    Malformed, Progress, Table, clean_title, content_key, hours_minutes_seconds, admits, local_interval,
    note_with_tags, report_progress, time_of_day,
)

NAME = "Kimai CSV"
# Our name → the headers Kimai writes for it (English, German).
COLUMNS = {
    "date": ("date", "datum"),
    "from": ("from", "von", "begin", "beginn"),
    "to": ("to", "bis", "end", "ende"),
    "duration": ("duration", "dauer"),
    "user": ("user", "benutzer", "username"),
    "customer": ("customer", "kunde"),
    "project": ("project", "projekt"),
    "activity": ("activity", "tätigkeit"),
    "description": ("description", "beschreibung"),
    "tags": ("tags", "schlagworte"),
    "id": ("id",),
}
_DECIMAL = re.compile(r"^\d+(?:[.,]\d+)?$")


def looks_like(table: Table) -> bool:
    names = _names(table)
    return {"date", "from", "to"} <= names.keys() and ("activity" in names or "customer" in names)


def parse(table: Table, tz: tzinfo, progress: Progress | None = None) -> Parsed:
    names = _names(table)
    missing = [n for n in ("date", "from", "to") if n not in names]
    if missing:
        raise Malformed(f"line 1: not a Kimai export (no {', '.join(missing)} column)")
    parsed = Parsed(NAME)
    rows = list(table.rows())
    total = len(rows)
    for index, (line, raw) in enumerate(rows, 1):
        report_progress(progress, index, total)
        row = {ours: raw.get(theirs, "") for ours, theirs in names.items()}
        where = f"line {line}"
        if not row["to"]:
            parsed.ignored.append(Problem(where, "still running (no end)"))
            continue
        try:
            day = date.fromisoformat(row["date"])
            begin, finish = time_of_day(row["from"]), time_of_day(row["to"])
        except ValueError as exc:
            parsed.problems.append(Problem(where, str(exc) if "time" in str(exc) else f"not a date: {row['date']!r}"))
            continue
        start, end = _interval(day, begin, finish, _duration(row.get("duration", "")), tz)
        if not admits(parsed, where, start, end):
            continue
        key = f"kimai:{row['id']}" if row.get("id") else content_key(
            "kimai", row.get("user", ""), row["date"], row["from"], row["to"], row.get("customer", ""),
            row.get("project", ""), row.get("activity", ""), row.get("description", ""))
        parsed.entries.append(SourceEntry(
            key=key, where=where, title=clean_title(row.get("activity", ""), "(no activity)"),
            project=" ".join(row.get("project", "").split()) or None, start=start, end=end,
            note=note_with_tags(row.get("description", ""), [t for t in row.get("tags", "").split(",") if t.strip()]),
            category=" ".join(row.get("customer", "").split()) or None,
        ))
    return parsed


def _interval(day: date, begin: time, finish: time, duration: tuple[int, bool] | None,
              tz: tzinfo) -> tuple[datetime, datetime]:
    first = datetime.combine(day, begin)
    last = datetime.combine(day, finish)
    if last <= first:
        last += timedelta(days=1)
    if duration is not None:
        # A stated length of a day or more carries the days that From/To cannot.
        days = round((duration[0] - (last - first).total_seconds()) / 86400)
        if days > 0:
            last += timedelta(days=days)
    start, end = local_interval(first, last, tz, duration[0] if duration else None)
    if duration is not None and duration[1]:
        exact = start + timedelta(seconds=duration[0])
        if abs((exact - end).total_seconds()) < 60:
            end = exact   # To is cut to the minute; the stated seconds are the truth
    return start, end


def _duration(text: str) -> tuple[int, bool] | None:
    """(seconds, whether exact to the second) from "1.50", "1,5", "01:30" or "01:30:05"."""
    text = text.strip()
    if _DECIMAL.match(text):
        return round(float(text.replace(",", ".")) * 3600), False
    return hours_minutes_seconds(text)


def _names(table: Table) -> dict[str, str]:
    found = {}
    for ours, theirs in COLUMNS.items():
        for name in theirs:
            if name in table.columns:
                found[ours] = name
                break
    return found
