"""Which format a file is, from its content; and a file that is none, or is broken,
refused in one line that names the line or record, with nothing changed."""

from __future__ import annotations

from pathlib import Path

import pytest

from stint.importers import detect
from tests.conftest import db_snapshot

SAMPLES = {
    "toggl": b"User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,End time,"
             b"Duration,Tags,Amount ()\n",
    "clockify": b"Project,Client,Description,Task,User,Group,Email,Tags,Billable,Start Date,Start Time,End Date,"
                b"End Time,Duration (h),Duration (decimal)\n",
    "kimai": b"Date,From,To,Duration,Customer,Project,Activity,Description\n",
    "timetagger": b"key\tstart\tstop\ttags\tdescription\n",
    "gtimelog": b"# comment\n\n2026-03-27 09:00: arrived\n",
    "watson": b'[[1774648800, 1774657800, "acme", "b534084e", ["x"], 1795965344]]',
    "timewarrior": b'[{"id":1,"start":"20260327T220000Z","end":"20260328T003000Z","tags":["a"]}]',
    "stint": b'{"format": "stint-export", "version": 1}',
}


@pytest.mark.parametrize("fmt", sorted(SAMPLES))
def test_each_format_is_recognised(fmt: str) -> None:
    assert detect(SAMPLES[fmt]) == fmt


def test_watson_log_json_and_timetagger_records_are_recognised() -> None:
    assert detect(b'[{"id": "b5", "project": "acme", "start": "2026-03-27T23:00:00+01:00", '
                  b'"stop": "2026-03-28T01:30:00+01:00", "tags": []}]') == "watson"
    assert detect(b'{"records": [], "settings": []}') == "timetagger"
    assert detect(b'[{"key": "k", "t1": 1, "t2": 2, "ds": "", "mt": 1}]') == "timetagger"


@pytest.mark.parametrize("content,message", [
    (b"", "empty.txt: the file is empty"),
    (b"[]", "empty.txt: the file holds an empty list: nothing to import"),
    (b'{"hello": 1}', "empty.txt: JSON that is not a format Stint can import (give --from to say which it is)"),
    (b'[\n[1, 2, "a",\n', "empty.txt: line 3: not valid JSON (Expecting value)"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "empty.txt: line 1: not UTF-8 text (byte 0x89); save the file as UTF-8 "
                                   "and try again"),
    (b'{"format": "stint-export", "version": 7}',
     "empty.txt: made by a newer Stint (format version 7); update Stint to import it"),
    (b'{"format": "stint-export", "version": 1, "exported_at": "2026-11-23T09:00:00Z", "tasks": [{"id": 1}]}',
     "empty.txt: tasks[0]: no 'account'"),
])
def test_a_broken_or_unknown_file_is_one_line_and_changes_nothing(cli, tmp_path: Path, content: bytes,
                                                                  message: str) -> None:
    cli.ok("new", "Something")
    before = db_snapshot(cli.home / "stint.sqlite3")
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    result = cli("import", str(path))
    assert (result.code, result.out, result.err) == (1, "", f"stint: {message}\n")
    assert db_snapshot(cli.home / "stint.sqlite3") == before


def test_the_wrong_from_says_so(cli, tmp_path: Path) -> None:
    path = tmp_path / "toggl.csv"
    path.write_bytes(SAMPLES["toggl"])
    result = cli("import", str(path), "--from", "watson")
    assert (result.code, result.err) == (1, "stint: toggl.csv: line 1: not valid JSON (Expecting value)\n")


@pytest.mark.parametrize("argv,code,message", [
    (("import", "missing.csv"), 1, "stint: No such file or directory: missing.csv"),
    (("import", "x.csv", "--from", "excel"), 2, "stint import: argument --from: invalid choice: 'excel'"),
    (("import", "x.csv", "--tz", "Mars/Olympus"), 2, "stint: unknown time zone: 'Mars/Olympus'"),
    (("import", "x.csv", "--on-overlap", "merge"), 2, "stint import: argument --on-overlap: invalid choice"),
    (("import", "x.csv", "--account", "nope"), 1, "stint: no account named 'nope'"),
])
def test_bad_usage(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, argv: tuple[str, ...], code: int,
                   message: str) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "x.csv").write_bytes(SAMPLES["kimai"] + b"2026-03-27,09:00,10:00,1.00,C,P,A,\n")
    result = cli(*argv)
    assert result.code == code and result.err.startswith(message), result.err
