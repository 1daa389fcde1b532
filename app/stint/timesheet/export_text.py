"""The text exports: a grid for the terminal, CSV for spreadsheets, JSON for programs.

table  H:MM cells, blank where nothing was tracked; titles cut to fit with "…"; rows
       with flags carry their marks ("*", "!") and a legend below says what they mean.
       Widths count East Asian wide characters as two columns so the grid stays square.
csv    ``Task,Project,<7 ISO dates>,Total``, one line per task, then a ``Total`` line.
       Durations are decimal hours with two decimals ("1.50" is 1 h 30 min), which is
       what Kimai and Toggl export and what a spreadsheet can sum as it is. Totals are
       computed from seconds, so they can differ by 0.01 from the sum of the rounded
       cells. Text that a spreadsheet would run as a formula (starting with = + - @) is
       prefixed with ' — task titles come from servers and other people. Lines end in
       CRLF (RFC 4180); the encoding is UTF-8 without a BOM. Flags are not in the CSV.
json   Seconds as integers — exact, for programs. Shape::

           {"week": "2026-W47", "start": "2026-11-16", "timezone": "Europe/Madrid",
            "days": [7 ISO dates],
            "rows": [{"task", "project", "days": [7 ints], "total", "flags": [...]}],
            "totals": {"days": [7 ints], "total": int}}
"""

from __future__ import annotations

import csv
import json
import unicodedata
from typing import TextIO

from ..domain.timesheet import Timesheet, format_duration
from .export_common import day_heading, hours, legend, marks, one_line, title, tz_name

TASK_WIDTH = 32
PROJECT_WIDTH = 16
GAP = "  "


def write_table(
    timesheet: Timesheet, stream: TextIO, *, task_width: int = TASK_WIDTH, project_width: int = PROJECT_WIDTH
) -> None:
    """A plain-text grid; `task_width` and `project_width` cap those columns."""
    rows = timesheet.rows
    heads = [day_heading(d) for d in timesheet.days]
    cells = [[_duration(s) for s in row.days] for row in rows]
    totals = [_duration(s) for s in timesheet.day_totals]
    tasks = [_task_cell(one_line(r.task), marks(r), task_width) for r in rows]
    projects = [_fit(one_line(r.project or ""), project_width) for r in rows]
    row_totals = [format_duration(r.total) for r in rows]
    grand_total = format_duration(timesheet.total)

    w_task = max([_width("Task"), _width("Total")] + [_width(t) for t in tasks])
    w_project = max([_width("Project")] + [_width(p) for p in projects])
    w_days = [max([len(heads[i]), len(totals[i])] + [len(c[i]) for c in cells]) for i in range(7)]
    w_total = max([len("Total"), len(grand_total)] + [len(t) for t in row_totals])

    def line(task: str, project: str, days: list[str], total: str) -> str:
        parts = [_pad(task, w_task), _pad(project, w_project)]
        parts += [d.rjust(w) for d, w in zip(days, w_days)]
        parts.append(total.rjust(w_total))
        return GAP.join(parts).rstrip()

    rule = line("-" * w_task, "-" * w_project, ["-" * w for w in w_days], "-" * w_total)
    out = [f"{title(timesheet)} ({tz_name(timesheet.week.tz)})", "", line("Task", "Project", heads, "Total"), rule]
    for task, project, days, total in zip(tasks, projects, cells, row_totals):
        out.append(line(task, project, days, total))
    if not rows:
        out.append("(no time recorded this week)")
    out += [rule, line("Total", "", totals, grand_total)]
    notes = legend(timesheet)
    if notes:
        out += [""] + notes
    stream.write("\n".join(out) + "\n")


def write_csv(timesheet: Timesheet, stream: TextIO) -> None:
    writer = csv.writer(stream)
    writer.writerow(["Task", "Project", *(d.isoformat() for d in timesheet.days), "Total"])
    for row in timesheet.rows:
        cells = [_defused(row.task), _defused(row.project or "")]
        writer.writerow([*cells, *(hours(s) for s in row.days), hours(row.total)])
    writer.writerow(["Total", "", *(hours(s) for s in timesheet.day_totals), hours(timesheet.total)])


def write_json(timesheet: Timesheet, stream: TextIO) -> None:
    json.dump(to_dict(timesheet), stream, ensure_ascii=False, indent=2)
    stream.write("\n")


def to_dict(timesheet: Timesheet) -> dict[str, object]:
    """The JSON export as plain data."""
    week = timesheet.week
    return {
        "week": week.label,
        "start": week.days[0].isoformat(),
        "timezone": tz_name(week.tz),
        "days": [d.isoformat() for d in week.days],
        "rows": [
            {
                "task": row.task,
                "project": row.project,
                "days": [int(s) for s in row.days],
                "total": int(row.total),
                "flags": sorted(row.flags),
            }
            for row in timesheet.rows
        ],
        "totals": {"days": [int(s) for s in timesheet.day_totals], "total": int(timesheet.total)},
    }


def _duration(seconds: int) -> str:
    return format_duration(seconds) if seconds else ""


def _defused(text: str) -> str:
    # Spreadsheets run cells starting with these as formulas (CSV injection); the
    # leading apostrophe makes them text and is what OWASP recommends.
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _char_width(ch: str) -> int:
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def _width(text: str) -> int:
    """Columns `text` takes in a terminal."""
    return sum(_char_width(ch) for ch in text)


def _fit(text: str, width: int) -> str:
    """`text` cut to at most `width` columns, ending in "…" when cut."""
    if _width(text) <= width:
        return text
    kept, used = [], 0
    for ch in text:
        w = _char_width(ch)
        if used + w > width - 1:
            break
        kept.append(ch)
        used += w
    return "".join(kept).rstrip() + "…"


def _task_cell(task: str, mark: str, width: int) -> str:
    # The mark must survive truncation: it is the only sign the row is special.
    if not mark:
        return _fit(task, width)
    return f"{_fit(task, width - len(mark) - 1)} {mark}"


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))
