"""gtimelog's timelog.txt, read the way gtimelog reads it.

    2026-03-27 09:00: arrived
    2026-03-27 10:30: acme: write report -- writing docs
    2026-03-27 11:00: coffee **

Each line marks the END of an activity that began at the line before it on the same
day. Days turn at gtimelog's "virtual midnight", 02:00: a line at 01:30 still ends
the previous evening's work, and the first line of a day only marks the arrival.
Times are local (`tz`), or carry an offset ("2026-03-27 10:30 +0100"); seconds are
optional. "category: task" puts the task in that project; tags after " -- " go to
the note. Slacking ("**") and ignored ("***") lines are breaks, not work: they are
listed, not imported. Lines that are not entries (not comments, not blank) are
named as problems, as gtimelog would skip them.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, timezone, tzinfo

from ..domain.imports import Parsed, Problem, SourceEntry
from .common import Progress, admits, clean_title, content_key, local_interval, note_with_tags, report_progress

NAME = "gtimelog timelog.txt"
VIRTUAL_MIDNIGHT = time(2, 0)
_LINE = re.compile(r"^(\d{4}-\d{2}-\d{2} \d{1,2}:\d{2}(?::\d{2})?)(?: ?([+-]\d{2}:?\d{2}))?: (.*)$")


def looks_like(text: str) -> bool:
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            return _LINE.match(line.rstrip()) is not None
    return False


def parse(text: str, tz: tzinfo, progress: Progress | None = None) -> Parsed:
    parsed = Parsed(NAME)
    items: list[tuple[datetime, datetime | None, int, str]] = []   # local, UTC if an offset is given, line, text
    lines = text.splitlines()
    for number, line in enumerate(lines, 1):
        line = line.rstrip()
        if not line.strip() or line.startswith("#"):
            continue
        match = _LINE.match(line)
        if match is None:
            parsed.problems.append(Problem(f"line {number}", "not a timelog entry (YYYY-MM-DD HH:MM: text)"))
            continue
        stamp, offset, what = match.groups()
        try:
            naive = datetime.strptime(stamp, "%Y-%m-%d %H:%M:%S" if stamp.count(":") == 2 else "%Y-%m-%d %H:%M")
            zone = _offset(offset) if offset else tz
        except ValueError as exc:
            parsed.problems.append(Problem(f"line {number}", f"not a date and time ({exc})"))
            continue
        items.append((naive, naive.replace(tzinfo=zone).astimezone(timezone.utc) if offset else None,
                      number, what.strip()))
    # As gtimelog: in time order, ties as written (by the instant where offsets are given).
    if any(item[1] is not None for item in items):
        items.sort(key=lambda item: item[1] or item[0].replace(tzinfo=tz).astimezone(timezone.utc))
    else:
        items.sort(key=lambda item: item[0])
    total = len(items)
    for index, (naive, moment, number, what) in enumerate(items):
        report_progress(progress, index + 1, total)
        if index == 0 or _virtual_day(items[index - 1][0]) != _virtual_day(naive):
            continue   # the day's first line: an arrival, no time of its own
        where = f"line {number}"
        entry, tags = _split_tags(what)
        if "***" in entry:
            parsed.ignored.append(Problem(where, "marked *** (not counted)"))
            continue
        if "**" in entry:
            parsed.ignored.append(Problem(where, "a break (**), not work"))
            continue
        start, end = _interval(items[index - 1][0], items[index - 1][1], naive, moment, tz)
        if not admits(parsed, where, start, end, "no time (the same time as the line before)"):
            continue
        category, task = _split_category(entry)
        parsed.entries.append(SourceEntry(
            key=content_key("gtimelog", start.isoformat(), end.isoformat(), what),
            where=where, title=clean_title(task or category or "", "(no title)"),
            project=category if task else None, start=start, end=end, note=note_with_tags("", sorted(tags)),
        ))
    return parsed


def _interval(start: datetime, start_utc: datetime | None, end: datetime, end_utc: datetime | None,
              tz: tzinfo) -> tuple[datetime, datetime]:
    """UTC ends of an activity. Between two local times, a time in the hour a DST
    change repeats is read so that the activity ends after it starts."""
    if start_utc is None and end_utc is None:
        return local_interval(start, end, tz)
    return (start_utc or local_interval(start, start, tz)[0]), (end_utc or local_interval(end, end, tz)[0])


def _virtual_day(moment: datetime) -> date:
    return (moment - timedelta(days=1)).date() if moment.time() < VIRTUAL_MIDNIGHT else moment.date()


def _split_tags(text: str) -> tuple[str, set[str]]:
    if " -- " not in text:
        return text, set()
    entry, bundle = text.split(" -- ", 1)
    tags = set(bundle.split())
    entry = entry.rstrip()
    for mark in ("***", "**"):
        if mark in tags:
            tags.discard(mark)
            entry += " " + mark
            break
    return entry, tags


def _split_category(entry: str) -> tuple[str | None, str]:
    if ": " in entry:
        category, task = entry.split(": ", 1)
        return category.strip() or None, task.strip()
    if entry.endswith(":"):
        return entry[:-1].strip() or None, ""
    return None, entry.strip()


def _offset(text: str) -> timezone:
    sign = -1 if text.startswith("-") else 1
    digits = text[1:].replace(":", "")
    return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))
