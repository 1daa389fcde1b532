"""The export entry points: dispatch, stream kinds, atomic files, lazy imports."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from collections.abc import Iterator

import pytest

from stint.domain.errors import UsageError
from stint.domain.timesheet import Row, Timesheet
from stint.timesheet.export import FORMATS, export_file, is_binary, suggested_name, write
from stint.timesheet.report import Report


class RowsThatFail(list[Row]):
    """Rows that give out after the first, so a writer dies with half its output done."""

    def __iter__(self) -> Iterator[Row]:
        yield self[0]
        raise OSError("disk full")


def failing(report: Report) -> Report:
    sheet = report.sheet
    return Report(report.options, Timesheet(sheet.period, RowsThatFail(sheet.rows), sheet.parts), report.made_at)


def render(sheet: Report, fmt: str) -> bytes:
    if is_binary(fmt):
        stream = io.BytesIO()
        write(sheet, fmt, stream)
        return stream.getvalue()
    text = io.StringIO(newline="")
    write(sheet, fmt, text)
    return text.getvalue().encode("utf-8")


def test_formats_are_the_six_we_document() -> None:
    assert FORMATS == ("table", "csv", "json", "html", "xlsx", "pdf")
    assert [f for f in FORMATS if is_binary(f)] == ["xlsx", "pdf"]


@pytest.mark.parametrize("call", [lambda s: is_binary("docx"), lambda s: write(s, "docx", io.StringIO())])
def test_an_unknown_format_is_a_usage_error(call, plain_sheet: Report) -> None:
    with pytest.raises(UsageError, match="table, csv, json, html, xlsx, pdf"):
        call(plain_sheet)


def test_an_unknown_format_creates_no_file(plain_sheet: Report, tmp_path) -> None:
    with pytest.raises(UsageError):
        export_file(plain_sheet, "docx", tmp_path / "out.docx")
    assert list(tmp_path.iterdir()) == []


def test_the_wrong_kind_of_stream_is_refused_before_writing(plain_sheet: Report) -> None:
    with pytest.raises(TypeError, match="binary"):
        write(plain_sheet, "pdf", io.StringIO())
    with pytest.raises(TypeError, match="text"):
        write(plain_sheet, "csv", io.BytesIO())


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_writes_an_empty_week(fmt: str, empty_sheet: Report) -> None:
    data = render(empty_sheet, fmt)
    assert data
    if fmt in ("table", "csv", "json", "html"):
        assert "2026-11-16" in data.decode() or "Mon 16" in data.decode()


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_file_writes_what_write_writes(fmt: str, dst_grid: Report, tmp_path) -> None:
    path = export_file(dst_grid, fmt, tmp_path / suggested_name(dst_grid, fmt))
    assert path == tmp_path / f"timesheet-2026-W13{path.suffix}"
    data = path.read_bytes()
    if fmt == "xlsx":
        assert data.startswith(b"PK")  # a zip; its timestamps differ from run to run
    elif fmt == "pdf":
        assert data.startswith(b"%PDF-")
    else:
        assert data == render(dst_grid, fmt)
    assert [p.name for p in path.parent.iterdir()] == [path.name]


def test_csv_files_keep_crlf_line_ends(dst_grid: Report, tmp_path) -> None:
    data = export_file(dst_grid, "csv", tmp_path / "w.csv").read_bytes()
    assert data.count(b"\r\n") == 5 and b"\r\r" not in data


@pytest.mark.parametrize("fmt", ["csv", "table", "xlsx", "pdf"])
def test_a_failed_export_leaves_the_old_file_and_no_temporary_file(fmt: str, dst_grid: Report, tmp_path) -> None:
    target = tmp_path / f"week.{fmt}"
    target.write_bytes(b"last week's export")
    with pytest.raises(OSError, match="disk full"):
        export_file(failing(dst_grid), fmt, target)
    assert target.read_bytes() == b"last week's export"
    assert list(tmp_path.iterdir()) == [target]


def test_a_failed_first_export_leaves_nothing(dst_grid: Report, tmp_path) -> None:
    with pytest.raises(OSError):
        export_file(failing(dst_grid), "csv", tmp_path / "week.csv")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(not hasattr(os, "fchmod"), reason="POSIX file modes")
def test_exports_are_readable_like_ordinary_files(plain_sheet: Report, tmp_path) -> None:
    fresh = export_file(plain_sheet, "csv", tmp_path / "new.csv")
    assert fresh.stat().st_mode & 0o777 == 0o644
    kept = tmp_path / "kept.csv"
    kept.write_text("old")
    kept.chmod(0o640)
    export_file(plain_sheet, "csv", kept)
    assert kept.stat().st_mode & 0o777 == 0o640


def test_exporting_stays_light_and_qt_free() -> None:
    # A fresh interpreter: this test process may already have imported anything.
    code = """
import sys
import stint.timesheet.export as export
assert "openpyxl" not in sys.modules and "fpdf" not in sys.modules, "heavy import at load"
from stint.domain.timesheet import Timesheet
from stint.domain.periods import iso_week_period
from stint.timesheet.report import Report
from datetime import datetime, timezone
import io
sheet = Report.of(Timesheet(iso_week_period(2026, 47, timezone.utc), []), datetime(2026, 11, 23, tzinfo=timezone.utc))
export.write(sheet, "table", io.StringIO())
assert "openpyxl" not in sys.modules and "fpdf" not in sys.modules, "heavy import for table"
assert "wcwidth" not in sys.modules and "sqlalchemy" not in sys.modules, "heavy import for an ASCII table"
export.write(sheet, "xlsx", io.BytesIO())
export.write(sheet, "pdf", io.BytesIO())
assert not [m for m in sys.modules if m.startswith(("PySide6", "PyQt"))], "Qt imported"
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr


def test_rows_in_a_sheet_are_not_changed_by_exporting(dst_grid: Report) -> None:
    before = [(r.task, r.project, list(r.days), set(r.flags)) for r in dst_grid.rows]
    for fmt in FORMATS:
        render(dst_grid, fmt)
    assert [(r.task, r.project, r.days, r.flags) for r in dst_grid.rows] == before
    assert isinstance(dst_grid.rows[0], Row)


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_writes_both_layouts_and_a_month(fmt: str, dst_detail: Report, october_grid: Report,
                                                      october_detail: Report) -> None:
    for report in (dst_detail, october_grid, october_detail):
        assert render(report, fmt)


def test_suggested_names_say_the_layout_and_the_period(dst_detail: Report, october_grid: Report) -> None:
    assert suggested_name(dst_detail, "csv") == "entries-2026-W13.csv"
    assert suggested_name(october_grid, "table") == "timesheet-2026-10.txt"


# -- where -o may write ------------------------------------------------------------


def test_a_missing_folder_is_not_created(plain_sheet: Report, tmp_path) -> None:
    with pytest.raises(UsageError, match=r"cannot write .*/no/such/week.csv: .*/no/such does not exist"):
        export_file(plain_sheet, "csv", tmp_path / "no" / "such" / "week.csv")
    assert list(tmp_path.iterdir()) == []


def test_a_file_in_place_of_the_folder_is_refused(plain_sheet: Report, tmp_path) -> None:
    (tmp_path / "notes").write_text("x")
    with pytest.raises(UsageError, match="is not a folder"):
        export_file(plain_sheet, "csv", tmp_path / "notes" / "week.csv")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX special files")
def test_only_a_regular_file_is_replaced(plain_sheet: Report, tmp_path) -> None:
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    target = tmp_path / "real.csv"
    target.write_text("keep")
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    folder = tmp_path / "dir.csv"
    folder.mkdir()
    for path, message in ((fifo, "not a regular file"), (link, "symbolic link"), (folder, "is a folder")):
        with pytest.raises(UsageError, match=message):
            export_file(plain_sheet, "csv", path)
    assert os.path.islink(link) and target.read_text() == "keep" and folder.is_dir()
    import stat

    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


@pytest.mark.skipif(not os.path.exists("/dev/null"), reason="a POSIX device")
def test_a_device_is_never_replaced(plain_sheet: Report) -> None:
    # As root, os.replace onto /dev/null would swap the device for a PDF.
    before = os.stat("/dev/null")
    with pytest.raises(UsageError, match="not a regular file"):
        export_file(plain_sheet, "pdf", "/dev/null")
    after = os.stat("/dev/null")
    assert (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)
