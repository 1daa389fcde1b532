"""Terminal widths by grapheme cluster, cutting to fit, and tables laid out to a width."""

from __future__ import annotations

import pytest

from stint.textcols import Cell, Column, draw, fit, layout, pad, width


@pytest.mark.parametrize(
    "text,columns",
    [
        ("abc", 3), ("", 0), ("Revisión", 8), ("e\u0301", 1),  # a combining accent takes no column
        ("日本語", 6), ("😀", 2), ("❤️", 2),  # VS16: the heart as an emoji is two columns, not one
        ("👨‍👩‍👧", 2),  # a family joined by zero-width joiners is one picture
        ("🇪🇸", 2),  # a flag: two regional indicators, one picture
    ],
)
def test_width_counts_what_a_terminal_draws(text: str, columns: int) -> None:
    assert width(text) == columns


def test_fit_cuts_between_clusters_and_marks_the_cut() -> None:
    assert fit("Write report", 20) == "Write report"
    assert fit("Write report", 8) == "Write r…"
    assert fit("日本語のタスク", 7) == "日本語…"  # 6 + 1: a wide character never splits
    assert fit("ab👨‍👩‍👧cd", 4) == "ab…"  # the family stays whole or goes
    assert fit("ab👨‍👩‍👧cd", 5) == "ab👨‍👩‍👧…"
    assert fit("anything", 0) == ""


def test_pad_by_columns() -> None:
    assert pad("日本", 6) == "日本  " and pad("7", 3, ">") == "  7"


def test_layout_shrinks_the_most_shrinkable_first_down_to_the_least() -> None:
    columns = [Column("A", shrink=1, least=4), Column("B", shrink=2, least=3), Column("C")]
    rows = [["a" * 10, "b" * 10, "c" * 10]]
    assert layout(columns, rows, None) == [10, 10, 10]
    assert layout(columns, rows, 30) == [10, 6, 10]  # 30 - 4 for the gaps: B gives 4
    assert layout(columns, rows, 20) == [4, 3, 10]  # as far as they go; C never shrinks
    assert layout(columns, rows, 10) == [4, 3, 10]  # too narrow: it overflows rather than lose C


def test_draw_keeps_marks_and_paints_after_padding() -> None:
    lines = draw([Column("Task", shrink=1, least=6), Column("Total", ">")],
                 [[Cell("A long task title", "warn", keep=" *"), "1:30"], "---", [Cell("Total", "total"), "1:30"]],
                 max_width=16, paint=lambda style, text: f"[{style}:{text}]")
    assert lines[0] == "[head:Task     ]  [head:Total]"
    assert lines[2] == "[warn:A long… *]   1:30"
    assert lines[3] == "---------  -----"
    assert lines[4] == "[total:Total    ]   1:30"
