"""The PDF export: the report on A4 landscape, ready to print, sign or mail.

The head names the report, the period and time zone, the person (settings:
`person_name`) and what shaped the numbers (filters, rounding). Then the grid — one
table per week of the period, tasks × days with row and day totals — or the detailed
list — a line per entry and day with the day's total after each day, then the totals
per day. Both end with the totals per project and the period's total.

Written with fpdf2 (pure Python), so the CLI can export PDF on a machine without a
display, and Qt stays inside ui/. Each table's header row repeats on every page; each
page's footer names the report and the page.

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

from ..domain.model import SYNC_FAILED, SYNC_LOCAL_ONLY
from ..domain.text import one_line
from ..domain.timesheet import Row, format_duration
from .export_common import (
    account_name, conditions, day_heading, day_short, day_with_weekday, duration_or_blank, grid_blocks, heading, legend,
    marked_end, marked_start, marks, parts_by_day, project_name, rows_in, subtitle, task_totals, zone_name,
)
from .labels import ENGLISH, Labels
from .report import Report

FONT_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")  # regular, bold
FAMILY = "DejaVuSans"
CORE_FAMILY = "Helvetica"

# Millimetres on A4 landscape (297 mm) with 12 mm margins: 273 mm to share out.
MARGIN = 12
WIDTH = 273
DAY_WIDTH, TOTAL_WIDTH = 18, 20
# Date, Start, End, Duration, Task, Project, Note, Account, Sync
DETAIL_COLUMNS = (24, 15, 16, 19, 62, 32, 55, 22, 28)
SUMMARY_COLUMNS = (90, 25)
MAX_TITLE = 300  # characters; beyond that a title would fill pages, not a cell
# Row backgrounds by flag; the first that applies wins, so the graver flag goes first.
FILLS = {SYNC_FAILED: (253, 226, 226), SYNC_LOCAL_ONLY: (255, 244, 214)}
HEAD_FILL = (238, 238, 238)
DAY_FILL = (246, 246, 246)

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
    report: Report, stream: IO[bytes], *, labels: Labels = ENGLISH, fonts_in: Iterable[Path] | None = None,
    compress: bool = True,
) -> None:
    """`fonts_in` overrides `font_dirs()` (an empty list forces the Helvetica fallback);
    `compress=False` leaves page content readable, for tests."""
    with warnings.catch_warnings():
        # fpdf2 warns on import when Pillow is missing; it is only for images, unused here.
        warnings.filterwarnings("ignore", message="Pillow could not be imported", category=UserWarning)
        from fpdf import FPDF

    pdf = FPDF(orientation="landscape", unit="mm", format="A4")
    family, clean = _use_fonts(pdf, find_fonts(fonts_in))
    footer = clean(f"{labels.made_by} · {heading(report, labels)} · {zone_name(report.period.tz)}")
    page = labels.page.format(page="{page}", pages="{nb}")  # {nb}: fpdf2 fills in the page count
    pdf.footer = lambda: _footer(pdf, family, footer, page)  # type: ignore[method-assign]  # fpdf2's hook
    pdf.set_compression(compress)
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(True, margin=MARGIN + 4)
    pdf.set_title(heading(report, labels))
    pdf.set_creator(labels.made_by)
    if report.person:
        pdf.set_author(one_line(report.person))
    pdf.add_page()

    pdf.set_font(family, "B", 16)
    pdf.cell(0, 9, clean(heading(report, labels)), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(family, "", 10)
    for line, bold in ((one_line(report.person), True), (subtitle(report, labels), False),
                       (conditions(report, labels), False)):
        if line:
            pdf.set_font(family, "B" if bold else "", 10)
            pdf.set_text_color(0 if bold else 85)
            pdf.cell(0, 6, clean(line), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.set_text_color(0)
    pdf.set_font(family, "", 9)
    if report.detail:
        _detail(pdf, report, labels, clean)
    else:
        _grid(pdf, report, labels, clean)
    tasks = task_totals(report, labels)
    if tasks and not report.detail:
        _summary(pdf, labels.per_task, tasks, report.sheet.total, labels, clean)
    _summary(pdf, labels.per_project, [(project_name(p, labels), s) for p, s in report.sheet.project_totals()],
             report.sheet.total, labels, clean)
    notes = legend(report, labels)
    if notes:
        pdf.ln(3)
        pdf.set_font(family, "", 8)
        for note in notes:
            pdf.cell(0, 4.5, clean(note), new_x="LMARGIN", new_y="NEXT")
    stream.write(bytes(pdf.output()))


def _grid(pdf: Any, report: Report, labels: Labels, clean: Callable[[str], str]) -> None:
    from fpdf.fonts import FontFace

    shaded = FontFace(emphasis="BOLD", fill_color=HEAD_FILL)
    blocks = grid_blocks(report)
    if not blocks:
        pdf.cell(0, 6, clean(labels.nothing), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
    for block in blocks:
        days = [report.days[i] for i in block]
        task_width = WIDTH - 42 - DAY_WIDTH * 7 - TOTAL_WIDTH  # as wide as in a full week, whatever the block
        columns = (task_width, 42) + (DAY_WIDTH,) * len(days) + (TOTAL_WIDTH,)
        align = ("LEFT", "LEFT") + ("RIGHT",) * (len(days) + 1)
        rows = rows_in(report, block)
        with pdf.table(headings_style=shaded, **_options(columns, align)) as table:  # headings on each page
            table.row([clean(labels.task), clean(labels.project), *(clean(day_heading(d, labels)) for d in days),
                       clean(labels.total)])
            for row in rows:
                fill = next((colour for flag, colour in FILLS.items() if flag in row.flags), None)
                table.row(_cells(row, block, labels, clean), style=FontFace(fill_color=fill) if fill else None)
            if not rows:
                table.row().cell(clean(labels.nothing), colspan=len(columns), align="LEFT")
            totals = [sum(r.days[i] for r in report.rows) for i in block]
            table.row([clean(labels.total), "", *(duration_or_blank(s) for s in totals),
                       format_duration(sum(totals))], style=shaded)
        pdf.ln(2)


def _detail(pdf: Any, report: Report, labels: Labels, clean: Callable[[str], str]) -> None:
    from fpdf.fonts import FontFace

    period = report.period
    shaded = FontFace(emphasis="BOLD", fill_color=HEAD_FILL)
    day_line = FontFace(emphasis="BOLD", fill_color=DAY_FILL)
    align = ("LEFT", "LEFT", "LEFT", "RIGHT", "LEFT", "LEFT", "LEFT", "LEFT", "LEFT")
    heads = [labels.date, labels.start, labels.end, labels.duration, labels.task, labels.project, labels.note,
             labels.account, labels.sync]
    by_day = parts_by_day(report)
    day_totals = report.sheet.day_totals
    with pdf.table(headings_style=shaded, **_options(DETAIL_COLUMNS, align)) as table:
        table.row([clean(h) for h in heads])
        for index, parts in by_day.items():
            day = clean(day_with_weekday(report.days[index], labels))
            short = clean(day_short(report.days[index], labels))  # the year is in the head
            for part in parts:
                span = part.span
                fill = FILLS.get(span.flag or "")
                table.row([
                    short, clean(marked_start(part, period, labels)), clean(marked_end(part, period, labels)),
                    format_duration(part.seconds), clean(_short(span.task)), clean(one_line(span.project or "")),
                    clean(_short(span.note)), clean(one_line(account_name(span.account, labels))),
                    clean(labels.sync_label(span.sync)),
                ], style=FontFace(fill_color=fill) if fill else None)
            row = table.row(style=day_line)
            row.cell(day, colspan=3)
            row.cell(format_duration(day_totals[index]), align="RIGHT")
            row.cell("", colspan=5)
        if not by_day:
            table.row().cell(clean(labels.nothing), colspan=len(DETAIL_COLUMNS), align="LEFT")
        row = table.row(style=shaded)
        row.cell(clean(labels.total), colspan=3)
        row.cell(format_duration(report.sheet.total), align="RIGHT")
        row.cell("", colspan=5)
    pdf.ln(2)
    days = [(day_with_weekday(report.days[i], labels), day_totals[i]) for i in by_day]
    _summary(pdf, labels.per_day, days, report.sheet.total, labels, clean)


def _summary(pdf: Any, caption: str, rows: list[tuple[str, int]], total: int, labels: Labels,
             clean: Callable[[str], str]) -> None:
    from fpdf.fonts import FontFace

    shaded = FontFace(emphasis="BOLD", fill_color=HEAD_FILL)
    with pdf.table(headings_style=shaded, **_options(SUMMARY_COLUMNS, ("LEFT", "RIGHT"))) as table:
        table.row([clean(caption), clean(labels.total)])
        for name, seconds in rows:
            table.row([clean(_short(name)), format_duration(seconds)])
        table.row([clean(labels.total), format_duration(total)], style=shaded)
    pdf.ln(2)


def _options(columns: tuple[int, ...], align: tuple[str, ...]) -> dict[str, Any]:
    return dict(col_widths=columns, width=sum(columns), text_align=align, line_height=5, padding=(1, 1.5),
                align="LEFT")


def _use_fonts(pdf: Any, fonts: tuple[Path, Path] | None) -> tuple[str, Callable[[str], str]]:
    """Register the fonts with `pdf`; return the family to set and how to clean text for it."""
    if fonts is None:
        return CORE_FAMILY, _latin1_cleaner
    pdf.add_font(FAMILY, "", str(fonts[0]))
    pdf.add_font(FAMILY, "B", str(fonts[1]))
    # fpdf2 prints a character its font lacks as nothing at all; "?" shows something was there.
    key = FAMILY.lower()
    return FAMILY, _unicode_cleaner(pdf.fonts[key].cmap.keys() & pdf.fonts[key + "B"].cmap.keys())


def _footer(pdf: Any, family: str, text: str, page: str) -> None:
    pdf.set_y(-MARGIN + 2)
    pdf.set_font(family, "", 8)
    pdf.set_text_color(110)
    pdf.cell(0, 5, text, align="L")
    pdf.set_x(MARGIN)
    pdf.cell(0, 5, page.replace("{page}", str(pdf.page_no())), align="R")
    pdf.set_text_color(0)


def _cells(row: Row, block: range, labels: Labels, clean: Callable[[str], str]) -> list[str]:
    mark = marks(row, labels)
    task = f"{_short(row.task)} {mark}" if mark else _short(row.task)
    seconds = [row.days[i] for i in block]
    days = [duration_or_blank(s) for s in seconds]
    return [clean(task), clean(one_line(row.project or "")), *days, format_duration(sum(seconds))]


def _short(text: str) -> str:
    # Beyond MAX_TITLE characters a title or note would fill pages, not a cell.
    text = one_line(text)
    return text if len(text) <= MAX_TITLE else text[: MAX_TITLE - 1] + "…"


def _unicode_cleaner(covered: Any) -> Callable[[str], str]:
    def clean(text: str) -> str:
        # NFC first: "ó" typed as "o" + combining accent has a single glyph in the font.
        text = unicodedata.normalize("NFC", text)
        return "".join(ch if ord(ch) in covered or ch.isspace() else "?" for ch in text)

    return clean


def _latin1_cleaner(text: str) -> str:
    return text.translate(_PLAIN).encode("latin-1", "replace").decode("latin-1")
