"""Text in terminal columns: how wide a string shows, cutting to fit, and tables laid
out to a width.

Widths come from `wcwidth`, which follows the Unicode tables terminals use: East Asian
wide characters and emoji take two columns, combining marks none, and it measures
whole grapheme clusters — an emoji with its presentation selector (❤️), a family
joined by zero-width joiners (👨‍👩‍👧) or a flag (🇪🇸) is one picture of two columns,
which `unicodedata.east_asian_width` gets wrong. It also cuts strings between
clusters, never inside one. It is imported only when a table is drawn (~35 ms).

`paint(style, text)` colours a cell after it is padded, so escape sequences never
count as width; the default paints nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

Paint = Callable[[str, str], str]
ELLIPSIS = "…"
GAP = "  "


def no_paint(_style: str, text: str) -> str:
    return text


def width(text: str) -> int:
    """Columns `text` takes in a terminal."""
    if text.isascii() and text.isprintable():
        return len(text)  # the usual case, without importing wcwidth
    import wcwidth

    return max(0, wcwidth.width(text, control_codes="ignore"))


def fit(text: str, columns: int) -> str:
    """`text` cut to at most `columns` columns, ending in "…" when cut."""
    if width(text) <= columns:
        return text
    if columns <= 0:
        return ""
    import wcwidth

    kept, used = [], 0
    for cluster in wcwidth.iter_graphemes(text):
        w = width(cluster)
        if used + w > columns - 1:
            break
        kept.append(cluster)
        used += w
    return "".join(kept).rstrip() + ELLIPSIS


def pad(text: str, columns: int, align: str = "<") -> str:
    space = " " * max(0, columns - width(text))
    return space + text if align == ">" else text + space


@dataclass(frozen=True)
class Column:
    head: str
    align: str = "<"  # "<" left, ">" right
    shrink: int = 0  # when too wide, columns with a higher value give up width first
    least: int = 6  # columns it never shrinks below


@dataclass(frozen=True)
class Cell:
    text: str
    style: str = ""  # a name `paint` knows, e.g. "head", "total", "warn"
    keep: str = ""  # shown after `text` and never cut: a row's marks

    @property
    def full(self) -> str:
        return f"{self.text}{self.keep}"

    def fitted(self, columns: int) -> str:
        return fit(self.text, columns - width(self.keep)) + self.keep if self.keep else fit(self.text, columns)


def layout(columns: Sequence[Column], rows: Sequence[Sequence[str]], max_width: int | None) -> list[int]:
    """Each column's width: its widest cell, then shrunk — most shrinkable first — until
    the line fits `max_width` (None: no limit) or every column is at its least."""
    widths = [max([width(c.head)] + [width(row[i]) for row in rows]) for i, c in enumerate(columns)]
    if max_width is None:
        return widths
    excess = sum(widths) + len(GAP) * (len(columns) - 1) - max_width
    for level in sorted({c.shrink for c in columns if c.shrink > 0}, reverse=True):
        for i, column in enumerate(columns):
            if excess <= 0:
                return widths
            if column.shrink == level and widths[i] > column.least:
                give = min(excess, widths[i] - column.least)
                widths[i] -= give
                excess -= give
    return widths


def draw(
    columns: Sequence[Column],
    rows: Sequence[Sequence[Cell | str]],
    max_width: int | None = None,
    paint: Paint = no_paint,
    *,
    rule: bool = True,
) -> list[str]:
    """A header line, a rule, then `rows` ("---" alone is a rule; a short row is filled
    with blanks), each cell fitted to its column and painted. Trailing spaces are trimmed."""
    blank = Cell("")
    table = [None if row == "---" else [c if isinstance(c, Cell) else Cell(c) for c in row] for row in rows]
    table = [None if row is None else row + [blank] * (len(columns) - len(row)) for row in table]
    widths = layout(columns, [[c.full for c in row] for row in table if row is not None], max_width)

    def line(row: Sequence[Cell]) -> str:
        out = []
        for cell, column, w in zip(row, columns, widths):
            text = pad(cell.fitted(w), w, column.align)
            out.append(paint(cell.style, text) if cell.style and cell.full else text)
        return GAP.join(out).rstrip()

    dashes = GAP.join("-" * w for w in widths)
    lines = [line([Cell(c.head, "head") for c in columns])]
    if rule:
        lines.append(dashes)
    lines += [dashes if row is None else line(row) for row in table]
    return lines
