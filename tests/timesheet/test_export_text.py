"""CSV and JSON, grid and detail, read back as a spreadsheet and a program would."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from typing import TextIO

import pytest

from stint.domain.timesheet import Rounding, Span
from stint.timesheet.export_text import write_csv, write_json
from stint.timesheet.report import Report

from .conftest import (
    CJK_TITLE, DST_DAY_TOTALS, DST_LINES, DST_ROWS, DST_TOTAL, FORMULA_NOTE, SCRIPT_TITLE, SPANISH_TITLE,
    TWO_LINE_NOTE, at, with_rows,
)

DST_DATES = [f"2026-03-{d}" for d in range(23, 30)]


def text_of(writer: Callable[[Report, TextIO], None], report: Report) -> str:
    stream = io.StringIO(newline="")
    writer(report, stream)
    return stream.getvalue()


def csv_rows(report: Report) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text_of(write_csv, report), newline="")))


def both(seconds: int) -> list[str]:
    return [f"{seconds // 3600}:{seconds // 60 % 60:02d}", f"{seconds / 3600:.2f}"]


# -- csv grid ----------------------------------------------------------------------


def test_csv_grid_states_its_units_in_labelled_columns(dst_grid: Report) -> None:
    rows = csv_rows(dst_grid)
    assert rows[0] == ["Task", "Project", *(f"{d} {unit}" for d in DST_DATES for unit in ("(H:MM)", "(hours)")),
                       "Total (H:MM)", "Total (hours)"]
    assert rows[1:] == [
        [SCRIPT_TITLE, "", "0:00", "0.00", "0:00", "0.00", "0:00", "0.00", "0:45", "0.75", "0:00", "0.00", "0:00",
         "0.00", "0:00", "0.00", "0:45", "0.75"],
        [SPANISH_TITLE, "Acme", "1:30", "1.50", "1:00", "1.00", "1:00", "1.00", "0:00", "0.00", "0:00", "0.00",
         "0:00", "0.00", "0:00", "0.00", "3:30", "3.50"],
        [CJK_TITLE, "Ops", *["0:00", "0.00"] * 6, "23:00", "23.00", "23:00", "23.00"],
        ["Total", "", "1:30", "1.50", "1:00", "1.00", "1:00", "1.00", "0:45", "0.75", "0:00", "0.00", "0:00", "0.00",
         "23:00", "23.00", "27:15", "27.25"],
    ]
    # The same numbers as the fixture's, in both units.
    assert rows[2][2:-2] == [cell for s in DST_ROWS[1][2] for cell in both(s)]
    assert rows[-1][2:] == [cell for s in [*DST_DAY_TOTALS, DST_TOTAL] for cell in both(s)]


def test_csv_lines_end_in_crlf(plain_sheet: Report) -> None:
    text = text_of(write_csv, plain_sheet)
    assert text.count("\r\n") == 3 and text.endswith("\r\n")


def test_csv_totals_come_from_seconds_not_rounded_cells(dst_grid: Report) -> None:
    # Three 20-minute rows: each 0.33, but together exactly one hour.
    spans = [Span(i, f"t{i}", None, at(2026, 3, 23, 9 + i), at(2026, 3, 23, 9 + i, 20)) for i in range(3)]
    rows = csv_rows(with_rows(dst_grid, spans))
    assert [r[3] for r in rows[1:]] == ["0.33", "0.33", "0.33", "1.00"]


@pytest.mark.parametrize("detail", [False, True])
def test_csv_defuses_cells_a_spreadsheet_would_run(detail: bool, dst_grid: Report) -> None:
    titles = ['=HYPERLINK("http://evil","x")', "+1", "-5 min fix", "@SUM(A1)", "\t=1", "plain = fine"]
    spans = [Span(t, t, "=cmd|' /C calc'!A0", at(2026, 3, 23, 9, i), at(2026, 3, 23, 9, i + 1), note="-2+3",
                  account="@evil") for i, t in enumerate(titles)]
    rows = csv_rows(with_rows(dst_grid, spans, detail=detail))
    task_col = 6 if detail else 0
    tasks = [r[task_col] for r in rows[1:len(titles) + 1]]
    # A tab inside a title is a space by the time it is a cell; "=1" after it still is defused.
    assert sorted(tasks) == sorted(["'" + t for t in titles[:4]] + ["'=1", "plain = fine"])
    formulas = {r[task_col - 1 if detail else 1] for r in rows[1:len(titles) + 1]}
    assert formulas == {"'=cmd|' /C calc'!A0"}
    if detail:
        assert {r[7] for r in rows[1:]} == {"'-2+3"} and {r[8] for r in rows[1:]} == {"'@evil"}


def test_csv_of_an_empty_week(empty_sheet: Report) -> None:
    rows = csv_rows(empty_sheet)
    assert len(rows[0]) == 2 + 14 + 2
    assert rows[1:] == [["Total", "", *["0:00", "0.00"] * 8]]


# -- csv detail --------------------------------------------------------------------


def test_csv_detail_is_one_line_per_entry_and_day(dst_detail: Report) -> None:
    rows = csv_rows(dst_detail)
    assert rows[0] == ["Date", "Start", "End", "Duration (H:MM)", "Duration (hours)", "Project", "Task", "Note",
                       "Account", "Sync", "Entry"]
    sync = {"synced": "synced", "pending": "waiting to sync", "local-only": "local only", "failed": "failed"}
    expected = [
        [day, start, end, *both(seconds), project or "", task, "'" + note if note.startswith("=") else note, account,
         sync[state], entry]
        for day, start, end, seconds, project, task, note, account, state, entry in DST_LINES
    ]
    assert rows[1:] == expected
    assert rows[1][7] == TWO_LINE_NOTE and rows[4][7] == "'" + FORMULA_NOTE
    assert rows[2][:5] == ["2026-03-24", "23:00", "24:00", "1:00", "1.00"]  # the part before midnight
    assert rows[3][:5] == ["2026-03-25", "00:00", "01:00", "1:00", "1.00"]  # the same entry after it


def test_csv_detail_rounds_each_part_like_the_grid(dst_grid: Report) -> None:
    # 23:50–00:10 and 09:00–09:07, rounded up to 15 minutes per part.
    spans = [Span("a", "A", None, at(2026, 3, 24, 23, 50), at(2026, 3, 25, 0, 10), entry_id="x"),
             Span("a", "A", None, at(2026, 3, 25, 9), at(2026, 3, 25, 9, 7), entry_id="y")]
    detail = csv_rows(with_rows(dst_grid, spans, detail=True, rounding=Rounding(15)))
    grid = csv_rows(with_rows(dst_grid, spans, rounding=Rounding(15)))
    assert [r[3:5] for r in detail[1:]] == [["0:15", "0.25"], ["0:15", "0.25"], ["0:15", "0.25"]]
    assert grid[1][4:8] == ["0:15", "0.25", "0:30", "0.50"]  # Tue and Wed in the grid: the same sums


def test_csv_detail_running_entry_has_no_end(october_detail: Report) -> None:
    rows = csv_rows(october_detail)
    assert rows[1:] == [
        ["2026-10-01", "09:00", "09:20", "0:20", "0.33", "Team", "Standup", "", "work", "synced", "o1"],
        ["2026-10-25", "00:00", "24:00", "25:00", "25.00", "Ops", "Night shift", "", "local", "local task", "o2"],
        ["2026-10-31", "22:00", "", "1:30", "1.50", "Team", "Standup", "", "work", "waiting to sync", "o3"],
    ]


# -- json --------------------------------------------------------------------------


def test_json_grid_has_the_agreed_shape_in_seconds(dst_grid: Report) -> None:
    flags = {SCRIPT_TITLE: ["local-only"], SPANISH_TITLE: [], CJK_TITLE: ["failed"]}
    assert json.loads(text_of(write_json, dst_grid)) == {
        "layout": "grid",
        "period": {"kind": "week", "label": "2026-W13", "first": "2026-03-23", "last": "2026-03-29"},
        "timezone": "Europe/Madrid",
        "person": "",
        "rounding": None,
        "filters": {"projects": [], "accounts": [], "local": False},
        "days": DST_DATES,
        "rows": [{"task": t, "project": p, "days": d, "total": sum(d), "flags": flags[t]} for t, p, d in DST_ROWS],
        "totals": {"days": DST_DAY_TOTALS, "total": DST_TOTAL,
                   "projects": [{"project": None, "seconds": 2700}, {"project": "Acme", "seconds": 12600},
                                {"project": "Ops", "seconds": 82800}]},
    }


def test_json_detail_lists_parts_with_local_times(dst_detail: Report) -> None:
    data = json.loads(text_of(write_json, dst_detail))
    assert data["layout"] == "detail" and data["person"] == "Ana García" and "rows" not in data
    tuesday, wednesday = data["entries"][1:3]
    assert tuesday == {
        "entry": "e2", "task_id": "es", "task": SPANISH_TITLE, "project": "Acme", "note": "", "account": "work",
        "sync": "pending", "date": "2026-03-24", "start": "2026-03-24T23:00:00+01:00",
        "end": "2026-03-25T00:00:00+01:00", "seconds": 3600, "tracked_seconds": 3600, "continued": False,
        "continues": True, "running": False,
    }
    assert (wednesday["start"], wednesday["end"], wednesday["continued"]) == (
        "2026-03-25T00:00:00+01:00", "2026-03-25T01:00:00+01:00", True)
    # Sunday 29 March: midnight is still winter time, the next midnight summer time.
    sunday = data["entries"][4]
    assert (sunday["start"], sunday["end"], sunday["seconds"]) == (
        "2026-03-29T00:00:00+01:00", "2026-03-30T00:00:00+02:00", 82800)
    assert data["totals"]["total"] == DST_TOTAL


def test_json_running_entry_has_no_end(october_detail: Report) -> None:
    running = json.loads(text_of(write_json, october_detail))["entries"][-1]
    assert (running["end"], running["running"], running["seconds"]) == (None, True, 5400)


def test_json_keeps_unicode_readable(dst_grid: Report) -> None:
    text = text_of(write_json, dst_grid)
    assert CJK_TITLE in text and text.endswith("}\n")


def test_json_of_an_empty_week(empty_sheet: Report) -> None:
    data = json.loads(text_of(write_json, empty_sheet))
    assert data["period"]["label"] == "2026-W47" and data["period"]["first"] == "2026-11-16"
    assert data["days"] == [f"2026-11-{d}" for d in range(16, 23)]
    assert data["rows"] == [] and data["totals"] == {"days": [0] * 7, "projects": [], "total": 0}
