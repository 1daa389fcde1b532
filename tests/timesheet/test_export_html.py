"""The HTML page, parsed back with the standard library's HTML parser."""

from __future__ import annotations

import io
from html.parser import HTMLParser

from stint.domain.timesheet import Row, Timesheet
from stint.timesheet.export_html import write_html

from .conftest import CJK_TITLE, SCRIPT_TITLE, SPANISH_TITLE

DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


class Grid(HTMLParser):
    """Collects the table as (section, row classes, [cell texts]) and the page's tags."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[tuple[str, str, list[str]]] = []
        self.tags: list[str] = []
        self.title = ""
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


def page(sheet: Timesheet) -> tuple[str, Grid]:
    stream = io.StringIO()
    write_html(sheet, stream)
    grid = Grid()
    grid.feed(stream.getvalue())
    grid.close()
    return stream.getvalue(), grid


def test_page_holds_the_grid_and_totals(dst_sheet: Timesheet) -> None:
    _, grid = page(dst_sheet)
    assert grid.title == "Timesheet 2026-W13 · 23–29 Mar 2026"
    assert grid.rows == [
        ("thead", "", ["Task", "Project", *(f"{d} {n}" for d, n in zip(DAYS, range(23, 30))), "Total"]),
        ("tbody", "flag-local-only", [SCRIPT_TITLE + "*", "", "", "", "", "0:45", "", "", "", "0:45"]),
        ("tbody", "", [SPANISH_TITLE, "Acme", "1:30", "1:00", "1:00", "", "", "", "", "3:30"]),
        ("tbody", "flag-failed", [CJK_TITLE + "!", "Ops", "", "", "", "", "", "", "23:00", "23:00"]),
        ("tfoot", "", ["Total", "", "1:30", "1:00", "1:00", "0:45", "", "", "23:00", "27:15"]),
    ]
    assert grid.legend == [
        "* local only — the server cannot hold this time",
        "! failed — the server rejected this time; it is kept only here",
    ]


def test_titles_are_escaped_never_markup(dst_sheet: Timesheet) -> None:
    html, grid = page(dst_sheet)
    assert "<script" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &quot;co&quot;" in html
    assert "script" not in grid.tags


def test_hostile_projects_and_flags_stay_text(dst_sheet: Timesheet) -> None:
    row = Row("p", "ok", '"><img src=x onerror=alert(1)>', [60] + [0] * 6, {'x" onload="alert(1)'})
    html, grid = page(Timesheet(dst_sheet.week, [row]))
    assert "img" not in grid.tags and "onload" not in html
    assert grid.rows[1] == ("tbody", "", ["ok", '"><img src=x onerror=alert(1)>', "0:01", *[""] * 6, "0:01"])


def test_control_characters_are_dropped(dst_sheet: Timesheet) -> None:
    html, _ = page(Timesheet(dst_sheet.week, [Row("b", "bell\x07 ring\x1b", None, [60] + [0] * 6)]))
    assert "\x07" not in html and "\x1b" not in html and "bell ring" in html


def test_page_is_standalone_and_printable(dst_sheet: Timesheet) -> None:
    html, grid = page(dst_sheet)
    assert html.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in html
    assert "@media print" in html and "@page" in html
    for outside in ("http:", "https:", "src=", "<link", "@import", "url("):
        assert outside not in html
    assert not {"link", "script", "img", "iframe"} & set(grid.tags)


def test_page_of_an_empty_week(empty_sheet: Timesheet) -> None:
    _, grid = page(empty_sheet)
    assert grid.title == "Timesheet 2026-W47 · 16–22 Nov 2026"
    assert grid.rows[1] == ("tbody", "", ["No time recorded this week."])
    assert grid.rows[2] == ("tfoot", "", ["Total", "", *[""] * 7, "0:00"])
    assert grid.legend == []
