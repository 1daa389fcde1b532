"""The terminal table, CSV and JSON exports, read back as their users would read them."""

from __future__ import annotations

import csv
import io
import json
import unicodedata

from stint.domain.timesheet import Row, Timesheet
from stint.timesheet.export_text import write_csv, write_json, write_table

from .conftest import CJK_TITLE, DST_DAY_TOTALS, DST_ROWS, DST_TOTAL, SCRIPT_TITLE, SPANISH_TITLE

DST_DATES = [f"2026-03-{d}" for d in range(23, 30)]


def text_of(writer, sheet: Timesheet, **kwargs) -> str:  # type: ignore[no-untyped-def]
    stream = io.StringIO(newline="")
    writer(sheet, stream, **kwargs)
    return stream.getvalue()


def columns(line: str) -> int:
    """Terminal columns `line` takes: wide East Asian characters count twice."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)


def cells(table: str, starts: str) -> list[str]:
    """The cells of the grid line that starts with `starts`, cut where the rule's dashes are."""
    lines = table.splitlines()
    rule = next(line for line in lines if line.startswith("---"))
    spans, col = [], 0
    for run in rule.split("  "):
        spans.append((col, col + len(run)))
        col += len(run) + 2
    line = next(line for line in lines if line.startswith(starts)).ljust(len(rule))
    return [line[a:b].strip() for a, b in spans]


# -- table -------------------------------------------------------------------------


def test_table_shows_the_week_days_durations_and_totals(dst_sheet: Timesheet) -> None:
    table = text_of(write_table, dst_sheet)
    assert table.splitlines()[0] == "Timesheet 2026-W13 · 23–29 Mar 2026 (Europe/Madrid)"
    heads = ["Task", "Project", "Mon 23", "Tue 24", "Wed 25", "Thu 26", "Fri 27", "Sat 28", "Sun 29", "Total"]
    assert cells(table, "Task") == heads
    assert cells(table, SPANISH_TITLE) == [SPANISH_TITLE, "Acme", "1:30", "1:00", "1:00", "", "", "", "", "3:30"]
    assert cells(table, "Total") == ["Total", "", "1:30", "1:00", "1:00", "0:45", "", "", "23:00", "27:15"]


def test_table_marks_flagged_rows_and_explains_the_marks(dst_sheet: Timesheet) -> None:
    table = text_of(write_table, dst_sheet)
    assert cells(table, "<script>")[0].endswith(" *")
    assert f"{CJK_TITLE} !" in table
    assert table.endswith(
        "\n\n* local only — the server cannot hold this time\n"
        "! failed — the server rejected this time; it is kept only here\n"
    )


def test_table_without_flags_has_no_legend(plain_sheet: Timesheet) -> None:
    table = text_of(write_table, plain_sheet)
    assert "*" not in table and "local only" not in table
    assert cells(table, "Standup") == ["Standup", "Team", "0:20", "", "", "", "", "", "", "0:20"]


def test_table_columns_line_up_even_with_wide_characters(dst_sheet: Timesheet) -> None:
    grid = text_of(write_table, dst_sheet).split("\n\n")[1].splitlines()
    assert len({columns(line) for line in grid}) == 1, grid


def test_table_cuts_long_titles_but_keeps_their_marks(dst_sheet: Timesheet) -> None:
    long = Row("l", "A very long task title that goes on and on " * 3, "A project with a long name", [60] + [0] * 6)
    long.flags.add("local-only")
    table = text_of(write_table, Timesheet(dst_sheet.week, [long]), task_width=20, project_width=10)
    task, project = cells(table, "A very")[:2]
    assert task == "A very long task… *" and columns(task) <= 20
    assert project == "A project…"


def test_table_drops_control_characters_from_titles(dst_sheet: Timesheet) -> None:
    evil = Row("e", "red\x1b[31m alert\x07\nline two", None, [60] + [0] * 6)
    table = text_of(write_table, Timesheet(dst_sheet.week, [evil]))
    assert "\x1b" not in table and "\x07" not in table
    assert "red[31m alert line two" in table


def test_table_of_an_empty_week(empty_sheet: Timesheet) -> None:
    table = text_of(write_table, empty_sheet)
    assert "(no time recorded this week)" in table
    assert cells(table, "Total") == ["Total", ""] + [""] * 7 + ["0:00"]


# -- csv ---------------------------------------------------------------------------


def test_csv_reads_back_as_decimal_hours(dst_sheet: Timesheet) -> None:
    rows = list(csv.reader(io.StringIO(text_of(write_csv, dst_sheet), newline="")))
    assert rows == [
        ["Task", "Project", *DST_DATES, "Total"],
        [SCRIPT_TITLE, "", "0.00", "0.00", "0.00", "0.75", "0.00", "0.00", "0.00", "0.75"],
        [SPANISH_TITLE, "Acme", "1.50", "1.00", "1.00", "0.00", "0.00", "0.00", "0.00", "3.50"],
        [CJK_TITLE, "Ops", "0.00", "0.00", "0.00", "0.00", "0.00", "0.00", "23.00", "23.00"],
        ["Total", "", "1.50", "1.00", "1.00", "0.75", "0.00", "0.00", "23.00", "27.25"],
    ]


def test_csv_lines_end_in_crlf(plain_sheet: Timesheet) -> None:
    text = text_of(write_csv, plain_sheet)
    assert text.count("\r\n") == 3 and text.endswith("\r\n")


def test_csv_totals_come_from_seconds_not_rounded_cells(dst_sheet: Timesheet) -> None:
    # Three 20-minute rows: each 0.33, but together exactly one hour.
    rows = [Row(i, f"t{i}", None, [1200] + [0] * 6) for i in range(3)]
    parsed = list(csv.reader(io.StringIO(text_of(write_csv, Timesheet(dst_sheet.week, rows)))))
    assert [r[2] for r in parsed[1:]] == ["0.33", "0.33", "0.33", "1.00"]


def test_csv_defuses_titles_a_spreadsheet_would_run(dst_sheet: Timesheet) -> None:
    titles = ['=HYPERLINK("http://evil","x")', "+1", "-5 min fix", "@SUM(A1)", "plain = fine"]
    rows = [Row(t, t, "=cmd|' /C calc'!A0", [60] + [0] * 6) for t in titles]
    parsed = list(csv.reader(io.StringIO(text_of(write_csv, Timesheet(dst_sheet.week, rows)))))
    assert [r[0] for r in parsed[1:-1]] == ["'" + t for t in titles[:4]] + ["plain = fine"]
    assert {r[1] for r in parsed[1:-1]} == {"'=cmd|' /C calc'!A0"}


def test_csv_of_an_empty_week(empty_sheet: Timesheet) -> None:
    rows = list(csv.reader(io.StringIO(text_of(write_csv, empty_sheet))))
    assert rows == [
        ["Task", "Project", *(f"2026-11-{d}" for d in range(16, 23)), "Total"],
        ["Total", "", *["0.00"] * 7, "0.00"],
    ]


# -- json --------------------------------------------------------------------------


def test_json_has_the_agreed_shape_in_seconds(dst_sheet: Timesheet) -> None:
    flags = {SCRIPT_TITLE: ["local-only"], SPANISH_TITLE: [], CJK_TITLE: ["failed"]}
    assert json.loads(text_of(write_json, dst_sheet)) == {
        "week": "2026-W13",
        "start": "2026-03-23",
        "timezone": "Europe/Madrid",
        "days": DST_DATES,
        "rows": [
            {"task": t, "project": p, "days": d, "total": sum(d), "flags": flags[t]} for t, p, d in DST_ROWS
        ],
        "totals": {"days": DST_DAY_TOTALS, "total": DST_TOTAL},
    }


def test_json_keeps_unicode_readable(dst_sheet: Timesheet) -> None:
    text = text_of(write_json, dst_sheet)
    assert CJK_TITLE in text and text.endswith("}\n")


def test_json_of_an_empty_week(empty_sheet: Timesheet) -> None:
    data = json.loads(text_of(write_json, empty_sheet))
    assert data["week"] == "2026-W47" and data["start"] == "2026-11-16"
    assert data["days"] == [f"2026-11-{d}" for d in range(16, 23)]
    assert data["rows"] == [] and data["totals"] == {"days": [0] * 7, "total": 0}
