"""The "table" export: the report as text for a terminal or a .txt file.

Grid: one block per week of the period (a month is four or five blocks, each fitting
a terminal), each with Task, Project, the days as H:MM (blank where nothing was
tracked), the row totals and a Total line. Rows with flags carry their marks ("*",
"!") and a legend below says what they mean.

Detail: one line per entry and day — Date (on the day's first line), Start, End,
Time, Task, Project, Note, Account, Sync. A part of an entry that crosses midnight
ends at 24:00→ or starts at →00:00; a running entry ends "running".

Both end with the totals per project (when there is more than one) and the period's
total. Titles are cut with "…" to fit `width` columns (None: as wide as they are);
wide characters and emoji count as the columns they take. `paint` colours cells (the
CLI's colours on a terminal); files get none.
"""

from __future__ import annotations

from typing import TextIO

from ..domain.durations import format_duration
from ..textcols import Cell, Column, Paint, draw, fit, no_paint
from .export_common import (
    account_name, conditions, day_heading, duration_or_blank, grid_blocks, rows_in, task_totals, legend, marked_end, marked_start,
    day_short, marks, one_line, project_name, title, zone_name,
)
from .labels import ENGLISH, Labels
from .report import Report

TASK_WIDTH = 40  # cap on a title's columns even when the terminal is wide
NOTE_WIDTH = 40


def write_table(
    report: Report, stream: TextIO, *, labels: Labels = ENGLISH, width: int | None = None, paint: Paint = no_paint
) -> None:
    out = [paint("title", f"{title(report, labels)} ({zone_name(report.period.tz)})")]
    extra = " · ".join(x for x in (one_line(report.person), conditions(report, labels)) if x)
    if extra:
        out.append(extra)
    body = _detail(report, labels, width, paint) if report.detail else _grid(report, labels, width, paint)
    out += body
    tasks = [(_fit_cap(one_line(name), TASK_WIDTH), s) for name, s in task_totals(report, labels)]
    if tasks and not report.detail:
        out += ["", *_summary(labels.per_task, tasks, report.sheet.total, labels, width, paint)]
    if len({row.project for row in report.rows}) > 1:
        out += ["", *_per_project(report, labels, width, paint)]
    notes = legend(report, labels)
    if notes:
        out += [""] + notes
    stream.write("\n".join(out) + "\n")


def _grid(report: Report, labels: Labels, width: int | None, paint: Paint) -> list[str]:
    out: list[str] = []
    rows = report.rows
    tasks = []
    for row in rows:
        mark = f" {marks(row, labels)}" if marks(row, labels) else ""
        tasks.append((_fit_cap(one_line(row.task), TASK_WIDTH - len(mark)), mark))
    blocks = grid_blocks(report)
    if not blocks:
        return ["", labels.nothing]
    for block in blocks:
        heads = [day_heading(report.days[i], labels) for i in block]
        columns = [Column(labels.task, shrink=2, least=10), Column(labels.project, shrink=1, least=5)]
        columns += [Column(h, ">") for h in heads] + [Column(labels.total, ">")]
        lines: list[list[Cell | str]] = []
        shown = rows_in(report, block)
        for row, task in zip(rows, tasks):
            if row not in shown:
                continue
            seconds = [row.days[i] for i in block]
            cells: list[Cell | str] = [Cell(task[0], "warn" if row.flags else "", task[1]), one_line(row.project or "")]
            cells += [duration_or_blank(s) for s in seconds] + [Cell(format_duration(sum(seconds)), "total")]
            lines.append(cells)
        if not lines:
            lines.append([labels.nothing])
        totals = [sum(r.days[i] for r in rows) for i in block]
        lines += ["---", [Cell(labels.total, "total"), "", *(Cell(duration_or_blank(s), "total") for s in totals),
                          Cell(format_duration(sum(totals)), "total")]]
        out += ["", *draw(columns, lines, _capped(width), paint)]
    return out


def _detail(report: Report, labels: Labels, width: int | None, paint: Paint) -> list[str]:
    period = report.period
    columns = [
        Column(labels.date, least=10), Column(labels.start), Column(labels.end), Column(labels.duration, ">"),
        Column(labels.task, shrink=2, least=10), Column(labels.project, shrink=1, least=5),
        Column(labels.note, shrink=3, least=5), Column(labels.account, shrink=1, least=5),
        Column(labels.sync, shrink=1, least=8),
    ]
    lines: list[list[Cell | str]] = []
    shown_day = None
    for part in report.parts:
        day = report.days[part.day]
        span = part.span
        lines.append([
            day_short(day, labels) if day != shown_day else "",  # once a day
            marked_start(part, period, labels),
            Cell(marked_end(part, period, labels), "running" if part.running else ""),
            format_duration(part.seconds), _fit_cap(one_line(span.task), TASK_WIDTH),
            one_line(span.project or ""), _fit_cap(one_line(span.note), NOTE_WIDTH),
            one_line(account_name(span.account, labels)),
            Cell(labels.sync_label(span.sync), "warn" if span.flag or span.sync == "conflict" else ""),
        ])
        shown_day = day
    # A column nobody filled in (no projects, no notes) only takes room: leave it out.
    keep = [i for i, c in enumerate(columns) if c.head not in (labels.project, labels.note)
            or any(_text(row[i]) for row in lines)]
    columns = [columns[i] for i in keep]
    lines = [[row[i] for i in keep] for row in lines]
    if not lines:
        lines.append([labels.nothing])
    total = format_duration(report.sheet.total)
    lines += ["---", [Cell(labels.total, "total"), "", "", Cell(total, "total")]]
    out = ["", *draw(columns, lines, _capped(width), paint)]
    day_totals = report.sheet.day_totals
    days = [(day_short(d, labels), s) for d, s in zip(report.days, day_totals) if s]
    if len(days) > 1:
        out += ["", *_summary(labels.per_day, days, report.sheet.total, labels, width, paint)]
    return out


def _per_project(report: Report, labels: Labels, width: int | None, paint: Paint) -> list[str]:
    projects = [(one_line(project_name(p, labels)), s) for p, s in report.sheet.project_totals()]
    return _summary(labels.per_project, projects, report.sheet.total, labels, width, paint)


def _summary(caption: str, rows: list[tuple[str, int]], total: int, labels: Labels, width: int | None,
             paint: Paint) -> list[str]:
    columns = [Column(caption, shrink=1, least=12), Column(labels.total, ">")]
    lines: list[list[Cell | str] | str] = [[name, format_duration(s)] for name, s in rows]
    lines += ["---", [Cell(labels.total, "total"), Cell(format_duration(total), "total")]]
    return draw(columns, lines, _capped(width), paint)


def _text(cell: Cell | str) -> str:
    return cell.full if isinstance(cell, Cell) else cell


def _fit_cap(text: str, columns: int) -> str:
    return fit(text, columns)


def _capped(width: int | None) -> int | None:
    return None if width is None else max(width, 40)
