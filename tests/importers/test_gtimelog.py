"""gtimelog's timelog.txt as gtimelog writes and reads it: each line ends an
activity begun at the line before, days turn at the virtual midnight (02:00),
"category: task" and " -- tags", breaks (**) and ignored lines (***)."""

from __future__ import annotations

from pathlib import Path

from stint.importers import detect, read
from tests.conftest import MADRID

from .conftest import day_totals, projects

TIMELOG = """# my timelog
2026-03-27 22:00: arrived
2026-03-27 23:00: acme: prep -- planning urgent
2026-03-28 01:30: acme: write report

2026-03-28 09:00: arrived
2026-03-28 10:00:05: beta: ops
2026-03-28 10:30: lunch **
2026-03-28 11:00: internal ***
2026-03-28 11:20: beta: ops
2026-03-28 11:20: beta: same minute
this line is not an entry

2026-10-25 02:10: arrived
2026-10-25 04:00: night: deploy
"""
W13 = {
    ("prep", "2026-03-27"): 3600,
    ("write report", "2026-03-27"): 3600,     # 23:00 → 01:30, still the 27th's virtual day
    ("write report", "2026-03-28"): 5400,
    ("ops", "2026-03-28"): 3605 + 1200,
}
# 02:10 (the first of the two, summer time) → 04:00 winter time: 2 h 50 min.
W43 = {("deploy", "2026-10-25"): 2 * 3600 + 50 * 60}


def test_the_timelog_gives_the_hand_computed_totals(cli, tmp_path: Path) -> None:
    path = tmp_path / "timelog.txt"
    path.write_text(TIMELOG)
    assert detect(path.read_bytes()) == "gtimelog"
    result = cli("import", str(path))
    assert result.code == 1
    assert result.err == "stint: timelog.txt: line 12: not a timelog entry (YYYY-MM-DD HH:MM: text)\n"
    assert day_totals(cli, "2026-W13") == W13
    assert day_totals(cli, "2026-W43") == W43
    assert projects(cli) == {"prep": "acme", "write report": "acme", "ops": "beta", "deploy": "night"}
    for line in ("line 8: a break (**), not work", "line 9: marked *** (not counted)",
                 "line 11: no time (the same time as the line before)"):
        assert line in result.out
    notes = {e["task"]: e["note"] for e in cli.ok("entries", "--week", "2026-W13", "--json").json()}
    assert notes["prep"] == "[planning, urgent]"


def test_times_with_an_offset_are_taken_as_written() -> None:
    data = b"2026-03-27 09:00 +0000: arrived\n2026-03-27 10:00 +0000: acme: work\n"
    (entry,) = read(data, "gtimelog", tz=MADRID).entries
    assert (entry.start.isoformat(), entry.seconds) == ("2026-03-27T09:00:00+00:00", 3600)


def test_appending_to_the_log_imports_only_the_new_lines(cli, tmp_path: Path) -> None:
    path = tmp_path / "timelog.txt"
    path.write_text(TIMELOG)
    cli("import", str(path))
    path.write_text(TIMELOG + "2026-10-25 05:00: night: cleanup\n")
    summary = cli("import", str(path), "--json").json()
    assert summary["entries"] == 1 and summary["tasks"][0]["title"] == "cleanup"
