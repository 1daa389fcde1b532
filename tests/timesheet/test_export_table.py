"""The terminal table, grid and detail, read back as a person reads it."""

from __future__ import annotations

import io
from datetime import date

import wcwidth

from stint.domain.periods import Period
from stint.domain.timesheet import Span
from stint.textcols import Paint, no_paint
from stint.timesheet.export_table import write_table
from stint.timesheet.report import Report

from .conftest import CJK_TITLE, MADRID, SCRIPT_TITLE, SPANISH_TITLE, at, report, with_rows


def text_of(report: Report, *, width: int | None = None, paint: Paint = no_paint) -> str:
    stream = io.StringIO()
    write_table(report, stream, width=width, paint=paint)
    return stream.getvalue()


def columns(line: str) -> int:
    """Terminal columns `line` takes (wcwidth, as the terminal's own tables count)."""
    return wcwidth.width(line)


def cells(table: str, starts: str, *, table_no: int = 0) -> list[str]:
    """The cells of the line that starts with `starts`, cut where the dashes of the
    `table_no`-th table's rule are (columns, not characters: wide text counts double)."""
    lines = table.splitlines()
    rules = [i for i, line in enumerate(lines) if line.startswith("---")]
    rule_at = rules[table_no * 2]
    rule = lines[rule_at]
    spans, col = [], 0
    for run in rule.split("  "):
        spans.append((col, col + len(run)))
        col += len(run) + 2
    section = lines[rule_at - 1:]
    line = next(line for line in section if line.startswith(starts))
    return [wcwidth.clip(line, a, b).strip() for a, b in spans]


# -- grid --------------------------------------------------------------------------


def test_grid_shows_the_week_days_durations_and_totals(dst_grid: Report) -> None:
    table = text_of(dst_grid)
    assert table.splitlines()[0] == "Timesheet 2026-W13 · 23–29 Mar 2026 (Europe/Madrid)"
    heads = ["Task", "Project", "Mon 23", "Tue 24", "Wed 25", "Thu 26", "Fri 27", "Sat 28", "Sun 29", "Total"]
    assert cells(table, "Task") == heads
    assert cells(table, SPANISH_TITLE) == [SPANISH_TITLE, "Acme", "1:30", "1:00", "1:00", "", "", "", "", "3:30"]
    assert cells(table, "日本語") == [f"{CJK_TITLE} !", "Ops", "", "", "", "", "", "", "23:00", "23:00"]
    assert cells(table, "Total") == ["Total", "", "1:30", "1:00", "1:00", "0:45", "", "", "23:00", "27:15"]


def test_a_range_of_dates_is_named_once_in_the_title() -> None:
    days = Period(date(2026, 11, 3), date(2026, 11, 12), MADRID)
    assert text_of(report([], days)).splitlines()[0] == "Timesheet 3–12 Nov 2026 (Europe/Madrid)"
    assert text_of(report([], days, detail=True)).splitlines()[0] == "Time entries 3–12 Nov 2026 (Europe/Madrid)"


def test_grid_ends_with_totals_per_project_and_the_legend(dst_grid: Report) -> None:
    table = text_of(dst_grid)
    assert cells(table, "(no project)", table_no=1) == ["(no project)", "0:45"]
    assert cells(table, "Acme", table_no=1) == ["Acme", "3:30"]
    assert cells(table, "Ops", table_no=1) == ["Ops", "23:00"]
    assert table.endswith(
        "Total         27:15\n\n"
        "* local only — the server cannot hold this time\n"
        "! failed — the server rejected this time; it is kept only here\n"
    )


def test_grid_marks_flagged_rows(dst_grid: Report) -> None:
    assert cells(text_of(dst_grid), "<script>")[0] == f"{SCRIPT_TITLE} *"


def test_one_project_has_no_project_totals_and_no_flags_no_legend(plain_sheet: Report) -> None:
    table = text_of(plain_sheet)
    assert "Per project" not in table and "*" not in table and "local only" not in table
    assert cells(table, "Standup") == ["Standup", "Team", "0:20", "", "", "", "", "", "", "0:20"]


def test_columns_line_up_with_wide_characters_and_emoji(dst_grid: Report) -> None:
    family = "👨‍👩‍👧 family ❤️ 🇪🇸"  # clusters of two columns each, which east_asian_width gets wrong
    wide = with_rows(dst_grid, [Span("f", family, "Ops", at(2026, 3, 24, 9), at(2026, 3, 24, 10))])
    for report in (dst_grid, wide):
        grid = text_of(report).split("\n\n")[1].splitlines()
        assert len({columns(line) for line in grid}) == 1, grid
    assert cells(text_of(wide), "👨")[0] == family


def test_the_grid_fits_the_terminal_width_keeping_marks(dst_grid: Report) -> None:
    table = text_of(dst_grid, width=80)
    assert max(columns(line) for line in table.splitlines()) <= 80
    task = cells(table, "<script")[0]
    assert task == "<script… *" and columns(task) == 10
    assert cells(table, "Revisi")[2:] == ["1:30", "1:00", "1:00", "", "", "", "", "3:30"]  # numbers never cut


def test_without_a_width_titles_are_capped_but_not_fitted(dst_grid: Report) -> None:
    long = "A very long task title that goes on and on " * 3
    report = with_rows(dst_grid, [Span("l", long, "P", at(2026, 3, 23, 9), at(2026, 3, 23, 10), flag="local-only")])
    task = cells(text_of(report), "A very")[0]
    assert task.endswith("… *") and columns(task) == 40


def test_control_characters_never_reach_the_terminal(dst_grid: Report) -> None:
    evil = "red\x1b[31m alert\x07\nline two\u202e"
    table = text_of(with_rows(dst_grid, [Span("e", evil, "p\x9b2J", at(2026, 3, 23, 9), at(2026, 3, 23, 10),
                                               note="n\x1b]0;pwned\x07")], detail=True))
    assert not any(ch in table for ch in "\x1b\x07\x9b\u202e")
    assert "red[31m alert line two" in table and "n]0;pwned" in table


def test_paint_colours_heads_totals_and_flags(dst_grid: Report) -> None:
    painted = text_of(dst_grid, paint=lambda style, text: f"<{style}>{text}</>")
    assert painted.splitlines()[0].startswith("<title>Timesheet 2026-W13")
    assert "<head>Task" in painted and "<total>27:15" in painted and "<warn><script>" in painted
    assert not any(f"<{style}>" in text_of(dst_grid) for style in ("title", "head", "total", "warn"))


def test_an_empty_week(empty_sheet: Report) -> None:
    table = text_of(empty_sheet)
    assert "No time recorded in this period." in table
    assert cells(table, "Total") == ["Total", ""] + [""] * 7 + ["0:00"]


# -- a month -----------------------------------------------------------------------


def test_a_month_grid_is_cut_into_the_weeks_with_time(october_grid: Report) -> None:
    table = text_of(october_grid)
    assert table.splitlines()[0] == "Timesheet 2026-10 · 1–31 Oct 2026 (Europe/Madrid)"
    # Thu 1 – Sun 4, Mon 19 – Sun 25 (25 hours on the fall-back Sunday), Mon 26 – Sat 31.
    assert cells(table, "Task", table_no=0) == ["Task", "Project", "Thu 1", "Fri 2", "Sat 3", "Sun 4", "Total"]
    assert cells(table, "Standup", table_no=0) == ["Standup", "Team", "0:20", "", "", "", "0:20"]
    assert cells(table, "Night shift", table_no=1) == ["Night shift", "Ops", "", "", "", "", "", "", "25:00", "25:00"]
    assert "Standup" not in "\n".join(table.split("\n\n")[2].splitlines())  # not in the week it has no time
    assert cells(table, "Standup", table_no=2) == ["Standup", "Team", "", "", "", "", "", "1:30", "1:30"]
    assert cells(table, "Ops · Night shift", table_no=3) == ["Ops · Night shift", "25:00"]
    assert cells(table, "Team · Standup", table_no=3) == ["Team · Standup", "1:50"]
    assert cells(table, "Total", table_no=4) == ["Total", "26:50"]


def test_an_empty_month_says_so_once() -> None:
    from stint.domain.periods import month_period

    from .conftest import MADRID, report

    table = text_of(report([], month_period(2026, 2, MADRID)))
    assert table.count("No time recorded in this period.") == 1 and "Mon" not in table


# -- detail ------------------------------------------------------------------------


def test_detail_lists_each_entry_per_day(dst_detail: Report) -> None:
    table = text_of(dst_detail)
    assert table.splitlines()[:2] == ["Time entries 2026-W13 · 23–29 Mar 2026 (Europe/Madrid)", "Ana García"]
    assert cells(table, "Date") == ["Date", "Start", "End", "Duration", "Task", "Project", "Note", "Account", "Sync"]
    assert cells(table, "Mon 23 Mar") == ["Mon 23 Mar", "09:00", "10:30", "1:30", SPANISH_TITLE, "Acme",
                                          "first draft second line", "work", "synced"]
    assert cells(table, "Tue 24 Mar") == ["Tue 24 Mar", "23:00", "24:00→", "1:00", SPANISH_TITLE, "Acme", "", "work",
                                          "waiting to sync"]
    assert cells(table, "Wed 25 Mar") == ["Wed 25 Mar", "→00:00", "01:00", "1:00", SPANISH_TITLE, "Acme", "", "work",
                                          "waiting to sync"]
    assert cells(table, "Sun 29 Mar") == ["Sun 29 Mar", "00:00", "24:00", "23:00", CJK_TITLE, "Ops", "", "home",
                                          "failed"]
    assert cells(table, "Total") == ["Total", "", "", "27:15", "", "", "", "", ""]
    assert table.endswith("→ the entry goes on across midnight; each day shows its own part\n")


def test_detail_ends_with_totals_per_day_and_project(dst_detail: Report) -> None:
    table = text_of(dst_detail)
    per_day = [cells(table, d, table_no=1) for d in ("Mon 23", "Tue 24", "Wed 25", "Thu 26", "Sun 29")]
    assert per_day == [["Mon 23 Mar", "1:30"], ["Tue 24 Mar", "1:00"], ["Wed 25 Mar", "1:00"],
                       ["Thu 26 Mar", "0:45"], ["Sun 29 Mar", "23:00"]]
    assert cells(table, "Total", table_no=1) == ["Total", "27:15"]
    assert cells(table, "Acme", table_no=2) == ["Acme", "3:30"]


def test_detail_with_a_running_entry_and_the_25_hour_day(october_detail: Report) -> None:
    table = text_of(october_detail)
    assert cells(table, "Sun 25 Oct") == ["Sun 25 Oct", "00:00", "24:00", "25:00", "Night shift", "Ops", "local",
                                          "waiting to sync"][:4] + ["Night shift", "Ops", "local", "local task"]
    assert cells(table, "Sat 31 Oct") == ["Sat 31 Oct", "22:00", "running", "1:30", "Standup", "Team", "work",
                                          "waiting to sync"]
    assert cells(table, "Total") == ["Total", "", "", "26:50", "", "", "", ""]
    assert "Note" not in table  # nobody wrote one: no empty column


def test_detail_fits_80_columns(dst_detail: Report) -> None:
    table = text_of(dst_detail, width=80)
    assert max(columns(line) for line in table.splitlines()) <= 80
    assert cells(table, "Tue 24")[:4] == ["Tue 24 Mar", "23:00", "24:00→", "1:00"]
