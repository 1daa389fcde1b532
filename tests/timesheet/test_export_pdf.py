"""The PDF, written uncompressed and read back through its fonts' ToUnicode maps."""

from __future__ import annotations

import io
import logging
import re
from pathlib import Path

import pytest

from stint.domain.timesheet import Row, Timesheet
from stint.timesheet import export_pdf
from stint.timesheet.export_pdf import FONT_FILES, find_fonts, font_dirs, write_pdf

from .conftest import SCRIPT_TITLE, SPANISH_TITLE
from .pdftext import pdf_text

REPO = Path(__file__).resolve().parents[2]


def pdf(sheet: Timesheet, **kwargs) -> bytes:  # type: ignore[no-untyped-def]
    stream = io.BytesIO()
    write_pdf(sheet, stream, compress=False, **kwargs)
    return stream.getvalue()


def pages(data: bytes) -> int:
    return len(re.findall(rb"/Type /Page\b(?!s)", data))


def test_default_output_is_a_compressed_pdf(dst_sheet: Timesheet) -> None:
    stream = io.BytesIO()
    write_pdf(dst_sheet, stream)
    data = stream.getvalue()
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    assert b"/FlateDecode" in data and pages(data) == 1


def test_page_holds_title_grid_totals_legend_and_footer(dst_sheet: Timesheet) -> None:
    text = pdf_text(pdf(dst_sheet))
    assert text[:2] == ["Timesheet 2026-W13", "23–29 Mar 2026 · Europe/Madrid"]
    assert text[2:12] == ["Task", "Project", "Mon 23", "Tue 24", "Wed 25", "Thu 26", "Fri 27", "Sat 28", "Sun 29",
                          "Total"]
    body = text[12:]
    assert body[: body.index("Total")] == [
        SCRIPT_TITLE + " *", "0:45", "0:45",
        SPANISH_TITLE, "Acme", "1:30", "1:00", "1:00", "3:30",
        "??????? 😀 !", "Ops", "23:00", "23:00",  # DejaVu has no CJK glyphs: "?" each
    ]
    assert body[body.index("Total"):][:8] == ["Total", "1:30", "1:00", "1:00", "0:45", "23:00", "27:15",
                                               "* local only — the server cannot hold this time"]
    assert "Stint · Timesheet 2026-W13 · Europe/Madrid" in text
    assert "".join(text).endswith("Page 1/1")  # fpdf2 versions split "{nb}" differently


def test_unicode_font_leaves_no_glyph_missing(dst_sheet: Timesheet, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        data = pdf(dst_sheet)
    assert b"DejaVuSans" in data
    assert not [r for r in caplog.records if r.name.startswith("fpdf")], caplog.text


def test_without_the_font_it_falls_back_to_helvetica(dst_sheet: Timesheet, tmp_path: Path) -> None:
    for nowhere in ([], [tmp_path]):
        data = pdf(dst_sheet, fonts_in=nowhere)
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


def test_many_rows_run_over_pages_with_the_header_repeated(dst_sheet: Timesheet) -> None:
    rows = [Row(i, f"Task number {i}", "Project", [600] * 7) for i in range(80)]
    data = pdf(Timesheet(dst_sheet.week, rows))
    text = pdf_text(data)
    n = pages(data)
    assert n >= 2
    assert text.count("Mon 23") == n
    assert f"Page {n}/{n}" in "".join(text) and "Task number 79" in text
    assert text[text.index("Total", text.index("Task number 79")) + 1 :][:8] == ["13:20"] * 7 + ["93:20"]


def test_long_titles_are_cut_and_wrapped(dst_sheet: Timesheet) -> None:
    row = Row("l", "word " * 400, None, [60] + [0] * 6)
    text = pdf_text(pdf(Timesheet(dst_sheet.week, [row])))
    shown = " ".join(t for t in text if t.startswith("word"))
    assert shown.endswith("…") and len(shown) <= export_pdf.MAX_TITLE + 20


def test_empty_week(empty_sheet: Timesheet) -> None:
    data = pdf(empty_sheet)
    text = pdf_text(data)
    assert text[0] == "Timesheet 2026-W47" and "No time recorded this week." in text
    assert text[text.index("Total", 12):][:2] == ["Total", "0:00"]
    assert pages(data) == 1
