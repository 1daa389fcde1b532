"""The PDF, written uncompressed and read back through its fonts' ToUnicode maps."""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Iterable
from pathlib import Path

import pytest

from stint.domain.timesheet import Span
from stint.timesheet import export_pdf
from stint.timesheet.export_pdf import FONT_FILES, find_fonts, font_dirs, write_pdf
from stint.timesheet.report import Report

from .conftest import SCRIPT_TITLE, SPANISH_TITLE, at, with_rows
from .pdftext import pdf_text

REPO = Path(__file__).resolve().parents[2]


def pdf(sheet: Report, *, fonts_in: Iterable[Path] | None = None) -> bytes:
    stream = io.BytesIO()
    write_pdf(sheet, stream, compress=False, fonts_in=fonts_in)
    return stream.getvalue()


def pages(data: bytes) -> int:
    return len(re.findall(rb"/Type /Page\b(?!s)", data))


def test_default_output_is_a_compressed_pdf(dst_grid: Report) -> None:
    stream = io.BytesIO()
    write_pdf(dst_grid, stream)
    data = stream.getvalue()
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    assert b"/FlateDecode" in data and pages(data) == 1


def test_page_holds_title_grid_totals_legend_and_footer(dst_grid: Report) -> None:
    text = pdf_text(pdf(dst_grid))
    assert text[:2] == ["Timesheet 2026-W13", "23–29 Mar 2026 · Europe/Madrid"]
    assert text[2:12] == ["Task", "Project", "Mon 23", "Tue 24", "Wed 25", "Thu 26", "Fri 27", "Sat 28", "Sun 29",
                          "Total"]
    body = text[12:]
    assert body[: body.index("Total")] == [
        SCRIPT_TITLE + " *", "0:45", "0:45",
        SPANISH_TITLE, "Acme", "1:30", "1:00", "1:00", "3:30",
        "??????? 😀 !", "Ops", "23:00", "23:00",  # DejaVu has no CJK glyphs: "?" each
    ]
    totals = body[body.index("Total"):]
    assert totals[:7] == ["Total", "1:30", "1:00", "1:00", "0:45", "23:00", "27:15"]
    assert totals[7:17] == ["Per project", "Total", "(no project)", "0:45", "Acme", "3:30", "Ops", "23:00", "Total",
                            "27:15"]
    assert totals[17] == "* local only — the server cannot hold this time"
    assert "Stint · Timesheet 2026-W13 · Europe/Madrid" in text
    assert "".join(text).endswith("Page 1/1")  # fpdf2 versions split "{nb}" differently


def test_unicode_font_leaves_no_glyph_missing(dst_grid: Report, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        data = pdf(dst_grid)
    assert b"DejaVuSans" in data
    assert not [r for r in caplog.records if r.name.startswith("fpdf")], caplog.text


def test_without_the_font_it_falls_back_to_helvetica(dst_grid: Report, tmp_path: Path) -> None:
    for nowhere in ([], [tmp_path]):
        data = pdf(dst_grid, fonts_in=nowhere)
        text = pdf_text(data)
        assert b"/BaseFont /Helvetica" in data and b"DejaVu" not in data
        assert SPANISH_TITLE in text  # Latin-1 still shows as it is
        assert "??????? ? !" in text  # the rest does not
        assert "* local only - the server cannot hold this time" in text
        assert "Stint · Timesheet 2026-W13 · Europe/Madrid" in text  # "·" is Latin-1


def test_fonts_are_found_in_the_repository_resources() -> None:
    assert font_dirs()[0] == REPO / "resources" / "fonts"
    assert find_fonts() == tuple(REPO / "resources" / "fonts" / name for name in FONT_FILES)
    assert (REPO / "resources" / "fonts" / "LICENSE-DejaVu.txt").is_file()


def test_a_folder_needs_both_fonts(tmp_path: Path) -> None:
    half, whole = tmp_path / "half", tmp_path / "whole"
    half.mkdir()
    whole.mkdir()
    (half / FONT_FILES[0]).write_bytes(b"")
    for name in FONT_FILES:
        (whole / name).write_bytes(b"")
    assert find_fonts([half]) is None
    assert find_fonts([half, whole]) == (whole / FONT_FILES[0], whole / FONT_FILES[1])


def test_many_rows_run_over_pages_with_the_header_repeated(dst_grid: Report) -> None:
    spans = [Span(i, f"Task number {i:02d}", "Project", at(2026, 3, 23 + d, 9), at(2026, 3, 23 + d, 9, 10))
             for i in range(80) for d in range(7)]
    data = pdf(with_rows(dst_grid, spans))
    text = pdf_text(data)
    n = pages(data)
    assert n >= 2
    assert text.count("Mon 23") == n
    assert f"Page {n}/{n}" in "".join(text) and "Task number 79" in text
    assert text[text.index("Total", text.index("Task number 79")) + 1 :][:8] == ["13:20"] * 7 + ["93:20"]


def test_long_titles_are_cut_and_wrapped(dst_grid: Report) -> None:
    text = pdf_text(pdf(with_rows(dst_grid, [Span("l", "word " * 400, None, at(2026, 3, 23, 9), at(2026, 3, 23, 10))])))
    shown = " ".join(t for t in text if t.startswith("word"))
    assert shown.endswith("…") and len(shown) <= export_pdf.MAX_TITLE + 20


def test_empty_week(empty_sheet: Report) -> None:
    data = pdf(empty_sheet)
    text = pdf_text(data)
    assert text[0] == "Timesheet 2026-W47" and "No time recorded in this period." in text
    assert text[text.index("Total", 12):][:2] == ["Total", "0:00"]
    assert pages(data) == 1


def test_detail_lists_entries_with_day_totals_and_the_person(dst_detail: Report) -> None:
    text = pdf_text(pdf(dst_detail))
    assert text[:3] == ["Time entries 2026-W13", "Ana García", "23–29 Mar 2026 · Europe/Madrid"]
    assert text[3:12] == ["Date", "Start", "End", "Duration", "Task", "Project", "Note", "Account", "Sync"]
    tuesday = text.index("Tue 24 Mar")
    assert text[tuesday:tuesday + 8] == ["Tue 24 Mar", "23:00", "24:00→", "1:00", SPANISH_TITLE, "Acme", "work",
                                         "waiting to sync"]
    assert text[tuesday + 8:tuesday + 10] == ["Tue 24 Mar 2026", "1:00"]  # the day's total
    assert text[tuesday + 10:tuesday + 14] == ["Wed 25 Mar", "→00:00", "01:00", "1:00"]
    per_day = text.index("Per day")
    assert text[per_day:per_day + 14] == ["Per day", "Total", "Mon 23 Mar 2026", "1:30", "Tue 24 Mar 2026", "1:00",
                                          "Wed 25 Mar 2026", "1:00", "Thu 26 Mar 2026", "0:45", "Sun 29 Mar 2026",
                                          "23:00", "Total", "27:15"]
    assert "Per project" in text and "→ the entry goes on across midnight; each day shows its own part" in text


def test_a_month_grid_is_a_table_per_week_with_time(october_grid: Report) -> None:
    text = pdf_text(pdf(october_grid))
    assert text[:2] == ["Timesheet 2026-10", "1–31 Oct 2026 · Europe/Madrid"]
    assert text.count("Task") == 3 and "Thu 1" in text and "Mon 5" not in text and "Mon 26" in text
    per_task = text.index("Per task")
    assert text[per_task:per_task + 8] == ["Per task", "Total", "Ops · Night shift", "25:00", "Team · Standup", "1:50",
                                           "Total", "26:50"]
