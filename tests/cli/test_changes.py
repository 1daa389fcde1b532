"""`stint changes`: the refused changes listed with their numbers, and retry, discard
and use answered from the command line."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from stint.store import outbox

from ..conftest import db_snapshot
from .store_rows import add_account, op_states

LOST = ("the reply to creating \u201cReport\u201d was lost, and the server has 1 task(s) of that title (41) "
        "that cannot be shown to be the one made here")


def sql(database: Path, statement: str, params: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(database)
    try:
        with conn:
            return conn.execute(statement, params).fetchall()
    finally:
        conn.close()


@pytest.fixture
def database(cli, home) -> Path:
    """Account "work": task 1 "Report" made here and tracked 25 minutes, its create
    (#1) refused after a lost reply; the server's task 41 "Report" pulled as task 2."""
    cli.ok("tasks")  # creates the store
    path = home / "stint.sqlite3"
    add_account(path)
    cli.ok("new", "Report", "--account", "work", "--start")
    cli.clock.advance(minutes=25)
    cli.ok("stop")
    sql(path, "UPDATE outbox SET state = 'failed', attempts = 1, last_error = ? WHERE seq = 1", (LOST,))
    sql(path, "UPDATE outbox SET last_error = ? WHERE seq > 1", (outbox.waits_for(1, "which failed"),))
    sql(path, "INSERT INTO task (account_id, remote_id, title, status_id, created_at, updated_at) "
              "SELECT 1, '41', 'Report', status_id, 1, 1 FROM task WHERE id = 1")
    return path


def test_changes_lists_the_refused_and_the_waiting_with_their_numbers(cli, database) -> None:
    out = cli.ok("changes").out.splitlines()
    assert out[0] == "Refused by the server (1):"
    assert out[1].startswith("  #1  work  create task  1: Report  ")
    assert out[2] == f"      {LOST}"
    assert out[3].startswith("Waiting to be sent (2)")
    assert [line.split("  next try")[0] for line in out[4:8:2]] == ["  #2  work  start timer  1: Report",
                                                                    "  #3  work  stop timer  1: Report"]
    assert out[5] == "      waits for op #1, which failed"
    assert "stint changes use SEQ TASK" in out[-1]
    listed = cli.ok("changes", "--json").json()
    assert [(c["seq"], c["kind"], c["task_id"], c["message"]) for c in listed["failed"]] == [
        (1, "create_task", 1, LOST)]
    assert [c["seq"] for c in listed["waiting"]] == [2, 3]


def test_status_shows_the_number_and_where_to_answer(cli, database) -> None:
    out = cli.ok("status").out
    assert f"Failed #1: create task 1: Report — {LOST}" in out
    assert "See `stint changes` to retry, discard, or use a server task" in out
    assert cli.ok("status", "--json").json()["failed"][0]["seq"] == 1


def test_use_makes_the_local_task_the_servers(cli, database) -> None:
    result = cli.ok("changes", "use", "#1", "work:41")
    assert result.out.startswith("Task 1: Report is now 2: Report (work:41)")
    assert op_states(database) == [("create_task", "done"), ("start", "pending"), ("stop", "pending")]
    assert sql(database, "SELECT DISTINCT task_id FROM outbox") == [(2,)]
    assert sql(database, "SELECT task_id, ended_at - started_at FROM entry") == [(2, 25 * 60)]
    assert sql(database, "SELECT id FROM task WHERE title = 'Report'") == [(2,)]
    assert cli.ok("changes").out == "No refused or waiting changes.\n"  # the next sync sends the rest


def test_retry_and_discard(cli, database) -> None:
    assert cli.ok("changes", "retry", "1").out.startswith("#1 will be sent again with the next sync")
    assert op_states(database)[0] == ("create_task", "pending")
    sql(database, "UPDATE outbox SET state = 'failed' WHERE seq = 1")
    assert "#1 discarded" in cli.ok("changes", "discard", "1").out
    assert op_states(database)[0] == ("create_task", "discarded")


@pytest.mark.parametrize(("argv", "code", "message"), [
    (("changes", "use", "9", "work:41"), 1, "stint: no queued change #9"),
    (("changes", "use", "2", "work:41"), 1, "stint: change #2 is pending, not failed"),
    (("changes", "use", "1", "1"), 1, "stint: task 1 is the one change #1 creates: name the task the server has"),
    (("changes", "use", "1", "work:77"), 1, "stint: no task 77 in account work"),
    (("changes", "retry", "1", "2"), 1, "stint: change #2 is pending, not failed"),
    (("changes", "discard", "7"), 1, "stint: no queued change #7"),
    (("changes", "retry"), 2, "stint changes retry: the following arguments are required: SEQ"),
    (("changes", "retry", "one"), 2, "stint changes retry: argument SEQ: not a change number: 'one'"),
    (("changes", "use", "1"), 2, "stint changes use: the following arguments are required: TASK"),
])
def test_refusals_are_one_line_and_change_nothing(cli, database, argv, code, message) -> None:
    before = db_snapshot(database)
    result = cli(*argv)
    assert result.code == code
    assert result.err.startswith(message) and result.err.count("\n") == 1, result.err
    assert db_snapshot(database) == before


def test_nothing_to_answer(cli) -> None:
    assert cli.ok("changes").out == "No refused or waiting changes.\n"
