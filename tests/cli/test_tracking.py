"""The CLI contract for tasks and the timer: output, --json shapes, exit codes."""

from __future__ import annotations

from datetime import datetime

import pytest

from ..conftest import db_snapshot


def test_version(cli) -> None:
    import stint

    result = cli("--version")
    assert result.code == 0 and result.out.strip() == f"stint {stint.__version__}"


def test_new_and_tasks(cli) -> None:
    assert cli.ok("new", "Write report", "--project", "Acme", "--description", "Q4").out == \
        "Created task 1: Write report\n"
    cli.ok("new", "Review PR")
    rows = cli.ok("tasks", "--json").json()
    assert rows == [
        {"id": 2, "account": None, "remote_id": None, "title": "Review PR", "status": "TO_DO",
         "status_label": "To do", "project": None, "description": None},
        {"id": 1, "account": None, "remote_id": None, "title": "Write report", "status": "TO_DO",
         "status_label": "To do", "project": "Acme", "description": "Q4"},
    ]
    table = cli.ok("tasks").out.splitlines()
    assert table[0].split() == ["ID", "STATUS", "TITLE", "PROJECT", "WHERE"]
    assert "Write report" in table[2] and "Acme" in table[2]


def test_tasks_filters(cli) -> None:
    cli.ok("new", "Alpha")
    cli.ok("new", "Beta", "--project", "Greek")
    cli.ok("new", "Gamma")
    cli.ok("set-status", "Alpha", "done")
    cli.ok("set-status", "Gamma", "in progress")
    titles = lambda *a: [t["title"] for t in cli.ok("tasks", "--json", *a).json()]  # noqa: E731
    assert titles("--pending") == ["Gamma", "Beta"]
    assert titles("--status", "DONE") == ["Alpha"]
    assert titles("--status", "in_progress") == ["Gamma"]
    assert titles("--search", "greek") == ["Beta"]
    assert titles("--search", "zzz") == []
    assert cli.ok("tasks", "--search", "zzz").out == "No matching tasks.\n"
    bad = cli("tasks", "--status", "nonsense")
    assert bad.code == 1 and bad.err.startswith("stint: no status 'nonsense'")


def test_start_stop_status(cli, clock) -> None:
    cli.ok("new", "Write report")
    assert cli.ok("status").out == "Not tracking\nToday 0:00 · this week (2026-W48) 0:00\n"
    assert cli.ok("start", "report").out == "Started 1: Write report at 10:00\n"
    clock.advance(minutes=42)
    assert cli.ok("status").out == ("Tracking 1: Write report for 0:42 (since 10:00)\n"
                                    "Today 0:42 · this week (2026-W48) 0:42\n")
    status = cli.ok("status", "--json").json()
    running = status["running"]
    assert running["task_id"] == 1 and running["title"] == "Write report"
    assert running["started_at"] == "2026-11-23T10:00:00+01:00"
    assert running["elapsed_seconds"] == 42 * 60
    assert len(running["entry_id"]) == 36
    assert status["pending_ops"] == 0 and status["failed_ops"] == 0 and status["accounts"] == []
    assert cli.ok("stop").out == "Stopped 1: Write report after 0:42 (10:00–10:42)\n"
    assert cli.ok("status", "--json").json()["running"] is None


def test_a_timer_under_a_minute_says_its_seconds(cli, clock) -> None:
    cli.ok("new", "Write report", "--local")
    cli.ok("start", "report")
    clock.advance(seconds=42)
    assert cli.ok("status").out.startswith("Tracking 1: Write report for 42 s (since 10:00)\n")
    assert cli.ok("stop").out == "Stopped 1: Write report after 42 s (10:00–10:00)\n"


def test_start_switches_and_new_start(cli, clock) -> None:
    cli.ok("new", "A", "--start")
    clock.advance(minutes=5)
    out = cli.ok("new", "B", "--start").out.splitlines()
    assert out == ["Created task 2: B", "Stopped 1: A after 0:05 (10:00–10:05)", "Started 2: B at 10:05"]
    assert cli.ok("start", "b").out == "Already tracking 2: B since 10:05\n"


def test_set_status(cli) -> None:
    cli.ok("new", "A")
    assert cli.ok("set-status", "1", "Review").out == "1: A is now Review\n"
    assert cli.ok("tasks", "--json").json()[0]["status"] == "REVIEW"


def test_set_status_done_stops_the_tasks_timer(cli, clock) -> None:
    cli.ok("new", "A", "--start")
    clock.advance(minutes=12)
    assert cli.ok("set-status", "A", "cancelled").out == ("Stopped 1: A after 0:12 (10:00–10:12)\n"
                                                         "1: A is now Cancelled\n")
    assert cli.ok("status", "--json").json()["running"] is None


@pytest.mark.parametrize(
    "argv,code,message",
    [
        (("start", "nope"), 1, "stint: no task matches 'nope'"),
        (("start", "42"), 1, "stint: no task with id 42"),
        (("start", ""), 2, "stint: a task reference cannot be empty"),
        (("stop",), 1, "stint: no timer is running"),
        (("set-status", "A", "bogus"), 1, "stint: no status 'bogus'"),
        (("set-status", "nope", "done"), 1, "stint: no task matches 'nope'"),
        (("new", ""), 2, "stint: a task needs a title"),
        (("new", "x" * 300), 2, "stint: a title can have at most 255 characters"),
        (("new", "X", "--local", "--account", "w"), 2, "stint new: argument --account"),
        (("new", "X", "--account", "nope"), 1, "stint: no account named 'nope'"),
        (("start",), 2, "stint: give a TASK or --last (not both)"),
        (("frobnicate",), 2, "stint: argument COMMAND: invalid choice: 'frobnicate'"),
        (("tasks", "--bogus"), 2, "stint: unrecognized arguments: --bogus"),
    ],
)
def test_errors_are_one_line_and_change_nothing(cli, home, argv, code, message) -> None:
    cli.ok("new", "A")
    before = db_snapshot(home / "stint.sqlite3")
    result = cli(*argv)
    assert result.code == code
    assert result.err.startswith(message), result.err
    assert result.err.count("\n") == 1 and "Traceback" not in result.err
    assert result.out == ""
    assert db_snapshot(home / "stint.sqlite3") == before


def test_ambiguous_task_lists_candidates(cli) -> None:
    cli.ok("new", "Fix login")
    cli.ok("new", "Fix logout")
    result = cli("start", "fix")
    assert result.code == 1
    assert result.err == "stint: 2 tasks match 'fix': 1: Fix login; 2: Fix logout — use the id\n"


def test_help_goes_to_the_output(cli) -> None:
    result = cli("--help")
    assert result.code == 0 and "timesheet" in result.out and result.err == ""


def test_settings_file_damage_is_reported(cli, home) -> None:
    (home / "settings.json").write_text("{not json")
    result = cli("entries")
    assert result.code == 2 and result.err.startswith("stint: cannot read settings file")


def test_main_turns_a_bug_into_one_line(tmp_path, monkeypatch, capsys) -> None:
    from stint.cli import main

    def buggy(argv, ctx):  # a stand-in for a bug anywhere below the CLI
        return 1 // 0

    monkeypatch.setenv("STINT_HOME", str(tmp_path))
    assert main(["status"], runner=buggy) == 1
    err = capsys.readouterr().err
    assert err.startswith("stint: internal error: ZeroDivisionError") and err.count("\n") == 1
    assert "ZeroDivisionError" in (tmp_path / "logs" / "crash.log").read_text()


def test_local_time_without_tz_env(cli, clock) -> None:
    cli.env["TZ"] = "UTC"
    cli.ok("new", "A", "--start")
    assert cli.ok("status", "--json").json()["running"]["started_at"] == clock.now().isoformat()
    assert isinstance(datetime.fromisoformat(cli.ok("status", "--json").json()["running"]["started_at"]), datetime)


def test_toggle_stops_then_starts_the_last_task_again(cli, clock) -> None:
    cli.ok("new", "Write report")
    cli.ok("new", "Review PR")
    nothing = cli("toggle")
    assert nothing.code == 1 and nothing.err == \
        "stint: no earlier task to start again; start one with `stint start TASK`\n"
    cli.ok("start", "report")
    clock.advance(minutes=30)
    assert cli.ok("toggle").out == "Stopped 1: Write report after 0:30 (10:00–10:30)\n"
    clock.advance(minutes=5)
    assert cli.ok("toggle").out == "Started 1: Write report at 10:35\n"
    assert cli.ok("status", "--json").json()["running"]["task_id"] == 1


def test_start_last_continues_the_task_before_the_running_one(cli, clock) -> None:
    cli.ok("new", "Write report")
    cli.ok("new", "Review PR")
    cli.ok("start", "report")
    clock.advance(minutes=10)
    cli.ok("start", "review")
    clock.advance(minutes=10)
    out = cli.ok("start", "--last").out
    assert out == "Stopped 2: Review PR after 0:10 (10:10–10:20)\nStarted 1: Write report at 10:20\n"
    cli.ok("stop")
    assert cli.ok("start", "--last").out.endswith("Started 1: Write report at 10:20\n")


def test_start_needs_a_task_or_last_not_both(cli) -> None:
    cli.ok("new", "Write report")
    for argv in (("start",), ("start", "report", "--last")):
        result = cli(*argv)
        assert result.code == 2 and result.err == "stint: give a TASK or --last (not both)\n"
