"""Making text from people and servers safe to show: in a terminal, a grid cell or a
spreadsheet.

Task titles, notes, project and account names and servers' messages are data, never
instructions. A title holding ESC [ 2 J must not clear the reader's terminal, a bell
must not ring, a newline must not forge a line of output, and a note starting with
"=" must not run as a spreadsheet formula.
"""

from __future__ import annotations

# C0 controls, DEL and the C1 range (U+009B is a one-character CSI in many terminals).
_C0_C1 = (*range(0x20), *range(0x7F, 0xA0))
# Bidirectional embeddings, overrides and isolates: they make a line show in another
# order than it reads (the "Trojan source" trick); text in a terminal has no use for them.
_BIDI = (*range(0x202A, 0x202F), *range(0x2066, 0x206A))
_LINE_BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"

_DROP_CONTROLS = {c: None for c in _C0_C1 if chr(c) not in "\t\n\r"}
_DROP_FOR_TERMINAL = {c: None for c in (*_C0_C1, *_BIDI)} | {ord(c): " " for c in (*_LINE_BREAKS, "\t")}

# Spreadsheets run a cell that starts with one of these (OWASP, "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def without_controls(text: str) -> str:
    """`text` without C0/C1 control characters other than tab and line ends: for
    formats that may hold several lines (a note in a CSV cell, an HTML page)."""
    return text.translate(_DROP_CONTROLS)


def one_line(text: str) -> str:
    """`text` as one line for a terminal or a grid cell: line breaks and tabs become
    spaces, runs of spaces one space, and control and bidi-override characters go."""
    return " ".join(text.translate(_DROP_FOR_TERMINAL).split())


def looks_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_STARTS)


def defused(text: str) -> str:
    """A CSV cell a spreadsheet shows as text: a leading apostrophe before anything that
    would start a formula, as OWASP recommends."""
    return "'" + text if looks_like_formula(text) else text


def plural(count: int, one: str, many: str | None = None) -> str:
    """'1 change', '2 changes', '0 changes' ('many' for irregular words)."""
    return f"{count} {one if count == 1 else (many or one + 's')}"
