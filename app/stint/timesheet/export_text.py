"""CSV for spreadsheets, JSON for programs.

csv    Every duration comes twice, in labelled columns: as H:MM ("1:30") and as decimal
       hours with two decimals ("1.50", what Kimai and Toggl export and what a
       spreadsheet can sum as it is).
       Grid: ``Task, Project, <date> (H:MM), <date> (hours), … Total (H:MM), Total
       (hours)``, one line per task, then a ``Total`` line. Totals are computed from
       seconds, so they can differ by 0.01 from the sum of the rounded cells.
       Detail: ``Date, Start, End, Duration (H:MM), Duration (hours), Project, Task,
       Note, Account, Sync, Entry``, one line per entry and day — a part that goes on
       past midnight ends at 24:00 and the next day's part starts at 00:00, with the
       same Entry id; a running entry has no End. No total line: every line is an entry.
       Text a spreadsheet would run as a formula (starting with = + - @, tab or CR) is
       prefixed with ' — titles and notes come from servers and other people. Lines
       end in CRLF (RFC 4180); the encoding is UTF-8 without a BOM.
json   Seconds as integers — exact, for programs. Shape::

           {"layout": "grid"|"detail", "period": {"kind", "label", "first", "last"},
            "timezone", "person", "rounding": {"minutes", "mode"} | null,
            "filters": {"projects", "accounts", "local"}, "days": [ISO dates],
            "rows": [{"task", "project", "days": [ints], "total", "flags"}]       (grid)
            "entries": [{"entry", "task_id", "task", "project", "note", "account",
                         "sync", "date", "start", "end", "seconds", "tracked_seconds",
                         "continued", "continues", "running"}]                     (detail)
            "totals": {"days": [ints], "projects": [{"project", "seconds"}], "total"}}

       start/end are ISO 8601 with the local offset; end is null while running.
"""

from __future__ import annotations

import csv
import json
from typing import TextIO

from ..domain.text import defused, one_line, without_controls
from ..domain.timesheet import Part, decimal_hours, format_duration
from .export_common import account_name, part_end, part_start, zone_name
from .labels import ENGLISH, Labels
from .report import Report


def write_csv(report: Report, stream: TextIO, *, labels: Labels = ENGLISH) -> None:
    writer = csv.writer(stream)
    clock, hours = f"({labels.unit_clock})", f"({labels.unit_hours})"
    if report.detail:
        writer.writerow([labels.date, labels.start, labels.end, f"{labels.duration} {clock}",
                         f"{labels.duration} {hours}", labels.project, labels.task, labels.note, labels.account,
                         labels.sync, labels.entry])
        tz = report.period.tz
        for part in report.parts:
            span = part.span
            writer.writerow([
                report.days[part.day].isoformat(), part_start(part, report.period),
                "" if part.running else part_end(part, report.period, labels),
                format_duration(part.seconds), decimal_hours(part.seconds),
                _cell(span.project or ""), _cell(span.task), _cell(span.note, lines=True),
                _cell(account_name(span.account, labels)), labels.sync_label(span.sync), span.entry_id,
            ])
        return
    head = [labels.task, labels.project]
    for day in report.days:
        head += [f"{day.isoformat()} {clock}", f"{day.isoformat()} {hours}"]
    writer.writerow(head + [f"{labels.total} {clock}", f"{labels.total} {hours}"])
    for row in report.rows:
        writer.writerow([_cell(row.task), _cell(row.project or ""), *_both(row.days), *_both([row.total])])
    writer.writerow([labels.total, "", *_both(report.sheet.day_totals), *_both([report.sheet.total])])


def _both(seconds: list[int]) -> list[str]:
    return [text for s in seconds for text in (format_duration(s), decimal_hours(s))]


def _cell(text: str, *, lines: bool = False) -> str:
    # Notes keep their lines (a quoted CSV field may hold them); titles are one line.
    return defused(without_controls(text) if lines else one_line(text))


def write_json(report: Report, stream: TextIO, *, labels: Labels = ENGLISH) -> None:  # noqa: ARG001
    json.dump(to_dict(report), stream, ensure_ascii=False, indent=2)
    stream.write("\n")


def to_dict(report: Report) -> dict[str, object]:
    """The JSON export as plain data."""
    period, sheet, options = report.period, report.sheet, report.options
    rounding = options.rounding
    data: dict[str, object] = {
        "layout": options.layout,
        "period": {"kind": period.kind, "label": period.label, "first": period.first.isoformat(),
                   "last": period.last.isoformat()},
        "timezone": zone_name(period.tz),
        "person": options.person,
        "rounding": {"minutes": rounding.minutes, "mode": rounding.mode} if rounding else None,
        "filters": {"projects": list(options.filters.projects), "accounts": list(options.filters.accounts),
                    "local": options.filters.local},
        "days": [d.isoformat() for d in period.days],
    }
    if report.detail:
        data["entries"] = [_entry(report, part) for part in report.parts]
    else:
        data["rows"] = [
            {"task": row.task, "project": row.project, "days": [int(s) for s in row.days], "total": int(row.total),
             "flags": sorted(row.flags)}
            for row in sheet.rows
        ]
    data["totals"] = {
        "days": [int(s) for s in sheet.day_totals],
        "projects": [{"project": p, "seconds": int(s)} for p, s in sheet.project_totals()],
        "total": int(sheet.total),
    }
    return data


def _entry(report: Report, part: Part) -> dict[str, object]:
    tz, span = report.period.tz, part.span
    return {
        "entry": span.entry_id, "task_id": span.task_key, "task": span.task, "project": span.project,
        "note": span.note, "account": span.account, "sync": span.sync, "date": report.days[part.day].isoformat(),
        "start": part.start.astimezone(tz).isoformat(),
        "end": None if part.running else part.end.astimezone(tz).isoformat(),
        "seconds": int(part.seconds), "tracked_seconds": int(part.tracked),
        "continued": part.continued, "continues": part.continues, "running": part.running,
    }
