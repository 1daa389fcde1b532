"""Lengths of time: how they are written (the timesheet's H:MM and a running timer's
H:MM:SS) and how people type them.

Apart from domain.timesheet (which re-exports the formatters) so that printing a
length does not load the timesheet's types: `stint stop` and `stint status` print
one each. Reading one (`parse_duration`) compiles its patterns on first use, so
those commands never pay for it.

What `parse_duration` reads:

    1:30  0:45  1:30:15    hours and minutes (and seconds)
    90m  90 min  2h  1h30  1h30m   hours and/or minutes
    1.5h  1,5h  1.5        decimal hours (a comma too: the way much of Europe writes)
    45                     a bare whole number is minutes (what a person means by "45")
"""

from __future__ import annotations

_CLOCK = r"(\d{1,3}):([0-5]\d)(?::([0-5]\d))?"
_UNITS = r"(?:(\d{1,3})\s*h(?:ours?|rs?)?)?\s*(?:(\d{1,5})\s*(?:m(?:in(?:utes?)?)?)?)?"
_DECIMAL = r"(\d{1,3})[.,](\d{1,2})\s*(?:h(?:ours?|rs?)?)?"
EXAMPLES = "e.g. 1:30, 90m, 1h30m or 1.5h"


def format_duration(seconds: int) -> str:
    """H:MM, the way timesheets show it."""
    minutes = int(seconds) // 60
    return f"{minutes // 60}:{minutes % 60:02d}"


def format_elapsed(seconds: float) -> str:
    """H:MM:SS, the way a running timer shows it."""
    seconds = max(0, int(seconds))
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def parse_duration(text: str) -> int:
    """Seconds in `text` (forms in the module docstring); longer than zero."""
    from .errors import UsageError

    raw = text.strip().lower()
    seconds = _read(raw)
    if seconds is None:
        raise UsageError(f"not a duration: {text.strip()!r} ({EXAMPLES})")
    if seconds <= 0:
        raise UsageError("a duration must be longer than zero")
    return seconds


def _read(raw: str) -> int | None:
    import re  # here: the commands that only print a length never compile these

    if match := re.fullmatch(_CLOCK, raw):
        return int(match.group(1)) * 3600 + int(match.group(2)) * 60 + int(match.group(3) or 0)
    if match := re.fullmatch(_DECIMAL, raw):
        return round(float(f"{match.group(1)}.{match.group(2)}") * 3600)
    match = re.fullmatch(_UNITS, raw)
    if not raw or match is None or not (match.group(1) or match.group(2)):
        return None
    return int(match.group(1) or 0) * 3600 + int(match.group(2) or 0) * 60
