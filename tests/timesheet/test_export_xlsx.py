"""The Excel workbook, read back with openpyxl and, where it matters, as raw XML."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime, timedelta

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from stint.domain.timesheet import Row, Timesheet
from stint.timesheet.export_xlsx import write_xlsx

from .conftest import CJK_TITLE, DST_DAY_TOTALS, DST_ROWS, DST_TOTAL, SCRIPT_TITLE, SPANISH_TITLE


def workbook_bytes(sheet: Timesheet) -> bytes:
    stream = io.BytesIO()
    write_xlsx(sheet, stream)
    return stream.getvalue()


def worksheet(sheet: Timesheet) -> Worksheet:
    return load_workbook(io.BytesIO(workbook_bytes(sheet))).active


def evaluate(ws: Worksheet, ref: str) -> timedelta:
    """A cell's value, working out the only formula we write, =SUM(A1:B2)."""
    value = ws[ref].value
    if isinstance(value, str) and value.startswith("="):
        m = re.fullmatch(r"=SUM\(([A-Z]+\d+):([A-Z]+\d+)\)", value)
        assert m, value
        return sum((evaluate(ws, c.coordinate) for row in ws[m[1] : m[2]] for c in row), timedelta())
    return value if value is not None else timedelta()


def test_sheet_is_named_after_the_week_with_a_bold_dated_header(dst_sheet: Timesheet) -> None:
    ws = worksheet(dst_sheet)
    assert ws.title == "2026-W13"
    header = [c.value for c in ws[1]]
    assert header == ["Task", "Project", *(datetime(2026, 3, d) for d in range(23, 30)), "Total", "Flags"]
    assert all(c.font.bold for c in ws[1])
    assert {ws.cell(1, col).number_format for col in range(3, 10)} == {"ddd d mmm"}
    assert ws.freeze_panes == "C2"


def test_durations_are_numbers_in_hours_and_minutes(dst_sheet: Timesheet) -> None:
    ws = worksheet(dst_sheet)
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


def test_raw_cells_hold_fractions_of_a_day(dst_sheet: Timesheet) -> None:
    xml = zipfile.ZipFile(io.BytesIO(workbook_bytes(dst_sheet))).read("xl/worksheets/sheet1.xml").decode()
    cell = re.search(r'<c r="C3"([^>]*)><v>([^<]*)</v></c>', xml)
    assert cell and 't="n"' in cell[1]
    assert float(cell[2]) == 1.5 / 24  # Mon 1:30


def test_totals_are_sum_formulas_that_add_up(dst_sheet: Timesheet) -> None:
    ws = worksheet(dst_sheet)
    assert ws["J2"].value == "=SUM(C2:I2)"
    assert [ws.cell(5, c).value for c in range(1, 11)] == [
        "Total", None, *(f"=SUM({col}2:{col}4)" for col in "CDEFGHIJ")
    ]
    assert [evaluate(ws, f"{col}5") for col in "CDEFGHI"] == [timedelta(seconds=s) for s in DST_DAY_TOTALS]
    assert evaluate(ws, "J5") == timedelta(seconds=DST_TOTAL)
    assert [evaluate(ws, f"J{r}") for r in (2, 3, 4)] == [timedelta(seconds=sum(d)) for _, _, d in DST_ROWS]
    assert {ws.cell(5, c).number_format for c in range(3, 11)} == {"[h]:mm"}
    assert all(ws.cell(5, c).font.bold for c in range(1, 12))


def test_flags_are_spelled_out(dst_sheet: Timesheet) -> None:
    ws = worksheet(dst_sheet)
    assert [ws.cell(r, 11).value for r in (2, 3, 4)] == ["local only", None, "failed"]


def test_columns_are_wide_enough_and_unicode_survives(dst_sheet: Timesheet) -> None:
    ws = worksheet(dst_sheet)
    assert ws.column_dimensions["A"].width >= len(SCRIPT_TITLE)
    assert ws.column_dimensions["C"].width >= 10
    assert [ws.cell(r, 1).value for r in (2, 3, 4)] == [SCRIPT_TITLE, SPANISH_TITLE, CJK_TITLE]


@pytest.mark.parametrize("title", ['=HYPERLINK("http://evil","x")', "=1+2", "=SUM(C2:C4)"])
def test_titles_that_look_like_formulas_stay_text(title: str, dst_sheet: Timesheet) -> None:
    data = workbook_bytes(Timesheet(dst_sheet.week, [Row("f", title, title, [60] + [0] * 6)]))
    ws = load_workbook(io.BytesIO(data)).active
    assert ws["A2"].value == title and ws["A2"].data_type == "s"
    assert ws["B2"].value == title and ws["B2"].data_type == "s"
    xml = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml").decode()
    assert not re.search(r'<c r="[AB]2"[^>]*>\s*<f>', xml)


def test_control_characters_do_not_break_the_file(dst_sheet: Timesheet) -> None:
    ws = worksheet(Timesheet(dst_sheet.week, [Row("b", "bell\x07 ring\x00", "p\x1b", [60] + [0] * 6)]))
    assert ws["A2"].value == "bell ring" and ws["B2"].value == "p"


def test_empty_week_has_header_and_zero_totals(empty_sheet: Timesheet) -> None:
    ws = worksheet(empty_sheet)
    assert ws.title == "2026-W47" and ws.max_row == 2
    assert ws["A2"].value == "Total"
    # Plain zeros: a SUM over no rows would cover the header's dates instead.
    assert [ws.cell(2, c).value for c in range(3, 11)] == [timedelta(0)] * 8
