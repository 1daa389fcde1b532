"""TimeTagger: the web app's export table, or its records as JSON.

    key<TAB>start<TAB>stop<TAB>tags<TAB>description       (Export dialog, copied)
    [{"key", "t1", "t2", "ds", "mt", "st"}, ...]           (records; or the API's
    {"records": [...]} from GET /api/v2/updates?since=0)

The export table writes times as the dialog's "Date-time format" says: local
("2026-03-27 23:00:00", read in `tz`), Unix seconds, or ISO 8601. A record's
#tags name its task, sorted and space-joined as TimeTagger's reports group them
and as Stint's TimeTagger account names tasks ("#acme #website"; "#untagged" for
none); the description, as written, is the note. Hidden records (deleted in
TimeTagger) and running ones (start equal to stop) are not imported. The key is
the record's own key.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone, tzinfo
from typing import Any

from ..domain.imports import Parsed, Problem, SourceEntry
from .common import Malformed, Progress, Table, admits, clean_title, local_interval, report_progress, utc_from_iso

NAME = "TimeTagger export"
UNTAGGED = "#untagged"
_TAG = re.compile(r"#[0-9A-Za-z\-/_\u0080-\U0010ffff]+")
_COLUMNS = ("key", "start", "stop", "tags", "description")


def looks_like_records(data: Any) -> bool:
    if isinstance(data, dict) and isinstance(data.get("records"), list):
        return True
    return (isinstance(data, list) and bool(data) and isinstance(data[0], dict)
            and {"key", "t1", "t2"} <= data[0].keys())


def looks_like_table(table: Table) -> bool:
    return table.has(*_COLUMNS)


def parse_records(data: Any, progress: Progress | None = None) -> Parsed:
    records = data.get("records") if isinstance(data, dict) else data
    if not isinstance(records, list):
        raise Malformed("a TimeTagger file holds a list of records")
    parsed = Parsed(NAME)
    total = len(records)
    for index, record in enumerate(records, 1):
        where = f"record {index}"
        try:
            if not isinstance(record, dict):
                raise TypeError("not an object")
            key, ds = record["key"], record.get("ds", "")
            if not isinstance(key, str) or not key or not isinstance(ds, str):
                raise TypeError("key and ds must be text")
            start, end = _unix(record["t1"]), _unix(record["t2"])
        except (KeyError, TypeError, ValueError, OverflowError) as exc:
            parsed.problems.append(Problem(where, f"not a TimeTagger record ({exc})"))
        else:
            _add(parsed, where, key, start, end, ds)
        report_progress(progress, index, total)
    return parsed


def parse_table(table: Table, tz: tzinfo, progress: Progress | None = None) -> Parsed:
    parsed = Parsed(NAME)
    rows = list(table.rows())
    total = len(rows)
    for index, (line, row) in enumerate(rows, 1):
        where = f"line {line}"
        report_progress(progress, index, total)
        try:
            start, end = _times(row["start"], row["stop"], tz)
        except ValueError as exc:
            parsed.problems.append(Problem(where, str(exc)))
            continue
        if not row["key"]:
            parsed.problems.append(Problem(where, "no key"))
            continue
        _add(parsed, where, row["key"], start, end, row["description"])
    return parsed


def _add(parsed: Parsed, where: str, key: str, start: datetime, end: datetime, ds: str) -> None:
    if ds.startswith("HIDDEN"):
        parsed.ignored.append(Problem(where, "deleted in TimeTagger"))
        return
    if not admits(parsed, where, start, end, "still running"):   # TimeTagger's running: t1 == t2
        return
    tags = sorted({t.lower() for t in _TAG.findall(ds)})
    parsed.entries.append(SourceEntry(
        key=f"timetagger:{key}", where=where, title=clean_title(" ".join(tags), UNTAGGED), project=None,
        start=start, end=end, note=" ".join(ds.split()),
    ))


def _unix(value: Any) -> datetime:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"not a time: {value!r}")
    return datetime.fromtimestamp(int(value), timezone.utc)


def _times(start: str, stop: str, tz: tzinfo) -> tuple[datetime, datetime]:
    kinds = {_kind(start), _kind(stop)}
    if kinds == {"unix"}:
        return _unix(float(start)), _unix(float(stop))
    if kinds == {"iso"}:
        return utc_from_iso(start).replace(microsecond=0), utc_from_iso(stop).replace(microsecond=0)
    if kinds == {"local"}:
        try:
            first, last = datetime.fromisoformat(start), datetime.fromisoformat(stop)
        except ValueError:
            raise ValueError(f"not a date and time: {start!r} or {stop!r}") from None
        return local_interval(first, last, tz)
    raise ValueError(f"not a start and stop time: {start!r}, {stop!r}")


def _kind(text: str) -> str:
    text = text.strip()
    if re.fullmatch(r"\d+(\.\d+)?", text):
        return "unix"
    if re.search(r"(Z|[+-]\d{2}:?\d{2})$", text) and "T" in text:
        return "iso"
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?", text):
        return "local"
    return "?"
