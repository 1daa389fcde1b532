"""Toggl Track's and Clockify's detailed CSV, written with the columns and date
formats of their documented exports (Toggl: YYYY-MM-DD and 24-hour times;
Clockify: the user's date format, here MM/DD/YYYY with AM/PM times)."""

from __future__ import annotations

from pathlib import Path

import pytest

from stint.importers import Malformed, detect, read
from tests.conftest import MADRID

from .conftest import day_totals, projects

TOGGL = """\ufeffUser,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,End time,Duration,Tags,Amount ()
Ana,ana@example.com,Kestrel,Website,,Homepage copy,Yes,2026-03-27,23:00:00,2026-03-28,01:30:00,02:30:00,"writing, review",
Ana,ana@example.com,Kestrel,Website,Design,"Logo, round 2",Yes,2026-03-29,01:30:00,2026-03-29,03:30:00,01:00:00,,
Ana,ana@example.com,,Internal,,Admin,No,2026-03-28,09:00:05,2026-03-28,10:00:00,00:59:55,,
Ana,ana@example.com,,Internal,,Admin,No,2026-10-25,01:30:00,2026-10-25,02:30:00,02:00:00,,
Ana,ana@example.com,,Internal,,Admin,No,2026-03-30,09:00:00,,,,,
Ana,ana@example.com,,Internal,,Broken,No,2026-13-01,09:00:00,2026-13-01,10:00:00,01:00:00,,
"""
CLOCKIFY = """Project,Client,Description,Task,User,Group,Email,Tags,Billable,Start Date,Start Time,End Date,End Time,Duration (h),Duration (decimal),Billable Rate (USD),Billable Amount (USD)
Website,Kestrel,Homepage copy,,Ana,,ana@example.com,"writing, review",Yes,03/27/2026,11:00:00 PM,03/28/2026,01:30:00 AM,02:30:00,2.50,0.00,0.00
Website,Kestrel,"Logo, round 2",Design,Ana,,ana@example.com,,Yes,03/29/2026,01:30:00 AM,03/29/2026,03:30:00 AM,01:00:00,1.00,0.00,0.00
Internal,,Admin,,Ana,,ana@example.com,,No,03/28/2026,09:00:05 AM,03/28/2026,10:00:00 AM,00:59:55,1.00,0.00,0.00
Internal,,Admin,,Ana,,ana@example.com,,No,10/25/2026,01:30:00 AM,10/25/2026,02:30:00 AM,02:00:00,2.00,0.00,0.00
"""
W13 = {
    ("Homepage copy", "2026-03-27"): 3600,
    ("Homepage copy", "2026-03-28"): 5400,
    ("Admin", "2026-03-28"): 3595,
    ("Design", "2026-03-29"): 3600,          # 01:30 → 03:30 across the spring DST change
}
W43 = {("Admin", "2026-10-25"): 7200}      # 01:30 → the second 02:30: the stated two hours


@pytest.fixture(params=["toggl", "clockify"])
def export(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[str, Path]:
    path = tmp_path / f"{request.param}.csv"
    path.write_text(TOGGL if request.param == "toggl" else CLOCKIFY, encoding="utf-8")
    return request.param, path


def test_each_gives_the_hand_computed_totals(cli, export: tuple[str, Path]) -> None:
    fmt, path = export
    assert detect(path.read_bytes()) == fmt
    result = cli("import", str(path))
    assert day_totals(cli, "2026-W13") == W13
    assert day_totals(cli, "2026-W43") == W43
    assert projects(cli) == {"Homepage copy": "Website", "Design": "Website", "Admin": "Internal"}
    notes = {(e["task"], e["note"]) for e in cli.ok("entries", "--week", "2026-W13", "--json").json()}
    assert notes == {("Homepage copy", "[writing, review]"), ("Design", "Logo, round 2"), ("Admin", "")}
    if fmt == "toggl":
        assert result.code == 1   # one row could not be read
        assert result.err == "stint: toggl.csv: line 7: not a date: '2026-13-01'\n"
        assert "line 6: still running (no end)" in result.out
    else:
        assert result.code == 0 and result.err == ""


def test_the_client_is_kept_as_the_category(export: tuple[str, Path]) -> None:
    fmt, path = export
    parsed = read(path.read_bytes(), fmt, tz=MADRID)
    assert {e.title: e.category for e in parsed.entries} == {"Homepage copy": "Kestrel", "Design": "Kestrel",
                                                             "Admin": None}


def test_a_dry_run_shows_tasks_and_weeks_and_changes_nothing(cli, export: tuple[str, Path]) -> None:
    from tests.conftest import db_snapshot

    _, path = export
    cli.ok("new", "Admin", "--project", "Internal")
    before = db_snapshot(cli.home / "stint.sqlite3")
    out = cli("import", str(path), "--dry-run").out
    assert db_snapshot(cli.home / "stint.sqlite3") == before
    lines = out.splitlines()
    assert lines[0].startswith("Would import 4 entries (6:29:55) from ")
    assert lines[1] == "Dry run: nothing was changed."
    table = out.split("\n\n")[1].splitlines()
    assert table[0].split() == ["TASK", "ENTRIES", "TIME"]
    assert [row.split() for row in table[1:]] == [
        ["Admin", "(Internal)", "#1", "2", "2:59:55"],
        ["Design", "(Website)", "new", "1", "1:00:00"],
        ["Homepage", "copy", "(Website)", "new", "1", "2:30:00"],
    ]
    weeks = out.split("\n\n")[2].splitlines()
    assert [row.split() for row in weeks] == [["WEEK", "ENTRIES", "TIME"], ["2026-W13", "3", "4:29:55"],
                                              ["2026-W43", "1", "2:00:00"]]


def test_clockify_dates_that_could_be_either_order(tmp_path: Path) -> None:
    rows = CLOCKIFY.splitlines()[:1] + [
        "Website,,Spec,,Ana,,a@x,,Yes,03/04/2026,09:00:00,03/04/2026,10:00:00,01:00:00,1.00,0,0"]
    data = ("\n".join(rows) + "\n").encode()
    month_first = read(data, "clockify", tz=MADRID)
    assert month_first.entries[0].start.astimezone(MADRID).date().isoformat() == "2026-03-04"
    assert month_first.assumptions and "month/day/year" in month_first.assumptions[0]
    day_first = read(data, "clockify", tz=MADRID, day_first=True)
    assert day_first.entries[0].start.astimezone(MADRID).date().isoformat() == "2026-04-03"
    assert not day_first.assumptions


def test_clockify_dates_written_day_first_are_recognised(tmp_path: Path) -> None:
    rows = CLOCKIFY.splitlines()[:1] + [
        "Website,,Spec,,Ana,,a@x,,Yes,25.03.2026,13:00,25.03.2026,14:15,01:15:00,1.25,0,0",
        "Website,,Spec,,Ana,,a@x,,Yes,03.04.2026,13:00,03.04.2026,14:00,01:00:00,1.00,0,0"]
    parsed = read(("\n".join(rows) + "\n").encode(), "clockify", tz=MADRID)
    assert [e.start.astimezone(MADRID).isoformat() for e in parsed.entries] == [
        "2026-03-25T13:00:00+01:00", "2026-04-03T13:00:00+02:00"]
    assert not parsed.assumptions


def test_dates_in_both_orders_make_the_file_unreadable() -> None:
    rows = CLOCKIFY.splitlines()[:1] + [
        "W,,A,,Ana,,a@x,,Yes,25/03/2026,13:00,25/03/2026,14:00,01:00:00,1,0,0",
        "W,,A,,Ana,,a@x,,Yes,03/26/2026,13:00,03/26/2026,14:00,01:00:00,1,0,0"]
    with pytest.raises(Malformed, match="both day/month and month/day"):
        read(("\n".join(rows) + "\n").encode(), "clockify", tz=MADRID)


def test_a_file_without_the_time_columns_is_refused_in_one_line(cli, tmp_path: Path) -> None:
    path = tmp_path / "other.csv"
    path.write_text("Project,Description,Hours\nWebsite,Copy,2\n")
    result = cli("import", str(path), "--from", "toggl")
    assert (result.code, result.err) == (
        1, "stint: other.csv: line 1: not a Toggl Track CSV export (no start date, start time, end date, "
           "end time column)\n")
    result = cli("import", str(path))
    assert (result.code, result.err) == (
        1, "stint: other.csv: line 1: not a format Stint can import (give --from to say which it is)\n")
