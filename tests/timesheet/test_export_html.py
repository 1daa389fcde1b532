"""The HTML page, parsed back with the standard library's HTML parser."""

from __future__ import annotations

import io
from html.parser import HTMLParser

from stint.domain.timesheet import Rounding, Span
from stint.timesheet.export_html import write_html
from stint.timesheet.report import Report

from .conftest import CJK_TITLE, SCRIPT_TITLE, SPANISH_TITLE, TWO_LINE_NOTE, at, with_rows

DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


class Grid(HTMLParser):
    """Collects the table as (section, row classes, [cell texts]) and the page's tags."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[tuple[str, str, list[str]]] = []
        self.tags: list[str] = []
        self.title = ""
        self.paragraphs: list[str] = []
        self.headings: list[str] = []
        self.legend: list[str] = []
        self._section = ""
        self._cell: list[str] | None = None
        self._in: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self._in.append(tag)
        if tag in ("thead", "tbody", "tfoot"):
            self._section = tag
        elif tag == "tr":
            self.rows.append((self._section, dict(attrs).get("class") or "", []))
        elif tag in ("th", "td"):
            self._cell = []
        elif tag == "li":
            self.legend.append("")
        elif tag == "p":
            self.paragraphs.append("")
        elif tag in ("h1", "h2"):
            self.headings.append("")

    def handle_endtag(self, tag: str) -> None:
        self._in.pop()
        if tag in ("th", "td") and self._cell is not None:
            self.rows[-1][2].append("".join(self._cell))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)
        elif self._in and self._in[-1] == "title":
            self.title += data
        elif self._in and self._in[-1] == "li":
            self.legend[-1] += data
        elif self._in and self._in[-1] == "p":
            self.paragraphs[-1] += data
        elif self._in and self._in[-1] in ("h1", "h2"):
            self.headings[-1] += data


def page(sheet: Report) -> tuple[str, Grid]:
    stream = io.StringIO()
    write_html(sheet, stream)
    grid = Grid()
    grid.feed(stream.getvalue())
    grid.close()
    return stream.getvalue(), grid


def test_page_holds_the_grid_and_totals(dst_grid: Report) -> None:
    _, grid = page(dst_grid)
    assert grid.title == "Timesheet 2026-W13 · 23–29 Mar 2026"
    assert grid.headings == ["Timesheet 2026-W13", "Per project"]
    assert grid.paragraphs == ["23–29 Mar 2026 · Europe/Madrid"]
    assert grid.rows[:5] == [
        ("thead", "", ["Task", "Project", *(f"{d} {n}" for d, n in zip(DAYS, range(23, 30))), "Total"]),
        ("tbody", "flag-local-only", [SCRIPT_TITLE + "*", "", "", "", "", "0:45", "", "", "", "0:45"]),
        ("tbody", "", [SPANISH_TITLE, "Acme", "1:30", "1:00", "1:00", "", "", "", "", "3:30"]),
        ("tbody", "flag-failed", [CJK_TITLE + "!", "Ops", "", "", "", "", "", "", "23:00", "23:00"]),
        ("tfoot", "", ["Total", "", "1:30", "1:00", "1:00", "0:45", "", "", "23:00", "27:15"]),
    ]
    assert grid.rows[5:] == [
        ("tbody", "", ["(no project)", "0:45"]), ("tbody", "", ["Acme", "3:30"]), ("tbody", "", ["Ops", "23:00"]),
        ("tfoot", "", ["Total", "27:15"]),
    ]
    assert grid.legend == [
        "* local only — the server cannot hold this time",
        "! failed — the server rejected this time; it is kept only here",
    ]


def test_the_person_and_what_shaped_the_numbers_are_in_the_head(dst_grid: Report) -> None:
    spans = [Span("a", "A", "Acme", at(2026, 3, 23, 9), at(2026, 3, 23, 9, 7), account="work")]
    from stint.domain.timesheet import Filters

    report = with_rows(dst_grid, spans, person="Ana García", rounding=Rounding(15),
                       filters=Filters.of(projects=["Acme"]))
    _, grid = page(report)
    assert grid.paragraphs == ["23–29 Mar 2026 · Europe/Madrid", "Ana García",
                               "only project Acme · each entry rounded up to 15 min per day"]
    assert grid.rows[1][2][2] == "0:15"


def test_detail_lists_entries_by_day_with_day_totals(dst_detail: Report) -> None:
    _, grid = page(dst_detail)
    assert grid.headings == ["Time entries 2026-W13", "Per day", "Per project"]
    assert "Ana García" in grid.paragraphs
    body = [(section, cls, cells) for section, cls, cells in grid.rows]
    assert body[0] == ("thead", "", ["Date", "Start", "End", "Duration", "Task", "Project", "Note", "Account", "Sync"])
    assert body[1:9] == [
        ("tbody", "", ["Mon 23 Mar 2026", "09:00", "10:30", "1:30", SPANISH_TITLE, "Acme", TWO_LINE_NOTE, "work",
                       "synced"]),
        ("tbody", "day-total", ["Mon 23 Mar 2026", "1:30", ""]),
        ("tbody", "", ["Tue 24 Mar 2026", "23:00", "24:00→", "1:00", SPANISH_TITLE, "Acme", "", "work",
                       "waiting to sync"]),
        ("tbody", "day-total", ["Tue 24 Mar 2026", "1:00", ""]),
        ("tbody", "", ["Wed 25 Mar 2026", "→00:00", "01:00", "1:00", SPANISH_TITLE, "Acme", "", "work",
                       "waiting to sync"]),
        ("tbody", "day-total", ["Wed 25 Mar 2026", "1:00", ""]),
        ("tbody", "flag-local-only", ["Thu 26 Mar 2026", "14:00", "14:45", "0:45", SCRIPT_TITLE, "",
                                      "=cmd|' /C calc'!A0", "work", "local only"]),
        ("tbody", "day-total", ["Thu 26 Mar 2026", "0:45", ""]),
    ]
    assert body[9] == ("tbody", "flag-failed", ["Sun 29 Mar 2026", "00:00", "24:00", "23:00", CJK_TITLE, "Ops", "",
                                                "home", "failed"])
    assert body[11] == ("tfoot", "", ["Total", "27:15", ""])
    per_day = body[12:18]
    assert per_day == [("tbody", "", ["Mon 23 Mar 2026", "1:30"]), ("tbody", "", ["Tue 24 Mar 2026", "1:00"]),
                       ("tbody", "", ["Wed 25 Mar 2026", "1:00"]), ("tbody", "", ["Thu 26 Mar 2026", "0:45"]),
                       ("tbody", "", ["Sun 29 Mar 2026", "23:00"]), ("tfoot", "", ["Total", "27:15"])]
    assert grid.legend == ["→ the entry goes on across midnight; each day shows its own part"]


def test_a_month_grid_has_a_table_per_week_with_time_and_task_totals(october_grid: Report) -> None:
    _, grid = page(october_grid)
    heads = [cells for section, _, cells in grid.rows if section == "thead"]
    assert [h[2] for h in heads] == ["Thu 1", "Mon 19", "Mon 26"]
    assert ("tbody", "", ["Night shift", "Ops", "", "", "", "", "", "", "25:00", "25:00"]) in grid.rows
    assert ("tbody", "", ["Standup", "Team", "", "", "", "", "", "1:30", "1:30"]) in grid.rows
    assert grid.headings == ["Timesheet 2026-10", "Per task", "Per project"]
    assert ("tbody", "", ["Ops · Night shift", "25:00"]) in grid.rows
    assert ("tbody", "", ["Team · Standup", "1:50"]) in grid.rows
    assert grid.rows[-1] == ("tfoot", "", ["Total", "26:50"])


def test_titles_are_escaped_never_markup(dst_grid: Report) -> None:
    html, grid = page(dst_grid)
    assert "<script" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &quot;co&quot;" in html
    assert "script" not in grid.tags


def test_hostile_projects_notes_and_people_stay_text(dst_grid: Report) -> None:
    spans = [Span("p", "ok", '"><img src=x onerror=alert(1)>', at(2026, 3, 23, 9), at(2026, 3, 23, 9, 1),
                  note="<iframe src=//evil>", account='x" onload="alert(1)', flag='x" onload="alert(1)')]
    for detail in (False, True):
        html, grid = page(with_rows(dst_grid, spans, detail=detail, person="<b>boss</b>"))
        assert not {"img", "iframe", "b"} & set(grid.tags) and 'onload="' not in html
        assert "<b>boss</b>" in grid.paragraphs


def test_control_characters_are_dropped(dst_grid: Report) -> None:
    html, _ = page(with_rows(dst_grid, [Span("b", "bell\x07 ring\x1b", None, at(2026, 3, 23, 9), at(2026, 3, 23, 10))]))
    assert "\x07" not in html and "\x1b" not in html and "bell ring" in html


def test_page_is_standalone_and_printable(dst_grid: Report) -> None:
    html, grid = page(dst_grid)
    assert html.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in html
    assert "@media print" in html and "@page" in html
    for outside in ("http:", "https:", "src=", "<link", "@import", "url("):
        assert outside not in html
    assert not {"link", "script", "img", "iframe"} & set(grid.tags)


def test_page_of_an_empty_week(empty_sheet: Report) -> None:
    _, grid = page(empty_sheet)
    assert grid.title == "Timesheet 2026-W47 · 16–22 Nov 2026"
    assert grid.rows[1] == ("tbody", "", ["No time recorded in this period."])
    assert grid.rows[2] == ("tfoot", "", ["Total", "", *[""] * 7, "0:00"])
    assert grid.legend == []
