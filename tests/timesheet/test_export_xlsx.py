"""The Excel workbook, read back with openpyxl and, where it matters, as raw XML."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime, time, timedelta

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from stint.domain.timesheet import Span
from stint.timesheet.export_xlsx import write_xlsx
from stint.timesheet.report import Report

from .conftest import (
    CJK_TITLE, DST_DAY_TOTALS, DST_LINES, DST_ROWS, DST_TOTAL, FORMULA_NOTE, SCRIPT_TITLE, SPANISH_TITLE,
    TWO_LINE_NOTE, at, with_rows,
)


def workbook_bytes(sheet: Report) -> bytes:
    stream = io.BytesIO()
    write_xlsx(sheet, stream)
    return stream.getvalue()


def worksheet(sheet: Report) -> Worksheet:
    return load_workbook(io.BytesIO(workbook_bytes(sheet))).active


def evaluate(ws: Worksheet, ref: str) -> timedelta:
    """A cell's value, working out the only formula we write, =SUM(A1:B2)."""
    value = ws[ref].value
    if isinstance(value, str) and value.startswith("="):
        m = re.fullmatch(r"=SUM\(([A-Z]+\d+):([A-Z]+\d+)\)", value)
        assert m, value
        return sum((evaluate(ws, c.coordinate) for row in ws[m[1] : m[2]] for c in row), timedelta())
    return value if value is not None else timedelta()


def test_sheet_is_named_after_the_week_with_a_bold_dated_header(dst_grid: Report) -> None:
    ws = worksheet(dst_grid)
    assert ws.title == "2026-W13"
    header = [c.value for c in ws[1]]
    assert header == ["Task", "Project", *(datetime(2026, 3, d) for d in range(23, 30)), "Total", "Flags"]
    assert all(c.font.bold for c in ws[1])
    assert {ws.cell(1, col).number_format for col in range(3, 10)} == {"ddd d mmm"}
    assert ws.freeze_panes == "C2"


def test_durations_are_numbers_in_hours_and_minutes(dst_grid: Report) -> None:
    ws = worksheet(dst_grid)
    for r, (task, project, days) in enumerate(DST_ROWS, start=2):
        assert ws.cell(r, 1).value == task and ws.cell(r, 2).value == (project or None)
        for i, seconds in enumerate(days):
            cell = ws.cell(r, 3 + i)
            if seconds:
                # openpyxl hands an [h]:mm number back as a timedelta (the file holds days).
                assert cell.number_format == "[h]:mm"
                assert cell.value == timedelta(seconds=seconds)
            else:
                assert cell.value is None
    assert ws.cell(4, 9).value == timedelta(hours=23)  # the short DST Sunday


def test_raw_cells_hold_fractions_of_a_day(dst_grid: Report) -> None:
    xml = zipfile.ZipFile(io.BytesIO(workbook_bytes(dst_grid))).read("xl/worksheets/sheet1.xml").decode()
    cell = re.search(r'<c r="C3"([^>]*)><v>([^<]*)</v></c>', xml)
    assert cell and 't="n"' in cell[1]
    assert float(cell[2]) == 1.5 / 24  # Mon 1:30


def test_totals_are_sum_formulas_that_add_up(dst_grid: Report) -> None:
    ws = worksheet(dst_grid)
    assert ws["J2"].value == "=SUM(C2:I2)"
    assert [ws.cell(5, c).value for c in range(1, 11)] == [
        "Total", None, *(f"=SUM({col}2:{col}4)" for col in "CDEFGHIJ")
    ]
    assert [evaluate(ws, f"{col}5") for col in "CDEFGHI"] == [timedelta(seconds=s) for s in DST_DAY_TOTALS]
    assert evaluate(ws, "J5") == timedelta(seconds=DST_TOTAL)
    assert [evaluate(ws, f"J{r}") for r in (2, 3, 4)] == [timedelta(seconds=sum(d)) for _, _, d in DST_ROWS]
    assert {ws.cell(5, c).number_format for c in range(3, 11)} == {"[h]:mm"}
    assert all(ws.cell(5, c).font.bold for c in range(1, 12))


def test_flags_are_spelled_out(dst_grid: Report) -> None:
    ws = worksheet(dst_grid)
    assert [ws.cell(r, 11).value for r in (2, 3, 4)] == ["local only", None, "failed"]


def test_columns_are_wide_enough_and_unicode_survives(dst_grid: Report) -> None:
    ws = worksheet(dst_grid)
    assert ws.column_dimensions["A"].width >= len(SCRIPT_TITLE)
    assert ws.column_dimensions["C"].width >= 10
    assert [ws.cell(r, 1).value for r in (2, 3, 4)] == [SCRIPT_TITLE, SPANISH_TITLE, CJK_TITLE]


@pytest.mark.parametrize("title", ['=HYPERLINK("http://evil","x")', "=1+2", "=SUM(C2:C4)"])
def test_titles_that_look_like_formulas_stay_text(title: str, dst_grid: Report) -> None:
    data = workbook_bytes(with_rows(dst_grid, [Span("f", title, title, at(2026, 3, 23, 9), at(2026, 3, 23, 9, 1))]))
    ws = load_workbook(io.BytesIO(data)).active
    assert ws["A2"].value == title and ws["A2"].data_type == "s" and ws["A2"].quotePrefix
    assert ws["B2"].value == title and ws["B2"].data_type == "s" and ws["B2"].quotePrefix
    xml = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml").decode()
    assert not re.search(r'<c r="[AB]2"[^>]*>\s*<f>', xml)


def test_control_characters_do_not_break_the_file(dst_grid: Report) -> None:
    ws = worksheet(with_rows(dst_grid, [Span("b", "bell\x07 ring\x00", "p\x1b", at(2026, 3, 23, 9), at(2026, 3, 23, 10))]))
    assert ws["A2"].value == "bell ring" and ws["B2"].value == "p"


def test_empty_week_has_header_and_zero_totals(empty_sheet: Report) -> None:
    ws = worksheet(empty_sheet)
    assert ws.title == "2026-W47" and ws.max_row == 2
    assert ws["A2"].value == "Total"
    # Plain zeros: a SUM over no rows would cover the header's dates instead.
    assert [ws.cell(2, c).value for c in range(3, 11)] == [timedelta(0)] * 8


def test_plain_text_has_no_quote_prefix(dst_grid: Report) -> None:
    ws = worksheet(dst_grid)
    assert [ws.cell(r, 1).quotePrefix for r in (2, 3, 4)] == [False, False, False]


def test_the_head_names_the_period_and_person(dst_detail: Report) -> None:
    wb = load_workbook(io.BytesIO(workbook_bytes(dst_detail)))
    assert wb.properties.title == "Time entries 2026-W13 · 23–29 Mar 2026"
    assert wb.properties.creator == "Ana García"
    assert wb.active.oddHeader.left.text == "Time entries 2026-W13 · 23–29 Mar 2026 · Ana García"


# -- detail ------------------------------------------------------------------------


def test_detail_rows_are_dates_times_and_durations(dst_detail: Report) -> None:
    ws = worksheet(dst_detail)
    assert [c.value for c in ws[1]] == ["Date", "Start", "End", "Duration", "Duration (hours)", "Project", "Task",
                                        "Note", "Account", "Sync", "Entry"]
    sync = {"synced": "synced", "pending": "waiting to sync", "local-only": "local only", "failed": "failed"}
    for r, (day, start, end, seconds, project, task, note, account, state, entry) in enumerate(DST_LINES, start=2):
        row = [c.value for c in ws[r]]
        assert row[0] == datetime.fromisoformat(day)
        assert row[1] == time.fromisoformat(start)
        assert row[2] == ("24:00" if end == "24:00" else time.fromisoformat(end))
        assert row[3] == timedelta(seconds=seconds) and ws.cell(r, 4).number_format == "[h]:mm"
        assert row[4] == round(seconds / 3600, 2) and ws.cell(r, 5).number_format == "0.00"
        assert row[5:] == [project, task, note or None, account, sync[state], entry]
    assert ws["H2"].value == TWO_LINE_NOTE
    assert ws["H5"].value == FORMULA_NOTE and ws["H5"].data_type == "s" and ws["H5"].quotePrefix
    assert ws["A7"].value == "Total" and ws["D7"].value == "=SUM(D2:D6)" and ws["E7"].value == "=SUM(E2:E6)"
    assert evaluate(ws, "D7") == timedelta(seconds=DST_TOTAL)


def test_detail_running_entry_says_so(october_detail: Report) -> None:
    ws = worksheet(october_detail)
    assert ws.title == "2026-10"
    assert [ws.cell(4, c).value for c in (2, 3, 4)] == [time(22, 0), "running", timedelta(minutes=90)]
    assert ws.cell(3, 4).value == timedelta(hours=25)  # the fall-back Sunday


def test_a_month_grid_has_a_column_per_day(october_grid: Report) -> None:
    ws = worksheet(october_grid)
    assert ws.max_column == 2 + 31 + 2
    assert ws.cell(1, 3).value == datetime(2026, 10, 1) and ws.cell(1, 33).value == datetime(2026, 10, 31)
    night = next(r for r in range(2, 4) if ws.cell(r, 1).value == "Night shift")
    assert ws.cell(night, 2 + 25).value == timedelta(hours=25)
    assert ws.cell(night, 34).value == "=SUM(C{0}:AG{0})".format(night)
