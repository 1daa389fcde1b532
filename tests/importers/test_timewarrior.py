"""Timewarrior: intervals tracked by the real `timew` in a temporary database
(TIMEWARRIORDB), then `timew export` imported. Madrid time, as for Watson, plus a
`project:` tag, an annotation with quotes and commas, and a running interval."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import MADRID

from .conftest import day_totals, projects, run, tool

EXPECTED = {
    ("acme, design", "2026-03-27"): 3600,
    ("acme, design", "2026-03-28"): 5400,
    ("acme", "2026-03-28"): 3595,
    ("ops", "2026-03-29"): 3600,            # 01:30 → 03:30 across the DST change
}


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    timew = tool("timew")
    home = tmp_path_factory.mktemp("timew")
    env = {"TIMEWARRIORDB": str(home / "db")}
    run([timew, "track", "2026-03-27T23:00", "-", "2026-03-28T01:30", "acme", "design", ":yes"], env)
    run([timew, "track", "2026-03-29T01:30", "-", "2026-03-29T03:30", "project:beta", "ops", ":yes"], env)
    run([timew, "track", "2026-03-28T09:00:05", "-", "2026-03-28T10:00:00", "acme", ":yes"], env)
    run([timew, "annotate", "@1", 'fixed the "login", then; 100%', ":yes"], env)
    run([timew, "start", "2026-03-30T09:00", "writing", ":yes"], env)
    path = home / "export.json"
    path.write_text(run([timew, "export"], env))
    return path


def test_the_export_gives_the_hand_computed_totals(cli, export: Path) -> None:
    result = cli.ok("import", str(export))
    assert result.out.startswith("Imported 3 entries (4:29:55) from export.json (Timewarrior export)")
    assert "interval 4: still running" in result.out
    assert day_totals(cli, "2026-W13") == EXPECTED
    assert projects(cli) == {"acme, design": None, "acme": None, "ops": "beta"}
    notes = {e["task"]: e["note"] for e in cli.ok("entries", "--week", "2026-W13", "--json").json()}
    assert notes["ops"] == 'fixed the "login", then; 100%'


def test_importing_the_export_again_adds_nothing(cli, export: Path) -> None:
    cli.ok("import", str(export))
    again = cli.ok("import", str(export), "--json").json()
    assert again["entries"] == 0 and again["seconds"] == 0
    assert [s["reason"] for s in again["skipped"]] == ["imported"] * 3
    assert day_totals(cli, "2026-W13") == EXPECTED


def test_an_interval_changed_at_the_source_is_reported_as_an_overlap(cli, tmp_path: Path, export: Path) -> None:
    cli.ok("import", str(export))
    intervals = json.loads(export.read_text())
    intervals[0]["end"] = "20260328T010000Z"        # lengthened in Timewarrior afterwards
    changed = tmp_path / "changed.json"
    changed.write_text(json.dumps(intervals))
    again = cli.ok("import", str(changed), "--json").json()
    assert again["entries"] == 0
    assert [(s["where"], s["reason"]) for s in again["skipped"] if s["reason"] == "overlap"] == [
        ("interval 1", "overlap")]
    assert day_totals(cli, "2026-W13") == EXPECTED   # never merged


def test_local_times_do_not_matter(export: Path) -> None:
    from zoneinfo import ZoneInfo

    from stint.importers import read

    here = read(export.read_bytes(), "timewarrior", tz=MADRID)
    there = read(export.read_bytes(), "timewarrior", tz=ZoneInfo("Asia/Tokyo"))
    assert here.entries == there.entries
