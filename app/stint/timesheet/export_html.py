"""The HTML export: one standalone page to open in a browser, print or attach to a mail.

Everything is inline (CSS, no scripts, no fonts, no images) so the file works offline
and shows the same anywhere. It prints on A4 landscape with the header repeated on each
page. Every piece of text is escaped: task and project titles come from users and from
servers, and must never become markup.
"""

from __future__ import annotations

from html import escape
from typing import TextIO

from ..domain.timesheet import Row, Timesheet, format_duration
from .export_common import FLAG_MARKS, date_range, day_heading, legend, marks, title, tz_name, without_controls

STYLE = """
:root { color-scheme: light; }
body { font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
       color: #1a1a1a; margin: 2rem; }
h1 { font-size: 1.4rem; margin: 0 0 .2rem; }
p.range { margin: 0 0 1rem; color: #555; }
table { border-collapse: collapse; width: 100%; }
th, td { padding: .3rem .5rem; border-bottom: 1px solid #ddd; vertical-align: top; }
thead th { text-align: left; border-bottom: 2px solid #333; white-space: nowrap; }
tbody th { font-weight: normal; text-align: left; }
.task { overflow-wrap: anywhere; min-width: 12rem; }
.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
.total { font-weight: 600; }
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


def write_html(timesheet: Timesheet, stream: TextIO) -> None:
    week = timesheet.week
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="Stint">',
        f"<title>{_e(title(timesheet))}</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        f"<h1>Timesheet {_e(week.label)}</h1>",
        f'<p class="range">{_e(date_range(timesheet.days))} · {_e(tz_name(week.tz))}</p>',
        "<table>",
        "<thead><tr>",
        '<th scope="col" class="task">Task</th><th scope="col">Project</th>',
    ]
    for day in timesheet.days:
        out.append(f'<th scope="col" class="num"><time datetime="{day.isoformat()}">{_e(day_heading(day))}</time></th>')
    out += ['<th scope="col" class="num">Total</th>', "</tr></thead>", "<tbody>"]
    out += [_row(row) for row in timesheet.rows]
    if not timesheet.rows:
        out.append('<tr><td colspan="10" class="empty">No time recorded this week.</td></tr>')
    out += ["</tbody>", "<tfoot><tr>", '<th scope="row" class="task">Total</th><td></td>']
    out += [f'<td class="num">{_duration(s)}</td>' for s in timesheet.day_totals]
    out += [f'<td class="num total">{format_duration(timesheet.total)}</td>', "</tr></tfoot>", "</table>"]
    notes = legend(timesheet)
    if notes:
        out.append('<ul class="legend">' + "".join(f"<li>{_e(n)}</li>" for n in notes) + "</ul>")
    out += ["</body>", "</html>"]
    stream.write("\n".join(out) + "\n")


def _row(row: Row) -> str:
    # Only flags we know become class names: a flag is data, not trusted markup.
    classes = " ".join(f"flag-{f}" for f in FLAG_MARKS if f in row.flags)
    attr = f' class="{classes}"' if classes else ""
    mark = marks(row)
    if mark:
        why = "; ".join(text for f, (_, text) in FLAG_MARKS.items() if f in row.flags)
        mark = f'<span class="mark" title="{_e(why)}">{_e(mark)}</span>'
    cells = [f'<th scope="row" class="task">{_e(row.task)}{mark}</th>', f"<td>{_e(row.project or '')}</td>"]
    cells += [f'<td class="num">{_duration(s)}</td>' for s in row.days]
    cells.append(f'<td class="num total">{format_duration(row.total)}</td>')
    return f"<tr{attr}>" + "".join(cells) + "</tr>"


def _duration(seconds: int) -> str:
    return format_duration(seconds) if seconds else ""


def _e(text: str) -> str:
    # Control characters are not allowed in HTML; the rest is escaped, never trusted.
    return escape(without_controls(text), quote=True)
