"""Reading other trackers' files (and Stint's own full export) into plain records.

    fmt = detect(data)                       # from the content; or a name from FORMATS
    result = read(data, fmt, tz=..., ...)    # Parsed, or FullExport for Stint's export

Pure: bytes in, values out (stint.domain.imports). Nothing here touches the store;
`stint.store.imports` plans and writes. Each format's module says how its records
map onto tasks, projects and notes; README's "Importing" section sums it up.
"""

from __future__ import annotations

from datetime import tzinfo
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..domain.imports import Parsed
    from .common import Progress
    from .stint_export import FullExport

__all__ = ["FORMATS", "FullExport", "Malformed", "Parsed", "detect", "read"]

# --from NAME → what it reads.
FORMATS = {
    "toggl": "Toggl Track detailed report (CSV)",
    "clockify": "Clockify detailed report (CSV)",
    "kimai": "Kimai timesheet export (CSV)",
    "watson": "Watson frames file, or watson log --json",
    "timewarrior": "timew export (JSON)",
    "gtimelog": "gtimelog timelog.txt",
    "timetagger": "TimeTagger export table, or its records (JSON)",
    "stint": "Stint full export (stint export --all)",
}


def detect(data: bytes) -> str:
    """The format of `data`, from its content; Malformed when it is none we know."""
    from . import detailed_reports, gtimelog, kimai, timetagger
    from .common import Malformed, Table, decode, load_json

    text = decode(data)
    stripped = text.lstrip()
    if not stripped:
        raise Malformed("the file is empty")
    if stripped[0] in "[{":
        return _detect_json(load_json(text))
    if gtimelog.looks_like(text):
        return "gtimelog"
    table = Table(text)
    for name, looks in (("clockify", detailed_reports.looks_like_clockify),
                        ("toggl", detailed_reports.looks_like_toggl),
                        ("kimai", kimai.looks_like), ("timetagger", timetagger.looks_like_table)):
        if looks(table):
            return name
    raise Malformed("line 1: not a format Stint can import (give --from to say which it is)")


def read(data: bytes, fmt: str, *, tz: tzinfo, day_first: bool | None = None,
         progress: Progress | None = None) -> Parsed | FullExport:
    """The records of `data` read as `fmt` (a key of FORMATS). Local times in the
    file are read in `tz`; `day_first` settles dates like 03/04/2026 (Clockify)."""
    from . import detailed_reports, gtimelog, kimai, stint_export, timetagger, timewarrior, watson
    from .common import Malformed, Table, decode, load_json

    if fmt not in FORMATS:
        raise Malformed(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
    text = decode(data)
    if not text.strip():
        raise Malformed("the file is empty")
    if fmt in ("watson", "timewarrior", "stint") or (fmt == "timetagger" and text.lstrip()[:1] in "[{"):
        document = load_json(text)
        if fmt == "watson":
            return watson.parse(document, progress)
        if fmt == "timewarrior":
            return timewarrior.parse(document, progress)
        if fmt == "stint":
            return stint_export.read(document)
        return timetagger.parse_records(document, progress)
    if fmt == "gtimelog":
        return gtimelog.parse(text, tz, progress)
    table = Table(text)
    if fmt == "kimai":
        return kimai.parse(table, tz, progress)
    if fmt == "timetagger":
        if not timetagger.looks_like_table(table):
            raise Malformed("line 1: not a TimeTagger export table (key, start, stop, tags, description)")
        return timetagger.parse_table(table, tz, progress)
    return detailed_reports.parse(table, tz, clockify=fmt == "clockify", day_first=day_first, progress=progress)


def _detect_json(document: object) -> str:
    from . import stint_export, timetagger, timewarrior, watson
    from .common import Malformed

    if stint_export.looks_like(document):
        return "stint"
    if timetagger.looks_like_records(document):
        return "timetagger"
    if isinstance(document, list) and not document:
        raise Malformed("the file holds an empty list: nothing to import")
    if timewarrior.looks_like(document):
        return "timewarrior"
    if watson.looks_like(document):
        return "watson"
    raise Malformed("JSON that is not a format Stint can import (give --from to say which it is)")


def __getattr__(name: str) -> Any:
    # The CLI builds its parser (and so imports FORMATS) on every command: the
    # readers and their helpers load only when a file is read.
    if name == "Malformed":
        from .common import Malformed

        return Malformed
    if name == "FullExport":
        from .stint_export import FullExport

        return FullExport
    if name == "Parsed":
        from ..domain.imports import Parsed

        return Parsed
    raise AttributeError(name)
