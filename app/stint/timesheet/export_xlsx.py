"""The Excel export: numbers a spreadsheet can compute with, not text that looks like them.

One sheet named after the week ("2026-W47"). Row 1 is the header: Task, Project, the
seven days as real dates (shown "Mon 16 Nov"), Total, Flags. Each task follows on its
own row; a day's time is an Excel duration (seconds / 86400, shown as ``[h]:mm`` so
that 25 hours reads 25:00, not 1:00); days without time are left empty. The Total
column and the last row are SUM formulas, so the sheet stays right when someone edits
a cell. openpyxl writes no computed values for formulas; the workbook asks to be
recalculated on load, which Excel, LibreOffice and Numbers all do.

Titles are written as text even when they start with "=": a task title from a server
must never become a formula.
"""

from __future__ import annotations

from typing import IO, TYPE_CHECKING

from ..domain.timesheet import Timesheet
from .export_common import flag_words, title

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

DURATION_FORMAT = "[h]:mm"
DATE_FORMAT = "ddd d mmm"
SECONDS_PER_DAY = 86400
MAX_CELL_TEXT = 32767  # Excel refuses longer cell text

# Columns, 1-based: A Task, B Project, C..I the days, J Total, K Flags.
FIRST_DAY_COL = 3
TOTAL_COL = FIRST_DAY_COL + 7
FLAGS_COL = TOTAL_COL + 1


def write_xlsx(timesheet: Timesheet, stream: IO[bytes]) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = timesheet.week.label
    wb.properties.title = title(timesheet)
    wb.properties.creator = "Stint"
    wb.calculation.fullCalcOnLoad = True

    bold = Font(bold=True)
    rule = Border(bottom=Side(style="thin"))
    header = ["Task", "Project", *timesheet.days, "Total", "Flags"]
    for col, value in enumerate(header, start=1):
        cell = ws.cell(row=1, column=col, value=value)
        cell.font, cell.border = bold, rule
        cell.fill = PatternFill("solid", fgColor="EEEEEE")
        if FIRST_DAY_COL <= col < TOTAL_COL:
            cell.number_format = DATE_FORMAT
            cell.alignment = Alignment(horizontal="right")

    first = 2
    last = first + len(timesheet.rows) - 1
    day_col = [get_column_letter(FIRST_DAY_COL + i) for i in range(7)]
    total_col = get_column_letter(TOTAL_COL)
    for r, row in enumerate(timesheet.rows, start=first):
        _text(ws, r, 1, row.task)
        _text(ws, r, 2, row.project or "")
        for i, seconds in enumerate(row.days):
            if seconds:
                _duration(ws, r, FIRST_DAY_COL + i, seconds / SECONDS_PER_DAY)
        _duration(ws, r, TOTAL_COL, f"=SUM({day_col[0]}{r}:{day_col[-1]}{r})")
        _text(ws, r, FLAGS_COL, flag_words(row))

    totals_row = last + 1
    ws.cell(row=totals_row, column=1, value="Total")
    for i in range(7):
        # No rows: a SUM over an empty range would be read backwards into the header.
        value = f"=SUM({day_col[i]}{first}:{day_col[i]}{last})" if timesheet.rows else 0
        _duration(ws, totals_row, FIRST_DAY_COL + i, value)
    grand = f"=SUM({total_col}{first}:{total_col}{last})" if timesheet.rows else 0
    _duration(ws, totals_row, TOTAL_COL, grand)
    for col in range(1, FLAGS_COL + 1):
        cell = ws.cell(row=totals_row, column=col)
        cell.font, cell.border = bold, Border(top=Side(style="thin"))

    longest_task = max((len(r.task) for r in timesheet.rows), default=0)
    longest_project = max((len(r.project or "") for r in timesheet.rows), default=0)
    widths = {1: min(60, max(12, longest_task + 2)), 2: min(30, max(10, longest_project + 2))}
    widths |= {FIRST_DAY_COL + i: 12 for i in range(7)} | {TOTAL_COL: 10, FLAGS_COL: 16}
    for col, width in widths.items():
        ws.column_dimensions[get_column_letter(col)].width = width

    ws.freeze_panes = "C2"  # task names and day headings stay in view while scrolling
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.oddFooter.left.text = f"Timesheet {timesheet.week.label}"
    ws.oddFooter.right.text = "&P / &N"
    wb.save(stream)


def _text(ws: Worksheet, row: int, col: int, text: str) -> None:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    # Control characters are not allowed in the file's XML and openpyxl would raise.
    cell = ws.cell(row=row, column=col, value=ILLEGAL_CHARACTERS_RE.sub("", text)[:MAX_CELL_TEXT])
    # openpyxl turns any string that starts with "=" into a formula; keep it text.
    cell.data_type = "s"


def _duration(ws: Worksheet, row: int, col: int, value: float | str) -> None:
    ws.cell(row=row, column=col, value=value).number_format = DURATION_FORMAT
