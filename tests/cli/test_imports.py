"""`stint import` on the command line: the summary as JSON, the progress bar on a
terminal for a large file, and an account's import queued for its server."""

from __future__ import annotations

import io
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from stint.cli.main import run
from stint.services import Services
from tests.conftest import CLI

HEADER = "User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,End time,Duration,Tags\n"


def toggl_rows(count: int, shift: int = 0) -> str:
    start = datetime(2025, 1, 6, 9, shift)
    rows = []
    for i in range(count):
        begin = start + timedelta(hours=2 * i)
        end = begin + timedelta(minutes=50)
        rows.append(f"Ana,a@x,,Proj {i % 3},,Task {i % 7},No,{begin:%Y-%m-%d},{begin:%H:%M:%S},"
                    f"{end:%Y-%m-%d},{end:%H:%M:%S},00:50:00,")
    return HEADER + "\n".join(rows) + "\n"


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_json_summary(cli: CLI, tmp_path: Path) -> None:
    path = tmp_path / "toggl.csv"
    path.write_text(toggl_rows(4))
    cli.ok("new", "Task 0", "--project", "Proj 0")
    summary = cli.ok("import", str(path), "--json", "--dry-run").json()
    assert summary == {
        "format": "toggl", "source": "Toggl Track CSV", "dry_run": True, "mode": "import", "account": None,
        "restored": None, "entries": 4, "seconds": 4 * 3000,
        "tasks": [
            {"title": "Task 0", "project": "Proj 0", "new": False, "task_id": 1, "entries": 1, "seconds": 3000},
            {"title": "Task 1", "project": "Proj 1", "new": True, "task_id": None, "entries": 1, "seconds": 3000},
            {"title": "Task 2", "project": "Proj 2", "new": True, "task_id": None, "entries": 1, "seconds": 3000},
            {"title": "Task 3", "project": "Proj 0", "new": True, "task_id": None, "entries": 1, "seconds": 3000},
        ],
        "weeks": [{"week": "2025-W02", "entries": 4, "seconds": 12000}],
        "skipped": [], "ignored": [], "problems": [], "assumptions": [],
    }


def test_a_large_file_shows_progress_on_a_terminal(cli: CLI, tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    path.write_text(toggl_rows(1200))
    out, err = io.StringIO(), Terminal()
    ctx = Services(out=out, err=err, env=cli.env, clock=cli.clock)
    try:
        assert run(["import", str(path)], ctx) == 0
    finally:
        ctx.close()
    drawn = err.getvalue()
    assert "\rReading   [" in drawn and "100% 1,200/1,200" in drawn and "\rImporting [" in drawn
    assert drawn.endswith(" \r") and "\\u" not in drawn   # our own carriage returns, not shown as text
    assert out.getvalue().startswith("Imported 1200 entries (1000:00:00) from big.csv")


def test_without_a_terminal_there_is_no_bar(cli: CLI, tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    path.write_text(toggl_rows(1200))
    assert cli.ok("import", str(path)).err == ""


def test_standard_input(cli: CLI, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    class Stdin:
        buffer = io.BytesIO(toggl_rows(2).encode())

    monkeypatch.setattr(sys, "stdin", Stdin)
    out = cli.ok("import", "-").out
    assert out.startswith("Imported 2 entries (1:40:00) from standard input (Toggl Track CSV)")


def test_skipped_records_are_listed_with_a_limit(cli: CLI, tmp_path: Path) -> None:
    path = tmp_path / "toggl.csv"
    path.write_text(toggl_rows(30))
    cli.ok("import", str(path))
    other = tmp_path / "shifted.csv"
    other.write_text(toggl_rows(30, shift=10))   # every entry moved by ten minutes
    out = cli.ok("import", str(other)).out
    assert "Skipped 30 (30 overlap others):" in out
    assert out.count("overlaps entry") == 20 and "… and 10 more (--json lists them all)" in out
    assert "(--on-overlap keep imports overlapping entries too)" in out
    kept = cli.ok("import", str(other), "--on-overlap", "keep", "--json").json()
    assert kept["entries"] == 30
