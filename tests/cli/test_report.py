"""stint timesheet, entries and status at the desk: periods, the detailed list, filters,
colour, width, +1, totals and the output guard — against a hand-computed week.

The week of work (2026-W47, Mon 16 – Sun 22 November, Madrid UTC+1); the clock is at
Monday 23 November 10:00:

    Write report (Acme)  Mon 16 09:00–11:30 "draft"              2:30
    Review PR            Wed 18 23:00 – Thu 19 01:00              1:00 + 1:00
    Deploy (Ops)         Thu 19 22:30 – Fri 20 01:15 "night deploy" 1:30 + 1:15
    Write report (Acme)  Fri 20 14:00–14:45                       0:45
                                                          total   8:00
"""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
import stat
from pathlib import Path

import pytest
import wcwidth

from stint.domain.clock import FixedClock

from ..conftest import CLI, db_snapshot

H, M = 3600, 60


@pytest.fixture
def week(cli: CLI) -> CLI:
    cli.ok("new", "Write report", "--project", "Acme")
    cli.ok("new", "Review PR")
    cli.ok("new", "Deploy", "--project", "Ops")
    cli.ok("log", "report", "--start", "2026-11-16T09:00", "--end", "2026-11-16T11:30", "--note", "draft")
    cli.ok("log", "review", "--start", "2026-11-18 23:00", "--end", "2026-11-19 01:00")
    cli.ok("log", "deploy", "--start", "2026-11-19 22:30", "--end", "2026-11-20 01:15", "--note", "night deploy")
    cli.ok("log", "report", "--start", "2026-11-20 14:00", "--end", "2026-11-20 14:45")
    return cli


def csv_of(result_out: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(result_out, newline="")))


def add_account(home: Path, name: str = "work", state: str = "ok", error: str | None = None) -> None:
    """An account row as `stint account add` leaves it (no server is needed to queue ops)."""
    conn = sqlite3.connect(home / "stint.sqlite3")
    with conn:
        cur = conn.execute(
            "INSERT INTO account (name, kind, base_url, options, credential, state, cursors, last_error, created_at)"
            " VALUES (?, 'wapify', 'http://127.0.0.1:9', '{}', 'env:NONE', ?, '{}', ?, 0)", (name, state, error))
        conn.execute("INSERT INTO status (account_id, remote_id, name, label, position, is_done)"
                     " VALUES (?, 'todo', 'TO_DO', 'To do', 1, 0)", (cur.lastrowid,))
    conn.close()


# -- the detailed report -----------------------------------------------------------


def test_detail_csv_is_the_hand_computed_list(week: CLI) -> None:
    rows = csv_of(week.ok("timesheet", "--week", "2026-W47", "--detail", "--format", "csv").out)
    assert rows[0] == ["Date", "Start", "End", "Duration (H:MM)", "Duration (hours)", "Project", "Task", "Note",
                       "Account", "Sync", "Entry"]
    assert [r[:10] for r in rows[1:]] == [
        ["2026-11-16", "09:00", "11:30", "2:30", "2.50", "Acme", "Write report", "draft", "local", "local task"],
        ["2026-11-18", "23:00", "24:00", "1:00", "1.00", "", "Review PR", "", "local", "local task"],
        ["2026-11-19", "00:00", "01:00", "1:00", "1.00", "", "Review PR", "", "local", "local task"],
        ["2026-11-19", "22:30", "24:00", "1:30", "1.50", "Ops", "Deploy", "night deploy", "local", "local task"],
        ["2026-11-20", "00:00", "01:15", "1:15", "1.25", "Ops", "Deploy", "night deploy", "local", "local task"],
        ["2026-11-20", "14:00", "14:45", "0:45", "0.75", "Acme", "Write report", "", "local", "local task"],
    ]
    assert rows[2][10] == rows[3][10] and len(rows[2][10]) == 36  # both parts of one entry


def test_detail_table_marks_the_midnight_parts_and_adds_up(week: CLI) -> None:
    lines = week.ok("timesheet", "--week", "2026-W47", "--detail").out.splitlines()
    assert lines[0] == "Time entries 2026-W47 · 16–22 Nov 2026 (Europe/Madrid)"
    thursday = next(i for i, line in enumerate(lines) if line.startswith("Thu 19 Nov"))
    assert lines[thursday].split()[3:7] == ["→00:00", "01:00", "1:00", "Review"]
    assert lines[thursday + 1].split()[:4] == ["22:30", "24:00→", "1:30", "Deploy"]  # the date shows once a day
    assert lines[thursday + 2].split()[:7] == ["Fri", "20", "Nov", "→00:00", "01:15", "1:15", "Deploy"]
    total = next(line for line in lines if line.startswith("Total"))
    assert total.split() == ["Total", "8:00"]


def test_grid_and_detail_agree_under_rounding(week: CLI) -> None:
    # Rounded up to the hour, part by part: 3 + 1 + 1 + 2 + 2 + 1 = 10 hours either way.
    detail = csv_of(week.ok("timesheet", "--week", "2026-W47", "--detail", "--format", "csv", "--round", "60").out)
    assert [r[3] for r in detail[1:]] == ["3:00", "1:00", "1:00", "2:00", "2:00", "1:00"]
    grid = week.ok("timesheet", "--week", "2026-W47", "--format", "json", "--round", "60").json()
    assert grid["totals"]["days"] == [3 * H, 0, H, 3 * H, 3 * H, 0, 0] and grid["totals"]["total"] == 10 * H


@pytest.mark.parametrize(
    "period,days,total",
    [
        (("--month", "2026-11"), 30, 8 * H),
        (("--from", "2026-11-18", "--to", "2026-11-19"), 2, H + H + 90 * M),
        (("--week", "2026-47"), 7, 8 * H),
        (("--week", "2026-11-18"), 7, 8 * H),  # the week that holds a day
        (("--week", "last"), 7, 8 * H),
        (("--week", "this"), 7, 0),
    ],
)
def test_any_period(week: CLI, period: tuple[str, ...], days: int, total: int) -> None:
    data = week.ok("timesheet", *period, "--format", "json").json()
    assert len(data["days"]) == days and data["totals"]["total"] == total


def test_a_month_as_entries_in_json(week: CLI) -> None:
    data = week.ok("timesheet", "--month", "2026-11", "--detail", "--format", "json").json()
    assert data["period"] == {"kind": "month", "label": "2026-11", "first": "2026-11-01", "last": "2026-11-30"}
    assert [(e["date"], e["seconds"]) for e in data["entries"]] == [
        ("2026-11-16", 9000), ("2026-11-18", 3600), ("2026-11-19", 3600), ("2026-11-19", 5400),
        ("2026-11-20", 4500), ("2026-11-20", 2700)]


def test_filters_by_project_and_account(week: CLI, home: Path) -> None:
    ops = week.ok("timesheet", "--week", "2026-W47", "--project", "ops", "--format", "json").json()
    assert [r["task"] for r in ops["rows"]] == ["Deploy"] and ops["totals"]["total"] == 165 * M
    assert ops["filters"] == {"projects": ["ops"], "accounts": [], "local": False}
    both = week.ok("timesheet", "--week", "2026-W47", "--project", "Ops", "--project", "Acme", "--format", "json")
    assert both.json()["totals"]["total"] == 165 * M + 195 * M
    add_account(home)
    assert week.ok("timesheet", "--week", "2026-W47", "--account", "work", "--format", "json").json()["rows"] == []
    local = week.ok("timesheet", "--week", "2026-W47", "--local", "--format", "json").json()
    assert local["totals"]["total"] == 8 * H
    table = week.ok("timesheet", "--week", "2026-W47", "--project", "Acme").out
    assert table.splitlines()[1] == "only project Acme"


@pytest.mark.parametrize(
    "argv,code,message",
    [
        (("--project", "Acmee"), 1, "stint: no project named 'Acmee' (projects: Acme, Ops)"),
        (("--account", "work"), 1, "stint: no account named 'work' (there is no account yet)"),
        (("--week", "this", "--month", "this"), 2, "stint: choose one period: --week or --month"),
        (("--to", "2026-11-20"), 2, "stint: --to needs --from"),
        (("--from", "2026-11-20", "--to", "2026-11-02"), 2, "stint: the period ends (2026-11-02) before it starts"),
        (("--month", "2099-01"), 2, "stint: the year 2099 is out of range"),
        (("--week", "9999-W52"), 2, "stint: the year 9999 is out of range"),
        (("--from", "0001-01-01"), 2, "stint: the year 1 is out of range"),
        (("--from", "2025-01-01", "--to", "2026-11-23"), 2, "stint: a report covers at most 366 days"),
        (("-o", "/dev/full"), 2, "stint: /dev/full is not a regular file"),
        (("-o", "NEW/x.csv"), 2, "stint: cannot write NEW/x.csv: NEW does not exist"),
    ],
)
def test_bad_reports_are_one_line_and_change_nothing(week: CLI, home: Path, tmp_path: Path, argv: tuple[str, ...],
                                                     code: int, message: str) -> None:
    new = str(tmp_path / "new")
    argv = tuple(a.replace("NEW", new) for a in argv)
    before = db_snapshot(home / "stint.sqlite3")
    result = week("timesheet", *argv)
    assert (result.code, result.out) == (code, "")
    assert result.err.startswith(message.replace("NEW", new)) and result.err.count("\n") == 1, result.err
    assert db_snapshot(home / "stint.sqlite3") == before
    assert not (tmp_path / "new").exists() and stat.S_ISCHR(os.stat("/dev/full").st_mode)


def test_output_to_stdout_with_a_dash(week: CLI) -> None:
    result = week.ok("timesheet", "--week", "2026-W47", "--format", "csv", "-o", "-")
    assert result.out.startswith("Task,Project,") and result.err == ""


def test_a_detailed_file_says_what_it_wrote(week: CLI, tmp_path: Path) -> None:
    target = tmp_path / "entries.xlsx"
    result = week.ok("timesheet", "--week", "2026-W47", "--detail", "-o", str(target))
    assert result.err == f"Wrote XLSX detailed report for 2026-W47 to {target}\n"
    assert target.read_bytes().startswith(b"PK")


# -- entries, WHEN, status ---------------------------------------------------------


def test_entries_show_plus_one_and_a_total(week: CLI) -> None:
    out = week.ok("entries", "--week", "2026-W47").out
    assert "Wed 2026-11-18 23:00–01:00 +1" in out and "Thu 2026-11-19 22:30–01:15 +1" in out
    first = out.splitlines()[1].split()
    assert first[1:5] == ["Mon", "2026-11-16", "09:00–11:30", "2:30"]
    assert out.splitlines()[-1] == "4 entries, 8:00"
    assert week.ok("entries", "--from", "2026-11-16", "--to", "2026-11-16").out.splitlines()[-1] == "1 entry, 2:30"


def test_log_says_plus_one(week: CLI) -> None:
    out = week.ok("log", "review", "--start", "2026-11-21 23:30", "--end", "2026-11-22 00:15").out
    assert out.startswith("Logged 0:45 on 2: Review PR (Sat 2026-11-21 23:30–00:15 +1)")


def test_when_as_people_type_it(cli: CLI) -> None:
    cli.ok("new", "T")
    # The clock: Monday 23 November, 10:00.
    assert "(Sun 2026-11-22 17:00–18:00)" in cli.ok("log", "T", "--start", "yesterday 17:00", "--end",
                                                    "yesterday 18:00").out
    assert "(Mon 2026-11-23 08:00–08:30)" in cli.ok("log", "T", "--start", "mon 8:00", "--end", "8:30").out
    assert "(Fri 2026-11-20 16:00–17:30)" in cli.ok("log", "T", "--start", "fri 16:00", "--end", "friday 17:30").out
    assert "(Mon 2026-11-23 09:15–09:45)" in cli.ok("log", "T", "--start", "-45m", "--end", "-15m").out


def test_an_ambiguous_time_is_noted_on_stderr(cli: CLI) -> None:
    cli.ok("new", "T")
    result = cli.ok("log", "T", "--start", "2026-10-25 02:30", "--end", "2026-10-25 04:00")
    assert result.err == ("stint: note: 2026-10-25 02:30 happens twice in Europe/Madrid (the clocks go back an hour); "
                          "took the first, 2026-10-25T02:30+02:00 — for the second give 2026-10-25T02:30+01:00\n")
    entry = cli.ok("entries", "--week", "2026-10-25", "--json").json()[0]
    assert (entry["start"], entry["seconds"]) == ("2026-10-25T02:30:00+02:00", 150 * M)  # 02:30 CEST – 04:00 CET


def test_status_shows_today_and_this_week(cli: CLI, clock: FixedClock) -> None:
    cli.ok("new", "Night")
    cli.ok("log", "Night", "--start", "2026-11-22 23:00", "--end", "2026-11-23 01:00")  # Sunday into Monday
    cli.ok("log", "Night", "--start", "2026-11-16 09:00", "--end", "2026-11-16 10:00")  # last week
    cli.ok("start", "Night")  # Monday 10:00
    clock.advance(minutes=30)
    lines = cli.ok("status").out.splitlines()
    assert lines == ["Tracking 1: Night for 0:30 (since 10:00)", "Today 1:30 · this week (2026-W48) 1:30"]
    data = cli.ok("status", "--json").json()
    assert (data["today_seconds"], data["week_seconds"], data["week"]) == (90 * M, 90 * M, "2026-W48")


def test_status_counts_changes_and_names_states_as_shown(cli: CLI, home: Path) -> None:
    cli.ok("tasks")  # makes the database
    add_account(home)
    cli.ok("new", "Remote one", "--account", "work")
    assert "work: 1 change waiting to sync" in cli.ok("status").out.splitlines()
    cli.ok("new", "Remote two", "--account", "work")
    assert "work: 2 changes waiting to sync" in cli.ok("status").out.splitlines()
    add_account(home, "broken", state="needs_signin", error="401 from server")
    # The tray's and the window's words, then how to sign in from a shell.
    assert ("broken: needs sign-in — the server refused the saved credentials; sign in again: "
            "`stint account signin broken --token-env NONE` once $NONE holds the new secret"
            ) in cli.ok("status").out.splitlines()


def test_status_tells_the_sync_states_apart_in_the_trays_words(cli: CLI, home) -> None:  # type: ignore[no-untyped-def]
    cli.ok("tasks")  # makes the database
    for name, state, error in (("a-down", "offline", "connection refused"),
                               ("b-busy", "server_trouble", "HTTP 503: maintenance"),
                               ("c-secret", "needs_secret", None), ("d-fine", "ok", None)):
        add_account(home, name, state=state, error=error)
    conn = sqlite3.connect(home / "stint.sqlite3")
    with conn:  # b-busy's next try; d-fine synced at 09:30 local time
        conn.execute("UPDATE account SET next_sync_at = ? WHERE name = 'b-busy'", (1795424700,))
        conn.execute("UPDATE account SET last_sync_at = ? WHERE name = 'd-fine'", (1795422600,))
    conn.close()
    lines = cli.ok("status").out.splitlines()
    assert lines[2:6] == [
        "a-down: offline — the server cannot be reached",
        "b-busy: server trouble — HTTP 503: maintenance; next try at 10:05",
        "c-secret: needs its secret — the variable NONE is not set for the app; sign in again: "
        "`stint account signin c-secret --token-env NONE` once $NONE holds the new secret",
        "d-fine: up to date (last sync 09:30)",
    ]
    health = {a["name"]: a["health"] for a in cli.ok("status", "--json").json()["accounts"]}
    assert health == {"a-down": "offline", "b-busy": "server_trouble", "c-secret": "needs_secret",
                      "d-fine": "up_to_date"}


# -- what reaches the terminal -----------------------------------------------------


EVIL_TITLE = "Evil\x1b]0;owned\x07\x1b[2J\x9b1A\u202etxt.exe"


def test_control_characters_from_data_never_reach_the_terminal(cli: CLI, home: Path) -> None:
    cli.ok("new", EVIL_TITLE, "--project", "P\x1b[31m")
    cli.ok("log", "1", "--start", "2026-11-23 08:00", "--end", "2026-11-23 09:00", "--note", "n\x07\rfake line")
    cli.ok("start", "1")
    add_account(home, "srv", state="error", error="boom\x1b[2J\nstint: FAKE LINE")
    outputs = [cli.ok(*argv) for argv in (
        ("tasks",), ("status",), ("entries",), ("timesheet",), ("timesheet", "--detail"),
        ("timesheet", "--format", "csv"), ("tasks", "--json"), ("entries", "--json"), ("timesheet", "--format", "json"),
    )]
    for result in outputs:
        assert not any(ch in result.out + result.err for ch in "\x1b\x07\x9b\u202e"), result.out
    status = outputs[1].out.splitlines()
    assert "srv: sync error — boom[2J stint: FAKE LINE" in status  # one line, not two
    # JSON stays valid and exact: the guard's \u escapes are JSON's own.
    assert outputs[6].json()[0]["title"] == EVIL_TITLE
    assert "fake line" in outputs[7].out and outputs[7].json()[0]["note"] == "n\x07\rfake line"


def test_an_error_message_is_one_line(cli: CLI) -> None:
    result = cli("start", "no\nsuch\x1b[2Jtask")
    assert result.code == 1 and result.err.count("\n") == 1 and "\x1b" not in result.err


def test_colour_on_a_terminal_only(week: CLI) -> None:
    week.ok("start", "report")
    plain = week.ok("status").out
    assert "\x1b" not in plain  # a pipe
    week.env["FORCE_COLOR"] = "1"
    coloured = week.ok("status").out
    assert coloured.startswith("\x1b[32mTracking\x1b[0m 1: Write report for \x1b[1m0 s\x1b[0m")
    assert "\x1b[1mTask" in week.ok("timesheet", "--week", "2026-W47").out
    week.env["NO_COLOR"] = "1"
    assert "\x1b" not in week.ok("status").out + week.ok("timesheet", "--week", "2026-W47").out


@pytest.mark.parametrize("argv", [("timesheet", "--week", "2026-W47"), ("timesheet", "--week", "2026-W47", "--detail"),
                                  ("entries", "--week", "2026-W47"), ("tasks",)])
def test_tables_fit_the_terminal_width(week: CLI, argv: tuple[str, ...]) -> None:
    week.ok("new", "日本語のとても長いタスクの名前 😀 with a long tail of words", "--project", "プロジェクト")
    week.ok("log", "日本語", "--start", "2026-11-17 09:00", "--end", "2026-11-17 10:00", "--note", "👨‍👩‍👧 " * 20)
    wide = week.ok(*argv).out
    week.env["COLUMNS"] = "80"
    fitted = week.ok(*argv).out
    assert max(wcwidth.width(line) for line in fitted.splitlines()) <= 80, fitted
    assert max(wcwidth.width(line) for line in wide.splitlines()) > 80


def test_status_errors_name_statuses_by_label(cli: CLI) -> None:
    cli.ok("new", "T")
    result = cli("set-status", "T", "almost")
    assert result.err == "stint: no status 'almost' (choose from To do, In progress, Review, Done, Cancelled)\n"


def test_json_is_not_coloured_or_cut(week: CLI) -> None:
    week.env.update({"FORCE_COLOR": "1", "COLUMNS": "40"})
    data = json.loads(week.ok("timesheet", "--week", "2026-W47", "--format", "json").out)
    assert data["totals"]["total"] == 8 * H
