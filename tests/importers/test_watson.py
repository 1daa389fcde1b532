"""Watson: frames recorded by the real `watson` (td-watson) in a temporary home, then
its `frames` file and `watson log --json` imported. Madrid time: an entry across
midnight, one across the spring DST change (01:30–03:30 is one hour), one with
seconds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from stint.importers import detect, read
from tests.conftest import MADRID

from .conftest import day_totals, projects, run, tool

EXPECTED = {
    ("acme", "2026-03-27"): 3600,            # 23:00 → midnight
    ("acme", "2026-03-28"): 5400 + 3595,     # midnight → 01:30, and 09:00:05 → 10:00:00
    ("beta project", "2026-03-29"): 3600,    # 01:30 → 03:30 across the DST change
}


@pytest.fixture(scope="module")
def watson_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    watson = tool("watson")
    home = tmp_path_factory.mktemp("watson")
    env = {"WATSON_DIR": str(home)}
    run([watson, "add", "-f", "2026-03-27 23:00", "-t", "2026-03-28 01:30", "acme", "+design", "+review"], env)
    run([watson, "add", "-f", "2026-03-29 01:30", "-t", "2026-03-29 03:30", "beta project", "+ops"], env)
    run([watson, "add", "-f", "2026-03-28 09:00:05", "-t", "2026-03-28 10:00:00", "acme"], env)
    (home / "log.json").write_text(run([watson, "log", "--json", "--all"], env))
    return home


def test_the_frames_file_gives_the_hand_computed_totals(cli, watson_home: Path) -> None:
    out = cli.ok("import", str(watson_home / "frames")).out
    assert out.startswith("Imported 3 entries (4:29:55) from frames (Watson frames) onto local tasks.")
    assert day_totals(cli, "2026-W13") == EXPECTED
    assert projects(cli) == {"acme": "acme", "beta project": "beta project"}
    notes = {(e["task"], e["note"]) for e in cli.ok("entries", "--week", "2026-W13", "--json").json()}
    assert notes == {("acme", "[design, review]"), ("acme", ""), ("beta project", "[ops]")}


def test_watson_log_json_gives_the_same_and_shares_the_frames_keys(cli, watson_home: Path) -> None:
    assert detect((watson_home / "log.json").read_bytes()) == "watson"
    cli.ok("import", str(watson_home / "log.json"))
    assert day_totals(cli, "2026-W13") == EXPECTED
    again = cli.ok("import", str(watson_home / "frames"), "--json").json()
    assert again["entries"] == 0 and [s["reason"] for s in again["skipped"]] == ["imported"] * 3


def test_both_forms_read_to_the_same_records(watson_home: Path) -> None:
    frames = read((watson_home / "frames").read_bytes(), "watson", tz=MADRID)
    logged = read((watson_home / "log.json").read_bytes(), "watson", tz=MADRID)
    assert sorted(frames.entries, key=lambda e: e.key) == sorted(logged.entries, key=lambda e: e.key)
    assert all(e.key.startswith("watson:") and len(e.key) == len("watson:") + 32 for e in frames.entries)


def test_a_bad_frame_is_named_and_the_others_imported(cli, tmp_path: Path, watson_home: Path) -> None:
    frames = json.loads((watson_home / "frames").read_text())
    frames.insert(1, [1774648800, "later", "acme", "f" * 32, []])
    frames.append([1774800000, 1774700000, "acme", "e" * 32, []])
    path = tmp_path / "frames"
    path.write_text(json.dumps(frames))
    result = cli("import", str(path))
    assert result.code == 1
    assert result.err.splitlines() == [
        "stint: frames: frame 2: not a Watson frame (not a date and time: 'later')",
        "stint: frames: frame 5: ends before it starts",
    ]
    assert result.out.startswith("Imported 3 entries")
    assert day_totals(cli, "2026-W13") == EXPECTED
