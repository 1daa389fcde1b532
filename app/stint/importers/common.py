"""What the importers share: reading text, JSON and CSV with errors that name the
line, local wall-clock times to UTC, record keys, titles and notes."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from collections.abc import Callable, Iterator, Sequence
from datetime import datetime, time, timezone, tzinfo
from typing import Any

from ..domain.errors import StintError
from ..domain.imports import MAX_ENTRY, MAX_TITLE, Parsed, Problem

Progress = Callable[[int, int], None]   # (records done, records in all)
PROGRESS_EVERY = 500


class Malformed(StintError):
    """The file as a whole cannot be read: the message names the line or record."""


def decode(data: bytes) -> str:
    """The file's text: UTF-8 (a byte-order mark is dropped), or UTF-16 with its mark."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise Malformed(f"not UTF-16 text at byte {exc.start}") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise Malformed(f"line {line}: not UTF-8 text (byte 0x{data[exc.start]:02x}); "
                        "save the file as UTF-8 and try again") from None


def load_json(text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise Malformed(f"line {exc.lineno}: not valid JSON ({exc.msg})") from None
    except RecursionError:
        raise Malformed("JSON nested too deeply") from None


def local_interval(start: datetime, end: datetime, tz: tzinfo, seconds: int | None = None) -> tuple[datetime, datetime]:
    """UTC instants for two wall-clock times in `tz`. Where a time falls in the hour a
    DST change repeats, the reading that gives the entry its stated length
    (`seconds`) is taken, else one where it ends after it starts (the first
    occurrence when both do). A time in a skipped hour moves forward by the gap."""
    readings = []
    for begin in _readings(start, tz):
        for finish in _readings(end, tz):
            if (begin, finish) not in readings:
                readings.append((begin, finish))
    if seconds is not None:
        for begin, finish in readings:
            if (finish - begin).total_seconds() == seconds:
                return begin, finish
    for begin, finish in readings:
        if finish > begin:
            return begin, finish
    return readings[0]


def _readings(naive: datetime, tz: tzinfo) -> list[datetime]:
    """The instants a wall-clock time can mean: one, or two in a repeated hour. A
    time in a skipped hour means only the instant the gap moves it forward to."""
    first = naive.replace(tzinfo=tz, fold=0).astimezone(timezone.utc)
    second = naive.replace(tzinfo=tz, fold=1).astimezone(timezone.utc)
    if second == first or first.astimezone(tz).replace(tzinfo=None) != naive:
        return [first]
    return [first, second]


def admits(parsed: Parsed, where: str, start: datetime, end: datetime,
           zero: str = "no time (it starts and ends at once)") -> bool:
    """Whether [start, end) can be an entry. If not, the record is listed: as a
    problem (it ends before it starts, or lasts a week or more), or as ignored
    with the reason `zero` when it has no length."""
    if end < start:
        parsed.problems.append(Problem(where, "ends before it starts"))
    elif end - start >= MAX_ENTRY:
        parsed.problems.append(Problem(where, "lasts a week or longer (Stint's entries are shorter)"))
    elif end == start:
        parsed.ignored.append(Problem(where, zero))
    else:
        return True
    return False


def content_key(fmt: str, *parts: object) -> str:
    """A key for a record whose source gives it no id of its own: a digest of what it
    says, so the same record imported twice is recognised (and a record changed at
    the source is a new one, reported as an overlap, never merged)."""
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode()).hexdigest()[:24]
    return f"{fmt}:{digest}"


def clean_title(text: str, fallback: str) -> str:
    title = " ".join(text.split()) or fallback
    return title if len(title) <= MAX_TITLE else title[: MAX_TITLE - 1] + "…"


def note_with_tags(text: str, tags: Sequence[str]) -> str:
    """A note from the record's text and its tags, written as Watson shows them:
    "Fixed the login [design, review]"."""
    text = text.strip()
    shown = [t for t in (tag.strip() for tag in tags) if t]
    if not shown:
        return text
    listed = "[" + ", ".join(shown) + "]"
    return f"{text} {listed}" if text else listed


def utc_from_iso(text: str) -> datetime:
    """An ISO 8601 instant with an offset or Z, as aware UTC; ValueError otherwise."""
    try:
        moment = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(f"not a date and time: {text!r}") from None
    if moment.tzinfo is None:
        raise ValueError(f"{text!r} has no time zone")
    return moment.astimezone(timezone.utc)


_CLOCK = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp]\.?[Mm]\.?)?$")
_HOURS = re.compile(r"^(\d+):(\d{2})(?::(\d{2}))?$")


def time_of_day(text: str) -> time:
    """"09:05", "09:05:30", "9:05 PM", "09:05:30 p.m." → a time; ValueError otherwise."""
    match = _CLOCK.match(text.strip())
    if match is None:
        raise ValueError(f"not a time of day: {text!r}")
    hour, minute, second = int(match[1]), int(match[2]), int(match[3] or 0)
    if match[4]:
        if not 1 <= hour <= 12:
            raise ValueError(f"not a time of day: {text!r}")
        hour = hour % 12 + (12 if match[4][0] in "Pp" else 0)
    try:
        return time(hour, minute, second)
    except ValueError:
        raise ValueError(f"not a time of day: {text!r}") from None


def hours_minutes_seconds(text: str) -> tuple[int, bool] | None:
    """A duration written H:MM:SS or H:MM (hours may pass 24) as (seconds, whether
    seconds were given); None when the text is not written that way."""
    match = _HOURS.match(text.strip())
    if match is None:
        return None
    seconds = int(match[1]) * 3600 + int(match[2]) * 60 + int(match[3] or 0)
    return seconds, match[3] is not None


def report_progress(progress: Progress | None, done: int, total: int) -> None:
    if progress is not None and (done % PROGRESS_EVERY == 0 or done == total):
        progress(done, total)


class Table:
    """A delimited text file with a header row: rows as {header: value} with the
    header names folded to lower case, and the line each row starts on."""

    def __init__(self, text: str, delimiter: str | None = None) -> None:
        self.text = text
        first = next((line for line in text.splitlines() if line.strip()), "")
        self.delimiter = delimiter or sniff_delimiter(first)
        reader = csv.reader(io.StringIO(text), delimiter=self.delimiter)
        try:
            header = next(reader)
        except StopIteration:
            raise Malformed("the file is empty") from None
        except csv.Error as exc:
            raise Malformed(f"line 1: not a readable table ({exc})") from None
        self.columns = [h.strip().lstrip("\ufeff").casefold() for h in header]
        self._reader = reader

    def has(self, *names: str) -> bool:
        return all(name in self.columns for name in names)

    def rows(self) -> Iterator[tuple[int, dict[str, str]]]:
        line = self._reader.line_num + 1
        while True:
            try:
                cells = next(self._reader)
            except StopIteration:
                return
            except csv.Error as exc:
                raise Malformed(f"line {line}: not a readable table row ({exc})") from None
            if any(cell.strip() for cell in cells):
                yield line, {name: (cells[i].strip() if i < len(cells) else "") for i, name in enumerate(self.columns)}
            line = self._reader.line_num + 1


def sniff_delimiter(header: str) -> str:
    counts = {d: header.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","
