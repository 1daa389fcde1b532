"""The Excel export: numbers a spreadsheet can compute with, not text that looks like them.

One sheet named after the period ("2026-W47", "2026-11"). Row 1 is the header; row
by row follow:
- grid: Task, Project, each day of the period as a real date (shown "Mon 16 Nov"),
  Total, Flags — one row per task, then a Total row;
- detail: Date (a real date), Start, End (times of day), Duration, Hours (decimal),
  Project, Task, Note, Account, Sync, Entry — one row per entry and day, then a Total
  row.
Durations are Excel durations (seconds / 86400, shown as ``[h]:mm`` so that 25 hours
reads 25:00, not 1:00); grid days without time are left empty. Totals are SUM formulas,
so the sheet stays right when someone edits a cell; openpyxl writes no computed values
and the workbook asks to be recalculated on load (Excel, LibreOffice and Numbers do).
The period, the person and the filters are in the document's properties and in the
printed page's header.

Text is written as text, never as a formula: a cell that a spreadsheet would run (it
starts with = + - @) is a string cell with Excel's "quote prefix" set — shown as
typed, and still text if someone edits it (OWASP's advice against formula injection).
"""

from __future__ import annotations

import io
from datetime import time
from typing import IO, TYPE_CHECKING, Any

from ..domain.text import looks_like_formula, one_line, without_controls
from ..domain.timesheet import decimal_hours
from .export_common import account_name, conditions, flag_words, part_end, subtitle, title
from .labels import ENGLISH, Labels
from .report import Report

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

DURATION_FORMAT = "[h]:mm"
DATE_FORMAT = "ddd d mmm"
TIME_FORMAT = "hh:mm"
HOURS_FORMAT = "0.00"
SECONDS_PER_DAY = 86400
MAX_CELL_TEXT = 32767  # Excel refuses longer cell text


def write_xlsx(report: Report, stream: IO[bytes], *, labels: Labels = ENGLISH) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = report.period.slug[:31]  # Excel's limit on a sheet name
    wb.properties.title = title(report, labels)
    wb.properties.creator = one_line(report.person) or labels.made_by
    wb.properties.subject = conditions(report, labels) or None
    wb.calculation.fullCalcOnLoad = True
    if report.detail:
        _detail(ws, report, labels)
    else:
        _grid(ws, report, labels)
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.oddHeader.left.text = _header_text(" · ".join(x for x in (title(report, labels), one_line(report.person)) if x))
    ws.oddHeader.right.text = _header_text(subtitle(report, labels))
    ws.oddFooter.right.text = "&P / &N"
    # Built in memory, then written in one go: a failing write (disk full) is then
    # one OSError from `stream`, not a ZipFile left half-open on a closed file.
    buffer = io.BytesIO()
    wb.save(buffer)
    stream.write(buffer.getvalue())


def _grid(ws: Worksheet, report: Report, labels: Labels) -> None:
    from openpyxl.utils import get_column_letter

    days = len(report.days)
    first_day, total_col = 3, 3 + days
    _header(ws, [labels.task, labels.project, *report.days, labels.total, labels.flags], dates=range(3, 3 + days))
    first, last = 2, 1 + len(report.rows)
    day_col = [get_column_letter(first_day + i) for i in range(days)]
    for r, row in enumerate(report.rows, start=first):
        _text(ws, r, 1, row.task)
        _text(ws, r, 2, row.project or "")
        for i, seconds in enumerate(row.days):
            if seconds:
                _duration(ws, r, first_day + i, seconds / SECONDS_PER_DAY)
        _duration(ws, r, total_col, f"=SUM({day_col[0]}{r}:{day_col[-1]}{r})")
        _text(ws, r, total_col + 1, flag_words(row, labels))
    totals = last + 1
    ws.cell(row=totals, column=1, value=labels.total)
    for col in range(first_day, total_col + 1):
        letter = get_column_letter(col)
        # No rows: a SUM over an empty range would be read backwards into the header.
        _duration(ws, totals, col, f"=SUM({letter}{first}:{letter}{last})" if report.rows else 0)
    _bold_row(ws, totals, total_col + 1)
    longest_task = max((len(r.task) for r in report.rows), default=0)
    longest_project = max((len(r.project or "") for r in report.rows), default=0)
    widths = {1: min(60, max(12, longest_task + 2)), 2: min(30, max(10, longest_project + 2))}
    widths |= {first_day + i: 12 for i in range(days)} | {total_col: 10, total_col + 1: 16}
    _widths(ws, widths)
    ws.freeze_panes = "C2"  # task names and day headings stay in view while scrolling


def _detail(ws: Worksheet, report: Report, labels: Labels) -> None:
    heads = [labels.date, labels.start, labels.end, labels.duration, f"{labels.duration} ({labels.unit_hours})",
             labels.project, labels.task, labels.note, labels.account, labels.sync, labels.entry]
    _header(ws, heads, dates=())
    tz = report.period.tz
    for r, part in enumerate(report.parts, start=2):
        span = part.span
        ws.cell(row=r, column=1, value=report.days[part.day]).number_format = DATE_FORMAT
        ws.cell(row=r, column=2, value=part.start.astimezone(tz).time().replace(tzinfo=None)).number_format = \
            TIME_FORMAT
        end = part_end(part, report.period, labels)
        if part.running or end == "24:00":  # no time of day: Excel's clock stops at 23:59
            _text(ws, r, 3, end)
        else:
            ws.cell(row=r, column=3, value=_clock(end)).number_format = TIME_FORMAT
        _duration(ws, r, 4, part.seconds / SECONDS_PER_DAY)
        ws.cell(row=r, column=5, value=float(decimal_hours(part.seconds))).number_format = HOURS_FORMAT
        for col, text in ((6, span.project or ""), (7, span.task), (8, span.note),
                          (9, account_name(span.account, labels)), (10, labels.sync_label(span.sync)),
                          (11, span.entry_id)):
            _text(ws, r, col, text, lines=col == 8)
    last = 1 + len(report.parts)
    totals = last + 1
    ws.cell(row=totals, column=1, value=labels.total)
    _duration(ws, totals, 4, f"=SUM(D2:D{last})" if report.parts else 0)
    ws.cell(row=totals, column=5, value=f"=SUM(E2:E{last})" if report.parts else 0).number_format = HOURS_FORMAT
    _bold_row(ws, totals, len(heads))
    _widths(ws, {1: 13, 2: 8, 3: 9, 4: 10, 5: 10, 6: 18, 7: 40, 8: 40, 9: 14, 10: 16, 11: 38})
    ws.freeze_panes = "A2"


def _header(ws: Worksheet, values: list[Any], dates: range | tuple[()]) -> None:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    for col, value in enumerate(values, start=1):
        cell = ws.cell(row=1, column=col, value=value)
        cell.font, cell.border = Font(bold=True), Border(bottom=Side(style="thin"))
        cell.fill = PatternFill("solid", fgColor="EEEEEE")
        if col in dates:
            cell.number_format = DATE_FORMAT
            cell.alignment = Alignment(horizontal="right")


def _bold_row(ws: Worksheet, row: int, last_col: int) -> None:
    from openpyxl.styles import Border, Font, Side

    for col in range(1, last_col + 1):
        cell = ws.cell(row=row, column=col)
        cell.font, cell.border = Font(bold=True), Border(top=Side(style="thin"))


def _widths(ws: Worksheet, widths: dict[int, int]) -> None:
    from openpyxl.utils import get_column_letter

    for col, width in widths.items():
        ws.column_dimensions[get_column_letter(col)].width = width


def _text(ws: Worksheet, row: int, col: int, text: str, *, lines: bool = False) -> None:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    # Control characters are not allowed in the file's XML and openpyxl would raise.
    clean = ILLEGAL_CHARACTERS_RE.sub("", without_controls(text) if lines else one_line(text))[:MAX_CELL_TEXT]
    cell = ws.cell(row=row, column=col, value=clean)
    cell.data_type = "s"  # openpyxl turns any string that starts with "=" into a formula
    if looks_like_formula(clean):
        cell.quotePrefix = True


def _duration(ws: Worksheet, row: int, col: int, value: float | str) -> None:
    ws.cell(row=row, column=col, value=value).number_format = DURATION_FORMAT


def _clock(text: str) -> time:
    hour, minute = text.split(":")
    return time(int(hour), int(minute))


def _header_text(text: str) -> str:
    # "&" starts a code in Excel's header language; a literal one is doubled.
    return one_line(text).replace("&", "&&")
