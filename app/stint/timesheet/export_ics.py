"""Entries as an iCalendar file (RFC 5545), one VEVENT per entry, for calendar apps.

Written by hand rather than with a library: the part of RFC 5545 this needs is
small — UTC times (so no VTIMEZONE), TEXT escaping (backslash, semicolon, comma,
newline), lines folded at 75 octets without splitting a UTF-8 character, CRLF line
ends — and the packaged app stays free of another dependency. The tests read the
result back with the `icalendar` library.

    SUMMARY      the task's title
    DESCRIPTION  the entry's note (when it has one)
    CATEGORIES   the task's project (when it has one)
    UID          <entry id>@stint, so a calendar re-importing the file updates its events
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import TextIO

from .. import __version__

LINE_OCTETS = 75


@dataclass(frozen=True)
class CalendarEvent:
    entry_id: str
    title: str
    project: str | None
    note: str
    start: datetime
    end: datetime


def write_ics(events: Iterable[CalendarEvent], stream: TextIO, *, now: datetime, name: str = "Stint") -> int:
    """Write the calendar to `stream` (opened with newline="" so CRLF stays as it
    is); returns the number of events."""
    count = 0
    stamp = _utc(now)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:-//Stint//Stint {__version__}//EN",
             "CALSCALE:GREGORIAN", "METHOD:PUBLISH", f"X-WR-CALNAME:{escape(name)}"]
    stream.write("".join(fold(line) for line in lines))
    for event in events:
        block = ["BEGIN:VEVENT", f"UID:{event.entry_id}@stint", f"DTSTAMP:{stamp}",
                 f"DTSTART:{_utc(event.start)}", f"DTEND:{_utc(event.end)}", f"SUMMARY:{escape(event.title)}"]
        if event.note.strip():
            block.append(f"DESCRIPTION:{escape(event.note)}")
        if event.project:
            block.append(f"CATEGORIES:{escape(event.project)}")
        block.append("END:VEVENT")
        stream.write("".join(fold(line) for line in block))
        count += 1
    stream.write(fold("END:VCALENDAR"))
    return count


def escape(text: str) -> str:
    """A TEXT value (RFC 5545 3.3.11)."""
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n"))


def fold(line: str) -> str:
    """`line` with CRLF, folded so no physical line passes 75 octets (3.1); a
    continuation line starts with one space, which counts toward its 75."""
    out: list[str] = []
    current, size, limit = [], 0, LINE_OCTETS
    for ch in line:
        octets = len(ch.encode("utf-8"))
        if size + octets > limit:
            out.append("".join(current))
            current, size, limit = [], 0, LINE_OCTETS - 1
        current.append(ch)
        size += octets
    out.append("".join(current))
    return "\r\n ".join(out) + "\r\n"


def _utc(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
