"""Kimai's CSV export with the default template's columns (English and German
headers, as Kimai 2 writes them): the date, From and To as HH:MM, Duration in
decimal hours or [h]h:mm:ss."""

from __future__ import annotations

from pathlib import Path

from stint.importers import detect, read
from tests.conftest import MADRID

from .conftest import day_totals, projects

HEADER = ("Date,From,To,Duration,Currency,Price,Internal price,Hourly price,Fixed price,Name,User,E-mail,"
          "Staff number,Customer,Project,Activity,Description,Billable,Tags,Type,Category,Account,Project number,"
          "VAT-ID,Order number")
ENGLISH = HEADER + """
2026-03-27,23:00,01:30,2.50,EUR,0.00,0.00,0.00,,Ana,ana,ana@example.com,,Kestrel,Website,Writing,Homepage copy,Yes,"writing,review",timesheet,work,,,,
2026-03-29,01:30,03:30,1.00,EUR,0.00,0.00,0.00,,Ana,ana,ana@example.com,,Kestrel,Website,Design,,Yes,,timesheet,work,,,,
2026-03-28,09:00,10:00,00:59:55,EUR,0.00,0.00,0.00,,Ana,ana,ana@example.com,,,Internal,Admin,,No,,timesheet,work,,,,
2026-03-23,09:00,10:00,25.00,EUR,0.00,0.00,0.00,,Ana,ana,ana@example.com,,,Internal,On call,,No,,timesheet,work,,,,
2026-03-28,14:00,,,EUR,0.00,0.00,0.00,,Ana,ana,ana@example.com,,,Internal,Admin,,No,,timesheet,work,,,,
"""
GERMAN = """Datum,Von,Bis,Dauer,Benutzer,Kunde,Projekt,Tätigkeit,Beschreibung,Schlagworte
2026-03-27,23:00,01:30,"2,5",ana,Kestrel,Website,Writing,Homepage copy,"writing,review"
2026-03-29,01:30,03:30,"1,0",ana,Kestrel,Website,Design,,
2026-03-28,09:00,10:00,00:59:55,ana,,Internal,Admin,,
2026-03-23,09:00,10:00,"25,0",ana,,Internal,On call,,
"""
EXPECTED = {
    ("Writing", "2026-03-27"): 3600,
    ("Writing", "2026-03-28"): 5400,
    ("Design", "2026-03-29"): 3600,        # across the spring DST change
    ("Admin", "2026-03-28"): 3595,         # From is cut to the minute; the stated seconds give the end
    ("On call", "2026-03-23"): 15 * 3600,  # 25 hours from Monday 09:00: To alone cannot say so
    ("On call", "2026-03-24"): 10 * 3600,
}


def test_the_english_export_gives_the_hand_computed_totals(cli, tmp_path: Path) -> None:
    path = tmp_path / "kimai.csv"
    path.write_text(ENGLISH)
    assert detect(path.read_bytes()) == "kimai"
    out = cli.ok("import", str(path)).out
    assert "line 6: still running (no end)" in out
    assert day_totals(cli, "2026-W13") == EXPECTED
    assert projects(cli) == {"Writing": "Website", "Design": "Website", "Admin": "Internal", "On call": "Internal"}
    notes = {e["task"]: e["note"] for e in cli.ok("entries", "--week", "2026-W13", "--json").json()}
    assert notes["Writing"] == "Homepage copy [writing, review]" and notes["Design"] == ""


def test_german_headers_read_the_same(cli, tmp_path: Path) -> None:
    path = tmp_path / "kimai-de.csv"
    path.write_text(GERMAN)
    assert detect(path.read_bytes()) == "kimai"
    cli.ok("import", str(path))
    assert day_totals(cli, "2026-W13") == EXPECTED


def test_the_customer_is_the_category_and_an_id_column_is_the_key() -> None:
    data = ("Date,From,To,Duration,Customer,Project,Activity,Description,ID\n"
            "2026-03-27,09:00,10:00,1.00,Kestrel,Website,Writing,,4711\n").encode()
    (entry,) = read(data, "kimai", tz=MADRID).entries
    assert (entry.key, entry.category, entry.project, entry.title) == ("kimai:4711", "Kestrel", "Website", "Writing")


def test_a_bad_row_is_named_and_the_rest_imported(cli, tmp_path: Path) -> None:
    path = tmp_path / "kimai.csv"
    path.write_text(ENGLISH.replace("2026-03-29,01:30,03:30", "29.03.2026,01:30,03:30").replace(
        "2026-03-28,09:00,10:00", "2026-03-28,9 am,10:00"))
    result = cli("import", str(path))
    assert result.code == 1
    assert result.err.splitlines() == [
        "stint: kimai.csv: line 3: not a date: '29.03.2026'",
        "stint: kimai.csv: line 4: not a time of day: '9 am'",
    ]
    assert set(day_totals(cli, "2026-W13")) == {("Writing", "2026-03-27"), ("Writing", "2026-03-28"),
                                                ("On call", "2026-03-23"), ("On call", "2026-03-24")}
