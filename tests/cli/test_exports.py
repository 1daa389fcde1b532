"""`stint export --all` and its round trip through `stint import`; `stint export --ics`
read back by a calendar library."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import Engine

from stint.config import Settings, save_settings
from stint.domain.clock import FixedClock
from tests.conftest import CLI, db_snapshot
from tests.store.test_full_export import populate


@pytest.fixture
def full_cli(cli: CLI, engine: Engine, clock: FixedClock) -> CLI:
    populate(engine, clock)
    engine.dispose()
    save_settings(cli.home / "settings.json", Settings(week_start=6, rounding_minutes=15, timezone="Europe/Madrid",
                                                       working_days=(0, 1, 2), idle_minutes=7, extra={"x": [1]}))
    return cli


def test_export_import_export_is_the_same_file(full_cli: CLI, tmp_path: Path) -> None:
    first = tmp_path / "all.json"
    result = full_cli.ok("export", "--all", "-o", str(first))
    assert result.err == f"Wrote everything (1 account, 3 tasks, 6 entries) to {first}\n"
    fresh = CLI(tmp_path / "fresh", full_cli.clock)
    fresh.home.mkdir()
    out = fresh.ok("import", str(first)).out
    assert out.startswith("Restored from all.json (Stint export): 1 account, 3 tasks, 6 entries, "
                          "3 changes waiting to sync, and the settings.")
    assert "Sign in again on this machine: stint account signin NAME (work)" in out
    second = tmp_path / "again.json"
    fresh.ok("export", "--all", "-o", str(second))
    assert second.read_bytes() == first.read_bytes()
    assert json.loads((fresh.home / "settings.json").read_text()) == json.loads(
        (full_cli.home / "settings.json").read_text())
    assert fresh.ok("tasks", "--json").json() == full_cli.ok("tasks", "--json").json()


def test_the_document_is_versioned_and_says_what_it_holds(full_cli: CLI) -> None:
    document = full_cli.ok("export", "--all").json()
    assert (document["format"], document["version"], document["exported_at"]) == (
        "stint-export", 1, "2026-11-24T15:00:00Z")
    assert document["settings"]["week_start"] == 6 and document["settings"]["working_days"] == [0, 1, 2]
    assert document["accounts"] == [{"name": "work", "kind": "gipo", "url": "https://gipo.example",
                                     "options": {"board": "Web"}, "credential": "keyring",
                                     "created_at": "2026-10-17T08:00:00Z"}]
    task = next(t for t in document["tasks"] if t["title"] == "Landing page")
    assert task | {"created_at": None, "updated_at": None} == {
        "id": 1, "account": "work", "remote_id": "T-1", "title": "Landing page", "description": "The new one",
        "status": "TO_DO", "project": "Web", "category": "Kestrel", "due_date": "2026-12-01",
        "estimated_hours": 2.5, "remote_updated_at": "2026-11-15T08:00:00Z", "created_at": None,
        "updated_at": None, "last_started_at": None}
    assert set(document) == {"format", "version", "exported_at", "app", "settings", "accounts", "statuses",
                             "tasks", "entries", "outbox", "import_keys"}


def test_into_a_database_with_data_the_entries_are_merged_by_task(full_cli: CLI, tmp_path: Path) -> None:
    path = tmp_path / "all.json"
    full_cli.ok("export", "--all", "-o", str(path))
    other = CLI(tmp_path / "other", full_cli.clock)
    other.home.mkdir()
    other.ok("new", "Local one", "--project", "Ops")
    before = len(other.ok("tasks", "--json").json())
    summary = other.ok("import", str(path), "--json").json()
    assert summary["mode"] == "import" and summary["entries"] == 4   # finished, not deleted
    assert [(t["title"], t["new"]) for t in summary["tasks"]] == [
        ("Imported", True), ("Landing page", True), ("Local one", False)]
    assert len(other.ok("tasks", "--json").json()) == before + 2
    assert other.ok("import", str(path), "--json").json()["entries"] == 0
    # Back into the database it came from: every entry is already there.
    assert full_cli.ok("import", str(path), "--json").json()["entries"] == 0


def test_a_dry_run_restore_changes_nothing(full_cli: CLI, tmp_path: Path) -> None:
    path = tmp_path / "all.json"
    full_cli.ok("export", "--all", "-o", str(path))
    fresh = CLI(tmp_path / "fresh", full_cli.clock)
    fresh.home.mkdir()
    fresh.ok("tasks")   # the database exists, empty
    before = db_snapshot(fresh.home / "stint.sqlite3")
    out = fresh.ok("import", str(path), "--dry-run").out
    assert out.startswith("Would restore from all.json (Stint export): 1 account, 3 tasks, 6 entries")
    assert db_snapshot(fresh.home / "stint.sqlite3") == before
    assert not (fresh.home / "settings.json").exists()


def test_a_period_as_icalendar(cli: CLI, tmp_path: Path) -> None:
    import icalendar

    long_note = "Reviewed the whole «pricing» page; fixed typos, links\nand the footer. " * 3
    cli.ok("new", "Write, review; ship \\ done", "--project", "Acme, Inc")
    cli.ok("log", "Write", "--start", "2026-11-16T23:00", "--end", "2026-11-17T01:30", "--note", long_note)
    cli.ok("log", "Write", "--start", "2026-11-18T09:00:05", "--end", "2026-11-18T10:00")
    cli.ok("log", "Write", "--start", "2026-11-09T09:00", "--end", "2026-11-09T10:00")   # the week before
    cli.ok("start", "Write")                                                             # running: left out
    path = tmp_path / "week.ics"
    result = cli.ok("export", "--week", "2026-W47", "-o", str(path))
    assert result.err == f"Wrote 2 events for 2026-W47 to {path}\n"
    raw = path.read_bytes()
    assert all(len(line) <= 75 for line in raw.split(b"\r\n")) and b"\n" not in raw.replace(b"\r\n", b"")
    calendar = icalendar.Calendar.from_ical(raw)
    events = [(str(e["SUMMARY"]), e.decoded("DTSTART"), e.decoded("DTEND"), str(e.get("DESCRIPTION", "")),
               [str(c) for c in e["CATEGORIES"].cats]) for e in calendar.walk("VEVENT")]
    utc = timezone.utc
    assert events == [
        ("Write, review; ship \\ done", datetime(2026, 11, 16, 22, 0, tzinfo=utc),
         datetime(2026, 11, 17, 0, 30, tzinfo=utc), long_note, ["Acme, Inc"]),
        ("Write, review; ship \\ done", datetime(2026, 11, 18, 8, 0, 5, tzinfo=utc),
         datetime(2026, 11, 18, 9, 0, tzinfo=utc), "", ["Acme, Inc"]),
    ]
    uids = [str(e["UID"]) for e in calendar.walk("VEVENT")]
    assert all(uid.endswith("@stint") for uid in uids) and len(set(uids)) == 2


def test_icalendar_for_dates_and_on_stdout(cli: CLI) -> None:
    cli.ok("new", "Write")
    cli.ok("log", "Write", "--start", "2026-11-09T09:00", "--end", "2026-11-09T10:00")
    cli.ok("log", "Write", "--start", "2026-11-18T09:00", "--end", "2026-11-18T10:00")
    out = cli.ok("export", "--ics", "--from", "2026-11-01", "--to", "2026-11-10").out
    assert out.count("BEGIN:VEVENT") == 1 and "DTSTART:20261109T080000Z" in out and out.endswith("END:VCALENDAR\r\n")
    month = cli.ok("export", "--ics", "--month", "2026-11", "-o", "-").out
    assert month.count("BEGIN:VEVENT") == 2


@pytest.mark.parametrize("argv,message", [
    (("export",), "stint: say what to export: --all (everything, JSON) or --ics (a period's entries)"),
    (("export", "--all", "--week", "last"),
     "stint: --all exports everything; --week, --month, --from and --to are for --ics"),
    (("export", "--all", "--ics"), "stint export: argument --ics: not allowed with argument --all"),
    (("export", "--ics", "--to", "2026-11-01"), "stint: --to needs --from"),
    (("export", "--ics", "--week", "last", "--month", "nov"), "stint: choose one period: --week or --month"),
    (("export", "--ics", "--from", "2026-11-10", "--to", "2026-11-01"),
     "stint: the period ends (2026-11-01) before it starts (2026-11-10)"),
    (("export", "--ics", "--from", "1 Nov", "--to", "2026-11-01"), "stint: not a date: '1 Nov'"),
    (("export", "--ics", "--week", "2026-W60"), "stint: 2026 has no week 60"),
    (("export", "--all", "-o", "/nowhere/all.json"), "stint: cannot write /nowhere/all.json: /nowhere does not exist"),
])
def test_bad_usage(cli: CLI, argv: tuple[str, ...], message: str) -> None:
    result = cli(*argv)
    assert result.code == 2 and result.err.startswith(message), result.err


def test_a_folder_as_output_is_refused(cli: CLI, tmp_path: Path) -> None:
    result = cli("export", "--all", "-o", str(tmp_path))
    assert (result.code, result.err) == (2, f"stint: {tmp_path} is a folder; give a file name\n")


def test_the_clock_in_the_export(cli: CLI) -> None:
    cli.clock.set(datetime(2026, 11, 23, 9, 0, 0, tzinfo=timezone.utc) + timedelta(seconds=7))
    assert cli.ok("export", "--all").json()["exported_at"] == "2026-11-23T09:00:07Z"


def test_every_field_is_documented(full_cli: CLI) -> None:
    import re

    doc = (Path(__file__).resolve().parents[2] / "docs" / "export-format.md").read_text()
    documented = set(re.findall(r"[`\"]([a-z_]+)[`\"]", doc)) | set(re.findall(r"^### ([a-z_]+)", doc, re.M))
    document = full_cli.ok("export", "--all").json()
    fields = set(document) - {"settings"}
    for section in ("accounts", "statuses", "tasks", "entries", "outbox", "import_keys"):
        assert document[section], section
        fields |= set(document[section][0])
    assert fields - documented == set()


def test_the_running_timer_is_left_out_and_said_so(cli: CLI, tmp_path: Path) -> None:
    cli.ok("new", "Write", "--start")
    path = tmp_path / "now.ics"
    result = cli.ok("export", "-o", str(path))
    assert result.err == f"Wrote 0 events for 2026-W48 to {path} (the running timer is left out until it stops)\n"
    assert "BEGIN:VEVENT" not in path.read_text()
