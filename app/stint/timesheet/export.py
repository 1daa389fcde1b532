"""Exporting a weekly timesheet: one entry point per use, one module per kind of output.

    write(timesheet, fmt, stream)      any format to a stream you own
    export_file(timesheet, fmt, path)  any format to a file, atomically

Text formats ("table", "csv", "json", "html") take a text stream; binary ones ("xlsx",
"pdf") a binary stream — see `is_binary`. What each format holds is documented in
export_text.py, export_html.py, export_xlsx.py and export_pdf.py. The CLI imports this
module on every run, so openpyxl and fpdf2 are imported only when their format is asked
for.
"""

from __future__ import annotations

import importlib
import io
from pathlib import Path
from typing import IO, Any

from ..domain.errors import UsageError
from ..domain.timesheet import Timesheet
from ..fileio import atomic_open

FORMATS = ("table", "csv", "json", "html", "xlsx", "pdf")
BINARY_FORMATS = frozenset({"xlsx", "pdf"})

# fmt -> (module beside this one, function in it); resolved on use to keep imports lazy.
_WRITERS: dict[str, tuple[str, str]] = {
    "table": ("export_text", "write_table"),
    "csv": ("export_text", "write_csv"),
    "json": ("export_text", "write_json"),
    "html": ("export_html", "write_html"),
    "xlsx": ("export_xlsx", "write_xlsx"),
    "pdf": ("export_pdf", "write_pdf"),
}

# What `export_file` names files by default; "table" is text, so ".txt".
SUFFIXES = {"table": ".txt", "csv": ".csv", "json": ".json", "html": ".html", "xlsx": ".xlsx", "pdf": ".pdf"}


def is_binary(fmt: str) -> bool:
    """True when `fmt` is written to a binary stream (bytes), False for text."""
    _check(fmt)
    return fmt in BINARY_FORMATS


def write(timesheet: Timesheet, fmt: str, stream: IO[Any]) -> None:
    """Write `timesheet` as `fmt` to `stream` (text or binary, as `is_binary` says)."""
    binary = is_binary(fmt)
    # A wrong kind of stream is a caller's bug; say so before half a file is written.
    if binary and isinstance(stream, io.TextIOBase):
        raise TypeError(f"{fmt} is binary: pass a binary stream (e.g. sys.stdout.buffer)")
    if not binary and isinstance(stream, (io.RawIOBase, io.BufferedIOBase)):
        raise TypeError(f"{fmt} is text: pass a text stream")
    module, name = _WRITERS[fmt]
    writer = getattr(importlib.import_module(f".{module}", __package__), name)
    writer(timesheet, stream)


def export_file(timesheet: Timesheet, fmt: str, path: Path | str) -> Path:
    """Write `timesheet` as `fmt` to `path`. The file appears only when complete: if
    anything fails, a file already at `path` is left as it was and no temporary file
    stays behind. Returns the path written."""
    path = Path(path)
    if is_binary(fmt):
        with atomic_open(path, "wb") as handle:
            write(timesheet, fmt, handle)
    else:
        # newline="": the writers choose their line ends (CSV wants CRLF everywhere).
        with atomic_open(path, "w", encoding="utf-8", newline="") as handle:
            write(timesheet, fmt, handle)
    return path


def suggested_name(timesheet: Timesheet, fmt: str) -> str:
    """'timesheet-2026-W47.pdf': a file name for save dialogs and the CLI's default."""
    _check(fmt)
    return f"timesheet-{timesheet.week.label}{SUFFIXES[fmt]}"


def _check(fmt: str) -> None:
    if fmt not in _WRITERS:
        raise UsageError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
