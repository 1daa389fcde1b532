"""The HTML export: one standalone page to open in a browser, print or attach to a mail.

The head names the report, the period and time zone, the person (when the settings
have `person_name`) and what shaped the numbers (filters, rounding). Then:
- grid: one table per week of the period — tasks × days with row and day totals;
- detail: one table of entries, a line per entry and day, grouped by day, each day
  closed by its total; then the totals per day.
Both end with the totals per project and the period's total.

Everything is inline (CSS, no scripts, no fonts, no images) so the file works offline
and shows the same anywhere. It prints on A4 landscape with each table's header
repeated on each page. Every piece of text is escaped: titles and notes come from users
and from servers, and must never become markup.
"""

from __future__ import annotations

from html import escape
from typing import TextIO

from ..domain.text import without_controls
from ..domain.timesheet import Row, format_duration
from .export_common import (
    account_name, conditions, day_heading, day_with_weekday, duration_or_blank, grid_blocks, heading, legend,
    marked_end, marked_start, marks, parts_by_day, project_name, rows_in, subtitle, task_totals, title,
)
from .labels import ENGLISH, Labels
from .report import Report

STYLE = """
:root { color-scheme: light; }
body { font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
       color: #1a1a1a; margin: 2rem; }
h1 { font-size: 1.4rem; margin: 0 0 .2rem; }
h2 { font-size: 1.05rem; margin: 1.6rem 0 .4rem; }
p.range, p.person, p.conditions { margin: 0 0 .3rem; color: #555; }
p.person { color: #1a1a1a; font-weight: 600; }
table { border-collapse: collapse; width: 100%; margin-bottom: 1rem; }
table.summary { width: auto; min-width: 20rem; }
th, td { padding: .3rem .5rem; border-bottom: 1px solid #ddd; vertical-align: top; }
thead th { text-align: left; border-bottom: 2px solid #333; white-space: nowrap; }
tbody th { font-weight: normal; text-align: left; }
.task { overflow-wrap: anywhere; min-width: 12rem; }
.note { overflow-wrap: anywhere; white-space: pre-line; }
.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
.time { white-space: nowrap; font-variant-numeric: tabular-nums; }
.total { font-weight: 600; }
tr.day-total td, tr.day-total th { font-weight: 600; background: #f4f4f4; }
tfoot th, tfoot td { font-weight: 700; border-top: 2px solid #333; border-bottom: none; }
tr.flag-local-only { background: #fff4d6; }
tr.flag-failed { background: #fde2e2; }
.mark { font-weight: 700; color: #a33; padding-left: .25rem; }
.empty { color: #777; font-style: italic; }
ul.legend { list-style: none; padding: 0; margin: 1rem 0 0; color: #444; }
@page { size: A4 landscape; margin: 12mm; }
@media print {
  body { margin: 0; font-size: 9pt; }
  tr { break-inside: avoid; }
  thead { display: table-header-group; }
  tfoot { display: table-row-group; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


def write_html(report: Report, stream: TextIO, *, labels: Labels = ENGLISH) -> None:
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="Stint">',
        f"<title>{_e(title(report, labels))}</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        f"<h1>{_e(heading(report, labels))}</h1>",
        f'<p class="range">{_e(subtitle(report, labels))}</p>',
    ]
    if report.person:
        out.append(f'<p class="person">{_e(report.person)}</p>')
    shaped = conditions(report, labels)
    if shaped:
        out.append(f'<p class="conditions">{_e(shaped)}</p>')
    out += _detail(report, labels) if report.detail else _grid(report, labels)
    tasks = task_totals(report, labels)
    if tasks and not report.detail:
        out += _summary(labels.per_task, tasks, report.sheet.total, labels)
    out += _per_project(report, labels)
    notes = legend(report, labels)
    if notes:
        out.append('<ul class="legend">' + "".join(f"<li>{_e(n)}</li>" for n in notes) + "</ul>")
    out += ["</body>", "</html>"]
    stream.write("\n".join(out) + "\n")


def _grid(report: Report, labels: Labels) -> list[str]:
    blocks = grid_blocks(report)
    if not blocks:
        return [f'<p class="empty">{_e(labels.nothing)}</p>']
    out: list[str] = []
    for block in blocks:
        days = [report.days[i] for i in block]
        rows = rows_in(report, block)
        out += ["<table>", "<thead><tr>", f'<th scope="col" class="task">{_e(labels.task)}</th>',
                f'<th scope="col">{_e(labels.project)}</th>']
        out += [f'<th scope="col" class="num"><time datetime="{d.isoformat()}">{_e(day_heading(d, labels))}</time></th>'
                for d in days]
        out += [f'<th scope="col" class="num">{_e(labels.total)}</th>', "</tr></thead>", "<tbody>"]
        out += [_row(row, block, labels) for row in rows]
        if not rows:
            out.append(f'<tr><td colspan="{len(days) + 3}" class="empty">{_e(labels.nothing)}</td></tr>')
        totals = [sum(r.days[i] for r in report.rows) for i in block]
        out += ["</tbody>", "<tfoot><tr>", f'<th scope="row" class="task">{_e(labels.total)}</th><td></td>']
        out += [f'<td class="num">{duration_or_blank(s)}</td>' for s in totals]
        out += [f'<td class="num total">{format_duration(sum(totals))}</td>', "</tr></tfoot>", "</table>"]
    return out


def _row(row: Row, block: range, labels: Labels) -> str:
    # Only flags we know become class names: a flag is data, not trusted markup.
    known = labels.flag_marks()
    classes = " ".join(f"flag-{f}" for f in known if f in row.flags)
    attr = f' class="{classes}"' if classes else ""
    mark = marks(row, labels)
    if mark:
        why = "; ".join(text for f, (_, text) in known.items() if f in row.flags)
        mark = f'<span class="mark" title="{_e(why)}">{_e(mark)}</span>'
    cells = [f'<th scope="row" class="task">{_e(row.task)}{mark}</th>', f"<td>{_e(row.project or '')}</td>"]
    seconds = [row.days[i] for i in block]
    cells += [f'<td class="num">{duration_or_blank(s)}</td>' for s in seconds]
    cells.append(f'<td class="num total">{format_duration(sum(seconds))}</td>')
    return f"<tr{attr}>" + "".join(cells) + "</tr>"


def _detail(report: Report, labels: Labels) -> list[str]:
    period = report.period
    heads = [(labels.date, ""), (labels.start, "time"), (labels.end, "time"), (labels.duration, "num"),
             (labels.task, "task"), (labels.project, ""), (labels.note, "note"), (labels.account, ""),
             (labels.sync, "")]
    out = ["<table>", "<thead><tr>"]
    out += [f'<th scope="col"{_cls(c)}>{_e(h)}</th>' for h, c in heads]
    out += ["</tr></thead>", "<tbody>"]
    day_totals = report.sheet.day_totals
    for index, parts in parts_by_day(report).items():
        day = report.days[index]
        for part in parts:
            span = part.span
            cells = [
                f'<td class="time"><time datetime="{day.isoformat()}">{_e(day_with_weekday(day, labels))}</time></td>',
                f'<td class="time">{_e(marked_start(part, period, labels))}</td>',
                f'<td class="time">{_e(marked_end(part, period, labels))}</td>',
                f'<td class="num">{format_duration(part.seconds)}</td>',
                f'<td class="task">{_e(span.task)}</td>', f"<td>{_e(span.project or '')}</td>",
                f'<td class="note">{_e(span.note)}</td>', f"<td>{_e(account_name(span.account, labels))}</td>",
                f"<td>{_e(labels.sync_label(span.sync))}</td>",
            ]
            flag = f' class="flag-{span.flag}"' if span.flag in labels.flag_marks() else ""
            out.append(f"<tr{flag}>" + "".join(cells) + "</tr>")
        out.append(f'<tr class="day-total"><th scope="row" colspan="3">{_e(day_with_weekday(day, labels))}</th>'
                   f'<td class="num">{format_duration(day_totals[index])}</td><td colspan="5"></td></tr>')
    if not report.parts:
        out.append(f'<tr><td colspan="{len(heads)}" class="empty">{_e(labels.nothing)}</td></tr>')
    out += ["</tbody>", "<tfoot><tr>", f'<th scope="row" colspan="3">{_e(labels.total)}</th>',
            f'<td class="num total">{format_duration(report.sheet.total)}</td><td colspan="5"></td>',
            "</tr></tfoot>", "</table>"]
    out += _summary(labels.per_day, [(day_with_weekday(d, labels), s) for d, s in zip(report.days, day_totals) if s],
                    report.sheet.total, labels)
    return out


def _per_project(report: Report, labels: Labels) -> list[str]:
    rows = [(project_name(p, labels), s) for p, s in report.sheet.project_totals()]
    return _summary(labels.per_project, rows, report.sheet.total, labels)


def _summary(caption: str, rows: list[tuple[str, int]], total: int, labels: Labels) -> list[str]:
    out = [f"<h2>{_e(caption)}</h2>", '<table class="summary">', "<tbody>"]
    out += [f'<tr><th scope="row">{_e(name)}</th><td class="num">{format_duration(s)}</td></tr>' for name, s in rows]
    out += ["</tbody>", f'<tfoot><tr><th scope="row">{_e(labels.total)}</th>'
            f'<td class="num total">{format_duration(total)}</td></tr></tfoot>', "</table>"]
    return out


def _cls(name: str) -> str:
    return f' class="{name}"' if name else ""


def _e(text: str) -> str:
    # Control characters are not allowed in HTML; the rest is escaped, never trusted.
    return escape(without_controls(text), quote=True)
