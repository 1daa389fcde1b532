"""What every timesheet export shows the same way: day headings, flag marks, the legend.

Kept free of third-party imports so that the text exporters (and the CLI) load fast.
"""

from __future__ import annotations

from datetime import date, tzinfo

from ..domain.timesheet import Row, Timesheet

# English and fixed rather than strftime("%a"): an exported file must read the same
# whatever the locale of the machine that wrote it.
DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

# Flag -> (mark, explanation). Order matters: marks are shown in this order.
FLAG_MARKS: dict[str, tuple[str, str]] = {
    "local-only": ("*", "local only — the server cannot hold this time"),
    "failed": ("!", "failed — the server rejected this time; it is kept only here"),
}


def day_heading(day: date) -> str:
    """'Mon 23': short enough for a grid column, unambiguous within one week."""
    return f"{DAY_NAMES[day.weekday()]} {day.day}"


def day_long(day: date) -> str:
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def date_range(days: tuple[date, ...]) -> str:
    """'16–22 Nov 2026', '30 Nov – 6 Dec 2026' or '29 Dec 2025 – 4 Jan 2026'."""
    first, last = days[0], days[-1]
    if first.year != last.year:
        return f"{day_long(first)} – {day_long(last)}"
    if first.month != last.month:
        return f"{first.day} {MONTH_NAMES[first.month - 1]} – {day_long(last)}"
    return f"{first.day}–{day_long(last)}"


def tz_name(tz: tzinfo) -> str:
    """'Europe/Madrid' for a ZoneInfo; otherwise whatever the zone calls itself."""
    return str(getattr(tz, "key", None) or tz)


def title(timesheet: Timesheet) -> str:
    return f"Timesheet {timesheet.week.label} · {date_range(timesheet.days)}"


def marks(row: Row) -> str:
    """The marks of a row's flags, e.g. '*' or '*!'; unknown flags are not marked."""
    return "".join(mark for flag, (mark, _) in FLAG_MARKS.items() if flag in row.flags)


def legend(timesheet: Timesheet) -> list[str]:
    """One line per flag that occurs in the timesheet, e.g. '* local only — ...'."""
    present = set().union(*(row.flags for row in timesheet.rows))
    return [f"{mark} {text}" for flag, (mark, text) in FLAG_MARKS.items() if flag in present]


def flag_words(row: Row) -> str:
    """'local only, failed': the flags spelled out, for formats with a column for them."""
    known = [FLAG_MARKS[f][1].split(" — ")[0] for f in FLAG_MARKS if f in row.flags]
    return ", ".join(known + sorted(row.flags - FLAG_MARKS.keys()))


def hours(seconds: int) -> str:
    """Decimal hours with two decimals, as Kimai and Toggl put them in CSV files."""
    return f"{seconds / 3600:.2f}"


def one_line(text: str) -> str:
    """Titles from servers may hold newlines and tabs, which a grid cell must not, and
    control characters (a terminal escape sequence, say), which no output should."""
    return " ".join(without_controls(text).split())


def without_controls(text: str) -> str:
    """`text` without C0/C1 control characters other than tab and newline."""
    return text.translate(_CONTROLS)


_CONTROLS = {c: None for c in (*range(0x20), *range(0x7F, 0xA0)) if chr(c) not in "\t\n\r"}
