"""The PDF export: the week's grid on A4 landscape, ready to print, sign or mail.

Written with fpdf2 (pure Python), so the CLI can export PDF on a machine without a
display, and Qt stays inside ui/. The header row repeats on every page; each page's
footer names the week and the page.

Task titles can hold any Unicode, so the text is set in DejaVu Sans, shipped in
resources/fonts/ (see LICENSE-DejaVu.txt there). It covers Latin, Greek, Cyrillic and
many symbols, but not Chinese or Japanese: characters the font lacks print as "?"
rather than vanishing. Should the font files be missing (a broken install or bundle),
the export still works in the PDF core font Helvetica, which only has Latin-1; other
characters then print as "?" too.
"""

from __future__ import annotations

import unicodedata
import warnings
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO, Any

from ..domain.timesheet import Row, Timesheet, format_duration
from .export_common import date_range, day_heading, legend, marks, one_line, tz_name

FONT_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")  # regular, bold
FAMILY = "DejaVuSans"
CORE_FAMILY = "Helvetica"

# Millimetres on A4 landscape (297 mm) with 12 mm margins: 273 mm to share out.
MARGIN = 12
COLUMNS = (85, 42) + (18,) * 7 + (20,)  # Task, Project, seven days, Total
MAX_TITLE = 300  # characters; beyond that a title would fill pages, not a cell
# Row backgrounds by flag; the first that applies wins, so the graver flag goes first.
FILLS = {"failed": (253, 226, 226), "local-only": (255, 244, 214)}
HEAD_FILL = (238, 238, 238)

# Core fonts have no glyphs for typographic punctuation beyond Latin-1; spell it plainly.
_PLAIN = str.maketrans({"…": "...", "—": "-", "–": "-", "‘": "'", "’": "'", "“": '"', "”": '"'})


def font_dirs() -> list[Path]:
    """Where to look for the fonts: resources/ at the repository root (running from a
    checkout or an editable install), then stint/resources/ inside the package (wheels
    and app bundles put package data there)."""
    here = Path(__file__).resolve()
    return [here.parents[3] / "resources" / "fonts", here.parents[1] / "resources" / "fonts"]


def find_fonts(dirs: Iterable[Path] | None = None) -> tuple[Path, Path] | None:
    """The regular and bold font files from the first of `dirs` that has both."""
    for folder in font_dirs() if dirs is None else dirs:
        regular, bold = (folder / name for name in FONT_FILES)
        if regular.is_file() and bold.is_file():
            return regular, bold
    return None


def write_pdf(
    timesheet: Timesheet, stream: IO[bytes], *, fonts_in: Iterable[Path] | None = None, compress: bool = True
) -> None:
    """`fonts_in` overrides `font_dirs()` (an empty list forces the Helvetica fallback);
    `compress=False` leaves page content readable, for tests."""
    with warnings.catch_warnings():
        # fpdf2 warns on import when Pillow is missing; it is only for images, unused here.
        warnings.filterwarnings("ignore", message="Pillow could not be imported", category=UserWarning)
        from fpdf import FPDF
        from fpdf.fonts import FontFace

    week = timesheet.week
    pdf = FPDF(orientation="landscape", unit="mm", format="A4")
    family, clean = _use_fonts(pdf, find_fonts(fonts_in))
    footer = clean(f"Stint · Timesheet {week.label} · {tz_name(week.tz)}")
    pdf.footer = lambda: _footer(pdf, family, footer)  # type: ignore[method-assign]  # fpdf2's hook
    pdf.set_compression(compress)
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(True, margin=MARGIN + 4)
    pdf.set_title(f"Timesheet {week.label}")
    pdf.set_creator("Stint")
    pdf.add_page()

    pdf.set_font(family, "B", 16)
    pdf.cell(0, 9, clean(f"Timesheet {week.label}"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(family, "", 10)
    pdf.set_text_color(85)
    subtitle = clean(f"{date_range(timesheet.days)} · {tz_name(week.tz)}")
    pdf.cell(0, 6, subtitle, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.set_text_color(0)

    pdf.set_font(family, "", 9)
    shaded = FontFace(emphasis="BOLD", fill_color=HEAD_FILL)
    align = ("LEFT", "LEFT") + ("RIGHT",) * 8
    options = dict(col_widths=COLUMNS, width=sum(COLUMNS), text_align=align, line_height=5, padding=(1, 1.5))
    with pdf.table(headings_style=shaded, **options) as table:  # repeats the headings on each page
        table.row(["Task", "Project", *(day_heading(d) for d in timesheet.days), "Total"])
        for row in timesheet.rows:
            fill = next((colour for flag, colour in FILLS.items() if flag in row.flags), None)
            table.row(_cells(row, clean), style=FontFace(fill_color=fill) if fill else None)
        if not timesheet.rows:
            table.row().cell("No time recorded this week.", colspan=len(COLUMNS), align="LEFT")
        totals = [_duration(s) for s in timesheet.day_totals]
        table.row(["Total", "", *totals, format_duration(timesheet.total)], style=shaded)

    notes = legend(timesheet)
    if notes:
        pdf.ln(3)
        pdf.set_font(family, "", 8)
        for note in notes:
            pdf.cell(0, 4.5, clean(note), new_x="LMARGIN", new_y="NEXT")
    stream.write(bytes(pdf.output()))


def _use_fonts(pdf: Any, fonts: tuple[Path, Path] | None) -> tuple[str, Callable[[str], str]]:
    """Register the fonts with `pdf`; return the family to set and how to clean text for it."""
    if fonts is None:
        return CORE_FAMILY, _latin1_cleaner
    pdf.add_font(FAMILY, "", str(fonts[0]))
    pdf.add_font(FAMILY, "B", str(fonts[1]))
    # fpdf2 prints a character its font lacks as nothing at all; "?" shows something was there.
    key = FAMILY.lower()
    return FAMILY, _unicode_cleaner(pdf.fonts[key].cmap.keys() & pdf.fonts[key + "B"].cmap.keys())


def _footer(pdf: Any, family: str, text: str) -> None:
    pdf.set_y(-MARGIN + 2)
    pdf.set_font(family, "", 8)
    pdf.set_text_color(110)
    pdf.cell(0, 5, text, align="L")
    pdf.set_x(MARGIN)
    pdf.cell(0, 5, f"Page {pdf.page_no()}/{{nb}}", align="R")  # {nb}: fpdf2 fills in the page count
    pdf.set_text_color(0)


def _cells(row: Row, clean: Callable[[str], str]) -> list[str]:
    task = one_line(row.task)
    if len(task) > MAX_TITLE:
        task = task[: MAX_TITLE - 1] + "…"
    mark = marks(row)
    task = f"{task} {mark}" if mark else task
    days = [_duration(s) for s in row.days]
    return [clean(task), clean(one_line(row.project or "")), *days, format_duration(row.total)]


def _duration(seconds: int) -> str:
    return format_duration(seconds) if seconds else ""


def _unicode_cleaner(covered: Any) -> Callable[[str], str]:
    def clean(text: str) -> str:
        # NFC first: "ó" typed as "o" + combining accent has a single glyph in the font.
        text = unicodedata.normalize("NFC", text)
        return "".join(ch if ord(ch) in covered or ch.isspace() else "?" for ch in text)

    return clean


def _latin1_cleaner(text: str) -> str:
    return text.translate(_PLAIN).encode("latin-1", "replace").decode("latin-1")
