"""Timewarrior: the JSON of `timew export`.

    [{"id": 3, "start": "20260327T220000Z", "end": "20260328T003000Z",
      "tags": ["acme", "design"], "annotation": "..."}, ...]

Timewarrior has only tags, so an interval's tags name its task, joined the way
`timew summary` shows them ("acme, design"; "(no tags)" without any). A tag
written `project:NAME` is the convention for a project: it becomes the task's
project instead. The annotation is the note. An interval without an end is still
running and is not imported. Timewarrior's ids renumber as intervals are added, so
the key is the interval's content.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from ..domain.imports import Parsed, Problem, SourceEntry
from .common import Malformed, Progress, admits, clean_title, content_key, report_progress

NAME = "Timewarrior export"
PROJECT_PREFIX = "project:"


def looks_like(data: Any) -> bool:
    if not isinstance(data, list) or not data or not isinstance(data[0], dict):
        return False
    start = data[0].get("start")
    return isinstance(start, str) and len(start) == 16 and start[8:9] == "T" and start.endswith("Z")


def parse(data: Any, progress: Progress | None = None) -> Parsed:
    if not isinstance(data, list):
        raise Malformed("a Timewarrior export holds a list of intervals")
    parsed = Parsed(NAME)
    total = len(data)
    for index, item in enumerate(data, 1):
        where = f"interval {index}"
        try:
            start, end, tags, annotation = _interval(item)
        except (ValueError, TypeError, KeyError) as exc:
            parsed.problems.append(Problem(where, f"not a Timewarrior interval ({exc})"))
            report_progress(progress, index, total)
            continue
        if end is None:
            parsed.ignored.append(Problem(where, "still running"))
        elif admits(parsed, where, start, end):
            projects = [t[len(PROJECT_PREFIX):].strip() for t in tags if t.startswith(PROJECT_PREFIX)]
            named = [t for t in tags if not t.startswith(PROJECT_PREFIX)]
            parsed.entries.append(SourceEntry(
                key=content_key("timewarrior", start.isoformat(), end.isoformat(), sorted(tags), annotation),
                where=where, title=clean_title(", ".join(named), "(no tags)"),
                project=next((p for p in projects if p), None), start=start, end=end, note=annotation.strip(),
            ))
        report_progress(progress, index, total)
    return parsed


def _interval(item: Any) -> tuple[datetime, datetime | None, list[str], str]:
    if not isinstance(item, dict):
        raise TypeError("not an object")
    start = _instant(item["start"])
    end = _instant(item["end"]) if item.get("end") else None
    tags = item.get("tags") or []
    annotation = item.get("annotation") or ""
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise TypeError("tags must be a list of text")
    if not isinstance(annotation, str):
        raise TypeError("the annotation must be text")
    return start, end, tags, annotation


def _instant(value: Any) -> datetime:
    if not isinstance(value, str):
        raise TypeError(f"not a time: {value!r}")
    return datetime.strptime(value, "%Y%m%dT%H%M%SZ").replace(tzinfo=timezone.utc)
