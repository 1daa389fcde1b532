"""Exporting a report: one entry point per use, one module per kind of output.

    write(report, fmt, stream)      any format to a stream you own
    export_file(report, fmt, path)  any format to a file, atomically

Every format holds either layout of the report — the task × day grid or the detailed
list of entries (`ReportOptions.detail`). Text formats ("table", "csv", "json",
"html") take a text stream; binary ones ("xlsx", "pdf") a binary stream — see
`is_binary`. What each holds is documented in export_table.py, export_text.py,
export_html.py, export_xlsx.py and export_pdf.py; their words come from a `Labels`
(labels.py). The CLI imports this module on every run, so openpyxl and fpdf2 are
imported only when their format is asked for.
"""

from __future__ import annotations

import importlib
import io
import os
import stat
from pathlib import Path
from typing import IO, Any

from ..domain.errors import UsageError
from ..fileio import atomic_open
from .labels import ENGLISH, Labels
from .report import Report

FORMATS = ("table", "csv", "json", "html", "xlsx", "pdf")
BINARY_FORMATS = frozenset({"xlsx", "pdf"})

# fmt -> (module beside this one, function in it); resolved on use to keep imports lazy.
_WRITERS: dict[str, tuple[str, str]] = {
    "table": ("export_table", "write_table"),
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


def write(report: Report, fmt: str, stream: IO[Any], *, labels: Labels = ENGLISH) -> None:
    """Write `report` as `fmt` to `stream` (text or binary, as `is_binary` says)."""
    binary = is_binary(fmt)
    # A wrong kind of stream is a caller's bug; say so before half a file is written.
    if binary and isinstance(stream, io.TextIOBase):
        raise TypeError(f"{fmt} is binary: pass a binary stream (e.g. sys.stdout.buffer)")
    if not binary and isinstance(stream, (io.RawIOBase, io.BufferedIOBase)):
        raise TypeError(f"{fmt} is text: pass a text stream")
    module, name = _WRITERS[fmt]
    writer = getattr(importlib.import_module(f".{module}", __package__), name)
    writer(report, stream, labels=labels)


def export_file(report: Report, fmt: str, path: Path | str, *, labels: Labels = ENGLISH) -> Path:
    """Write `report` as `fmt` to `path`. The file appears only when complete: if
    anything fails, a file already at `path` is left as it was and no temporary file
    stays behind. Only a regular file is ever replaced, and no folder is created.
    Returns the path written."""
    path = Path(path)
    _check(fmt)
    check_target(path)
    if is_binary(fmt):
        with atomic_open(path, "wb", create_folder=False) as handle:
            write(report, fmt, handle, labels=labels)
    else:
        # newline="": the writers choose their line ends (CSV wants CRLF everywhere).
        with atomic_open(path, "w", encoding="utf-8", newline="", create_folder=False) as handle:
            write(report, fmt, handle, labels=labels)
    return path


def check_target(path: Path) -> None:
    """Refuse to write where replacing the entry would do harm or surprise: a device
    (as root, /dev/full would become a PDF), a pipe, a socket, a folder, a symbolic
    link (the export would replace the link, not what it points to) — and a folder
    that does not exist (a typo in it would otherwise create a tree of folders)."""
    try:
        mode = os.lstat(path).st_mode
    except (FileNotFoundError, NotADirectoryError):
        parent = path.parent
        if not parent.is_dir():
            what = "is not a folder" if parent.exists() else "does not exist"
            raise UsageError(f"cannot write {path}: {parent} {what}") from None
        return
    if stat.S_ISREG(mode):
        return
    if stat.S_ISDIR(mode):
        raise UsageError(f"{path} is a folder; give a file name")
    if stat.S_ISLNK(mode):
        raise UsageError(f"{path} is a symbolic link; give the path of the file itself")
    raise UsageError(f"{path} is not a regular file (a device, pipe or socket): give a file name")


def suggested_name(report: Report, fmt: str) -> str:
    """'timesheet-2026-W47.pdf', 'entries-2026-11.csv': a name for save dialogs and the CLI."""
    _check(fmt)
    kind = "entries" if report.detail else "timesheet"
    return f"{kind}-{report.period.slug}{SUFFIXES[fmt]}"


def _check(fmt: str) -> None:
    if fmt not in _WRITERS:
        raise UsageError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
