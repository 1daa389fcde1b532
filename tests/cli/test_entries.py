"""The CLI contract for entries by hand and the weekly timesheet."""

from __future__ import annotations

import csv
import io
import json

import pytest

from ..conftest import db_snapshot


@pytest.fixture
def week_of_work(cli):
    """Two tasks and three entries in 2026-W47 (Madrid time, UTC+1)."""
    cli.ok("new", "Write report", "--project", "Acme")
    cli.ok("new", "Review PR")
    cli.ok("log", "report", "--start", "2026-11-16T09:00", "--end", "2026-11-16T11:30", "--note", "draft")
    cli.ok("log", "review", "--start", "2026-11-18T23:00", "--end", "2026-11-19T01:00")  # crosses midnight
    cli.ok("log", "report", "--start", "2026-11-20T14:00+01:00", "--end", "2026-11-20T14:45+01:00")
    return cli


def test_log_prints_what_was_logged(cli) -> None:
    cli.ok("new", "T")
    out = cli.ok("log", "T", "--start", "2026-11-20T09:00", "--end", "2026-11-20T10:30", "--note", "x").out
    assert out.startswith("Logged 1:30 on 1: T (Fri 2026-11-20 09:00–10:30), entry ")


def test_entries_json_shape(week_of_work) -> None:
    rows = week_of_work.ok("entries", "--week", "2026-W47", "--json").json()
    assert [(r["task"], r["start"], r["end"], r["seconds"], r["note"], r["sync"]) for r in rows] == [
        ("Write report", "2026-11-16T09:00:00+01:00", "2026-11-16T11:30:00+01:00", 9000, "draft", "local"),
        ("Review PR", "2026-11-18T23:00:00+01:00", "2026-11-19T01:00:00+01:00", 7200, "", "local"),
        ("Write report", "2026-11-20T14:00:00+01:00", "2026-11-20T14:45:00+01:00", 2700, "", "local"),
    ]
    assert all(len(r["id"]) == 36 and isinstance(r["task_id"], int) for r in rows)


def test_entries_default_to_this_week(week_of_work) -> None:
    assert week_of_work.ok("entries", "--json").json() == []  # the clock is in 2026-W48
    assert week_of_work.ok("entries").out == "No entries in 2026-W48.\n"
    assert len(week_of_work.ok("entries", "--week", "last", "--json").json()) == 3


def test_entries_table(week_of_work) -> None:
    lines = week_of_work.ok("entries", "--week", "2026-W47").out.splitlines()
    assert lines[0].split() == ["ENTRY", "WHEN", "TIME", "TASK", "NOTE", "SYNC"]
    assert "Mon 2026-11-16 09:00–11:30" in lines[1] and "2:30" in lines[1] and "draft" in lines[1]


def test_edit_moves_an_entry_to_another_task(week_of_work) -> None:
    cli = week_of_work
    entry = cli.ok("entries", "--week", "2026-W47", "--json").json()[0]
    out = cli.ok("edit", entry["id"][:8], "--task", "review").out
    moved = cli.ok("entries", "--week", "2026-W47", "--json").json()[0]
    assert out == f"Entry {moved['id'][:8]} is now Mon 2026-11-16 09:00–11:30 on 2: Review PR\n"
    assert moved["id"] != entry["id"] and (moved["task"], moved["seconds"], moved["note"]) == ("Review PR", 9000, "draft")
    assert cli("edit", moved["id"], "--task", "nothing like it").code == 1


def test_split_and_continue(week_of_work) -> None:
    cli = week_of_work
    entry = cli.ok("entries", "--week", "2026-W47", "--json").json()[0]["id"]
    out = cli.ok("split", entry[:8], "--at", "2026-11-16T10:00").out
    assert out.startswith(f"Split into {entry[:8]} (Mon 2026-11-16 09:00–10:00) and ")
    assert out.endswith(" (Mon 2026-11-16 10:00–11:30) on 1: Write report\n")
    rows = cli.ok("entries", "--week", "2026-W47", "--json").json()
    assert [(r["seconds"], r["note"]) for r in rows[:2]] == [(3600, "draft"), (5400, "draft")]
    refused = cli("split", entry, "--at", "2026-11-16T08:00")
    assert refused.code == 1 and refused.err == "stint: split at a time inside the entry: after 09:00 and before 10:00\n"
    assert cli.ok("continue", entry[:8]).out == "Started 1: Write report at 10:00\n"  # the clock: Mon 23 Nov 10:00
    running = cli.ok("entries", "--json").json()
    assert [(r["task"], r["end"], r["note"]) for r in running] == [("Write report", None, "draft")]


def test_edit_and_delete(week_of_work) -> None:
    cli = week_of_work
    entry = cli.ok("entries", "--week", "2026-W47", "--json").json()[0]["id"]
    out = cli.ok("edit", entry[:8], "--end", "2026-11-16T12:00", "--note", "final").out
    assert out == f"Entry {entry[:8]} is now Mon 2026-11-16 09:00–12:00 on 1: Write report\n"
    first = cli.ok("entries", "--week", "2026-W47", "--json").json()[0]
    assert first["seconds"] == 3 * 3600 and first["note"] == "final"
    assert cli.ok("delete", entry).out.startswith(f"Deleted entry {entry[:8]} (Mon 2026-11-16 09:00–12:00")
    assert len(cli.ok("entries", "--week", "2026-W47", "--json").json()) == 2


@pytest.mark.parametrize(
    "argv,code,message",
    [
        (("log", "report", "--start", "2026-11-16T10:00", "--end", "2026-11-16T10:30"), 1, "stint: overlaps entry"),
        (("log", "report", "--start", "2026-11-16T12:00", "--end", "2026-11-16T11:59"), 1,
         "stint: the end must be after the start"),
        (("log", "report", "--start", "soon", "--end", "2026-11-16T11:59"), 2, "stint: not a date and time"),
        (("log", "report", "--start", "tomorrow", "--end", "2026-11-16T11:59"), 2, "stint: 'tomorrow' needs a time"),
        (("log", "report", "--start", "0001-01-01T00:00", "--end", "2026-11-16T11:59"), 2,
         "stint: the year 1 is out of range"),
        (("log", "report", "--start", "2099-01-01T00:00", "--end", "2099-01-01T11:59"), 2,
         "stint: the year 2099 is out of range"),
        (("log", "report", "--start", "2026-03-29 02:15", "--end", "2026-03-29T04:00"), 2,
         "stint: 2026-03-29 02:15 does not exist in Europe/Madrid"),
        (("log", "report", "--start", "2026-11-16T12:00"), 2, "stint log: the following arguments are required: --end"),
        (("log", "nope", "--start", "2026-11-16T12:00", "--end", "2026-11-16T13:00"), 1, "stint: no task matches"),
        (("entries", "--week", "2026-W99"), 2, "stint: 2026 has no week 99"),
        (("entries", "--week", "soon"), 2, "stint: not a week: 'soon'"),
        (("edit", "abc", "--note", "x"), 2, "stint: an entry id needs at least 4 characters"),
        (("edit", "ffffffff"), 2, "stint: nothing to change"),
        (("edit", "ffffffff", "--note", "x"), 1, "stint: no entry 'ffffffff'"),
        (("edit", "ENTRY", "--end", "2026-11-18T23:30"), 1, "stint: overlaps entry"),
        (("edit", "ENTRY", "--start", "garbage"), 2, "stint: not a date and time"),
        (("delete", "ffffffff"), 1, "stint: no entry 'ffffffff'"),
        (("timesheet", "--round", "-5"), 2, "stint timesheet: argument --round: rounding must be 0 to 1440"),
        (("timesheet", "--round", "abc"), 2, "stint timesheet: argument --round: not a whole number"),
        (("timesheet", "--format", "doc"), 2, "stint timesheet: argument --format: invalid choice"),
        (("timesheet", "--week", "nope"), 2, "stint: not a week"),
        (("timesheet", "-o", "DIR"), 2, "stint: DIR is a folder"),
    ],
)
def test_bad_values_change_nothing(week_of_work, home, tmp_path, argv, code, message) -> None:
    cli = week_of_work
    first = cli.ok("entries", "--week", "2026-W47", "--json").json()[0]["id"]
    argv = tuple(first if a == "ENTRY" else str(tmp_path) if a == "DIR" else a for a in argv)
    message = message.replace("DIR", str(tmp_path))
    before = db_snapshot(home / "stint.sqlite3")
    result = cli(*argv)
    assert (result.code, result.out) == (code, "")
    assert result.err.startswith(message), result.err
    assert result.err.count("\n") == 1
    assert db_snapshot(home / "stint.sqlite3") == before


def test_timesheet_json_against_hand_computed_values(week_of_work) -> None:
    sheet = week_of_work.ok("timesheet", "--week", "2026-W47", "--format", "json").json()
    assert sheet["period"] == {"kind": "week", "label": "2026-W47", "first": "2026-11-16", "last": "2026-11-22"}
    assert sheet["days"] == [f"2026-11-{d}" for d in range(16, 23)]
    rows = {r["task"]: r for r in sheet["rows"]}
    assert rows["Write report"]["project"] == "Acme"
    assert rows["Write report"]["days"] == [9000, 0, 0, 0, 2700, 0, 0]
    assert rows["Review PR"]["days"] == [0, 0, 3600, 3600, 0, 0, 0]  # split at local midnight
    assert sheet["totals"] == {"days": [9000, 0, 3600, 3600, 2700, 0, 0], "total": 18900,
                               "projects": [{"project": None, "seconds": 7200}, {"project": "Acme", "seconds": 11700}]}


def test_timesheet_rounding(week_of_work) -> None:
    sheet = week_of_work.ok("timesheet", "--week", "2026-W47", "--format", "json", "--round", "60").json()
    assert sheet["totals"]["days"] == [3 * 3600, 0, 3600, 3600, 3600, 0, 0]
    nearest = week_of_work.ok("timesheet", "--week", "2026-W47", "--format", "json",
                              "--round", "60", "--round-mode", "nearest").json()
    assert nearest["totals"]["days"] == [3 * 3600, 0, 3600, 3600, 3600, 0, 0]  # 2:30→3, 0:45→1


def test_timesheet_counts_the_running_timer(cli, clock) -> None:
    cli.ok("new", "Now", "--start")
    clock.advance(minutes=90)
    sheet = cli.ok("timesheet", "--format", "json").json()
    assert sheet["totals"]["days"][0] == 5400  # Monday 2026-11-23


def test_timesheet_table_and_csv(week_of_work) -> None:
    table = week_of_work.ok("timesheet", "--week", "2026-W47").out
    assert "Write report" in table and "5:15" in table  # the grand total
    rows = list(csv.reader(io.StringIO(week_of_work.ok("timesheet", "--week", "2026-W47", "--format", "csv").out)))
    assert rows[0][:2] == ["Task", "Project"] and rows[0][-2:] == ["Total (H:MM)", "Total (hours)"]


@pytest.mark.parametrize("fmt,magic", [("csv", b"Task"), ("json", b"{"), ("html", b"<!DOCTYPE html"),
                                       ("xlsx", b"PK"), ("pdf", b"%PDF")])
def test_timesheet_files(week_of_work, tmp_path, fmt, magic) -> None:
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / f"week.{fmt}"
    result = week_of_work.ok("timesheet", "--week", "2026-W47", "-o", str(target))  # format from the name
    assert target.read_bytes().lstrip().startswith(magic)
    assert result.err == f"Wrote {fmt.upper()} timesheet for 2026-W47 to {target}\n"
    assert [p.name for p in target.parent.iterdir()] == [target.name]  # no temp file left behind


def test_timesheet_file_replaces_atomically(week_of_work, tmp_path) -> None:
    target = tmp_path / "week.json"
    target.write_text("old")
    week_of_work.ok("timesheet", "--week", "2026-W47", "--format", "json", "-o", str(target))
    assert json.loads(target.read_text())["period"]["label"] == "2026-W47"


def test_week_start_setting(week_of_work, home) -> None:
    (home / "settings.json").write_text(json.dumps({"week_start": 6}))
    sheet = week_of_work.ok("timesheet", "--week", "2026-W47", "--format", "json").json()
    assert sheet["days"][0] == "2026-11-15"  # the Sunday before ISO week 47's Monday
