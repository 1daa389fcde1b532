"""Watson (td-watson): its `frames` file and `watson log --json`.

    frames          [[start, stop, project, id, tags, updated_at], ...]   Unix seconds
    log --json      [{"id", "project", "start", "stop", "tags"}, ...]     ISO 8601 with offsets

A frame's project is the task (in a project of the same name), and its tags go to
the note as Watson shows them: "[design, review]". The key is the frame's id.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from ..domain.imports import Parsed, Problem, SourceEntry
from .common import (
    Malformed, Progress, admits, clean_title, content_key, note_with_tags, report_progress, utc_from_iso,
)

NAME = "Watson frames"


def looks_like(data: Any) -> bool:
    if not isinstance(data, list) or not data:
        return False
    first = data[0]
    if isinstance(first, list):
        return len(first) >= 3 and all(isinstance(v, (int, float)) for v in first[:2]) and isinstance(first[2], str)
    return isinstance(first, dict) and {"project", "start", "stop"} <= first.keys() and "t1" not in first


def parse(data: Any, progress: Progress | None = None) -> Parsed:
    if not isinstance(data, list):
        raise Malformed("a Watson file holds a list of frames")
    parsed = Parsed(NAME)
    total = len(data)
    for index, item in enumerate(data, 1):
        where = f"frame {index}"
        try:
            frame = _frame(item)
        except (ValueError, TypeError, KeyError, OverflowError) as exc:
            parsed.problems.append(Problem(where, f"not a Watson frame ({exc})"))
        else:
            start, stop, project, frame_id, tags = frame
            if admits(parsed, where, start, stop, "no time (it starts and stops at once)"):
                key = f"watson:{frame_id}" if frame_id else content_key("watson", start, stop, project, tags)
                parsed.entries.append(SourceEntry(
                    key=key, where=where, title=clean_title(project, "(no project)"),
                    project=" ".join(project.split()) or None, start=start, end=stop,
                    note=note_with_tags("", tags),
                ))
        report_progress(progress, index, total)
    return parsed


def _frame(item: Any) -> tuple[datetime, datetime, str, str, list[str]]:
    if isinstance(item, list):
        if len(item) < 3:
            raise ValueError("too few fields")
        start, stop = _instant(item[0]), _instant(item[1])
        project = item[2]
        frame_id = item[3] if len(item) > 3 else ""
        tags = item[4] if len(item) > 4 else []
    elif isinstance(item, dict):
        start, stop = _instant(item["start"]), _instant(item["stop"])
        project, frame_id, tags = item["project"], item.get("id", ""), item.get("tags") or []
    else:
        raise TypeError("neither a list nor an object")
    if not isinstance(project, str) or not isinstance(frame_id, str):
        raise TypeError("project and id must be text")
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise TypeError("tags must be a list of text")
    return start, stop, project, frame_id, tags


def _instant(value: Any) -> datetime:
    if isinstance(value, bool):
        raise TypeError("a time cannot be true or false")
    if isinstance(value, (int, float)):
        return datetime.fromtimestamp(int(value), timezone.utc)
    if isinstance(value, str):
        return utc_from_iso(value).replace(microsecond=0)
    raise TypeError(f"not a date and time: {value!r}")
